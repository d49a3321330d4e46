// Every refusal's next step must lead somewhere real: the catalogue's `step` names a page of the app (checked against
// src/app.config.ts, the list WeChat loads), an action of a cloud function (checked against the contract's input
// schemas, which the functions' routers are typed to implement), or something the app does itself. And a next
// step that names a place in words ("我的申请", 帮助中心 …) must carry such a step, so the words never point nowhere.
import fs from 'node:fs'
import path from 'node:path'
import { schemas } from '@core/schemas'
import { ERRORS, type NextStep } from '@core/shared'

const root = path.resolve(__dirname, '../..')

interface AppConfig {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
}

function appRoutes(): Set<string> {
  const g = globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }
  g.defineAppConfig = (c) => c
  const config: AppConfig = require('../../src/app.config').default
  return new Set([
    ...config.pages,
    ...config.subPackages.flatMap((p) => p.pages.map((x) => `${p.root}/${x}`)),
  ])
}

const routes = appRoutes()
const APP_STEPS = ['update']
const entries = Object.entries(ERRORS) as [string, { message: string; next: string; step?: NextStep }][]
const withStep = entries.filter(([, e]) => e.step).map(([code, e]) => [code, e.step!] as const)

describe('next steps of the error catalogue', () => {
  it('the app lists the pages this test reads', () => {
    expect(routes.has('pages/index/index')).toBe(true)
    expect(routes.has('employee/makeup/index')).toBe(true)
    expect(withStep.length).toBeGreaterThan(10)
  })

  it.each(withStep)('%s: its step leads to something that exists', (_code, step) => {
    expect(step.label).toMatch(/[\u4e00-\u9fff]/)
    if ('page' in step) {
      expect(routes).toContain(step.page)
      // and the page's source is there to be built
      const file = path.join(root, 'src', `${step.page}.tsx`)
      expect(fs.existsSync(file)).toBe(true)
    } else if ('action' in step) {
      const [fn, action] = step.action.split('.')
      expect(Object.keys(schemas)).toContain(fn)
      expect(Object.keys(schemas[fn as keyof typeof schemas])).toContain(action)
      // the function's router registers it
      const index = fs.readFileSync(path.join(root, 'cloudfunctions', fn, 'src', 'index.ts'), 'utf8')
      expect(index).toMatch(new RegExp(`\\b${action}\\b`))
    } else {
      expect(APP_STEPS).toContain(step.app)
    }
  })

  // words that name a place of the app or an action the member can take there
  const PLACE = /"[^"]+"|“[^”]+”|帮助中心|首页|我的申请|部门管理|隐私设置|代为登记|申请开通|特殊情况申请|工单/
  it.each(entries.map(([code, e]) => [code, e.next, Boolean(e.step)] as const))(
    '%s: a next step that names a place carries a step ("%s")',
    (_code, next, hasStep) => {
      if (PLACE.test(next)) expect(hasStep).toBe(true)
    },
  )

  it('every reason make-up can be unavailable offers a step', () => {
    for (const code of [
      'NOT_BOUND',
      'MAKEUP_NOT_ENABLED',
      'CLIENT_TOO_OLD',
      'IDENTITY_BINDING_REQUIRED',
      'EXTRA_VERIFICATION_REQUIRED',
      'MAKEUP_WINDOW_PASSED',
      'MAKEUP_CUTOFF_PASSED',
      'QUOTA_EXHAUSTED',
    ] as const)
      expect(ERRORS[code].step).toBeDefined()
  })
})
