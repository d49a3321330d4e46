// The subscribe-message deployment configuration (config/subscribe-templates.json) is the one place template ids
// and field keys are set: it passes the check the notify function runs at start, it agrees with the local
// emulator's template registry, DEPLOY.md lists it, and the check catches what WeChat would refuse.
import fs from 'node:fs'
import path from 'node:path'
import { NOTICE_KINDS, templateConfigProblems, type TemplateConfig } from '@core/notices'

const root = path.resolve(__dirname, '../..')
const config: TemplateConfig = JSON.parse(
  fs.readFileSync(path.join(root, 'config/subscribe-templates.json'), 'utf8'),
)
const registry: Record<string, { title: string; fields: Record<string, string> }> = JSON.parse(
  fs.readFileSync(path.join(root, 'database/subscribe-templates.json'), 'utf8'),
)
const clone = (): TemplateConfig => JSON.parse(JSON.stringify(config))

test('the deployment configuration passes the start-up check', () => {
  expect(templateConfigProblems(config)).toEqual([])
})

test.each(NOTICE_KINDS)(
  '%s: its template exists in the local registry with that title and those field types',
  (kind) => {
    const t = config.templates[kind]
    const r = registry[t.templateId]
    expect(r).toBeDefined()
    expect(r.title).toBe(t.title)
    expect(Object.fromEntries(Object.keys(t.fields).map((k) => [k, k.replace(/\d+$/, '')]))).toEqual(r.fields)
  },
)

test('the check names a missing kind, a key WeChat never assigns, and two titles on one tap', () => {
  const missing = clone()
  delete missing.templates.ticketReplied
  expect(templateConfigProblems(missing)).toEqual(['ticketReplied: no template configured'])

  const badKey = clone()
  badKey.templates.checkinReminder.fields = { text1: 'text', time2: 'closesAt' }
  expect(templateConfigProblems(badKey)).toEqual([
    'checkinReminder: field key "text1" is not a WeChat key (thing1, time2 …)',
  ])

  const sameTitle = clone()
  sameTitle.templates.reviewPending.title = sameTitle.templates.reviewNeeded.title
  expect(templateConfigProblems(sameTitle)[0]).toMatch(
    /^review tap: reviewNeeded and reviewPending have the same title/,
  )
})

test('the notify function checks it when it starts', () => {
  const src = fs.readFileSync(path.join(root, 'cloudfunctions/notify/src/index.ts'), 'utf8')
  expect(src).toMatch(/^assertTemplateConfig\(\)$/m)
})
