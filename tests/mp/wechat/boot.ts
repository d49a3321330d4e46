// Boots the weapp build on the test WeChat client: `wx`, App, getApp and getCurrentPages as globals, then dist/app.js.
import path from 'node:path'
import { DIST, renderPage as renderHarnessPage } from '../harness'
import { Wechat, type CloudBackend, type WechatOptions } from './client'

export { settle, textOf } from '../harness'

let phone: Wechat | undefined
/** the rendered pages by route, latest last */
const rendered: { route: string; page: any }[] = []

/** Opens a page as navigateTo does: it goes on top of the stack, the pages under it stay mounted. */
export function renderPage(route: string, query: Record<string, string> = {}): any {
  phone?.pageStack.push(route)
  return show(route, query)
}

function show(route: string, query: Record<string, string>): any {
  const page = renderHarnessPage(route, query)
  rendered.push({ route, page })
  return page
}

/** The page on top of the stack, once the app has opened it (a tap that navigates renders it a moment later). */
export async function topPage(wechat: Wechat, route: string): Promise<any> {
  await waitOn(wechat, () => wechat.pageStack.at(-1) === route, `navigation to ${route}`)
  return waitOn(
    wechat,
    () => [...rendered].reverse().find((p) => p.route === route)?.page,
    `${route} rendered`,
  )
}

const declaration = require('@/components/privacy/declaration.json') as {
  items: { key: string }[]
}

/** the privacy types the project declares (src/components/privacy/declaration.json) */
export const DECLARED_PRIVACY = declaration.items.map((i) => i.key)

export function bootWechat(opts: Partial<WechatOptions> & { cloud: CloudBackend }): Wechat {
  const g = global as any
  const wechat = new Wechat({ declaredPrivacy: DECLARED_PRIVACY, ...opts })
  phone = wechat
  rendered.length = 0
  wechat.onOpen = show
  let app: any
  g.App = (o: any) => {
    app = o
  }
  g.getApp = () => app
  g.getCurrentPages = () => wechat.pageStack.map((route) => ({ route }))
  // taro.js copies wx's APIs when it loads: the whole client must be in place first
  g.wx = wechat.wx
  require(path.join(DIST, 'runtime.js'))
  require(path.join(DIST, 'app.js'))
  app?.onLaunch?.({})
  return wechat
}

/** polls like harness.waitFor, and fails at once when a privacy call hangs */
export async function waitOn<T>(
  wechat: Wechat,
  probe: () => T | undefined | null | false,
  what: string,
  ms = 45_000,
): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    wechat.checkHang()
    const v = probe()
    if (v) return v
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Scripted functions, with a storage that hands out expiring temp URLs on a settable clock. */
export function scriptedCloud(answer: (call: { name: string; data: Record<string, any> }) => unknown) {
  const files = new Map<string, Uint8Array>()
  const calls: { name: string; data: Record<string, any> }[] = []
  const uploads: { cloudPath: string; filePath: string }[] = []
  const clock = { offsetS: 0 }
  const nowS = () => Math.floor(Date.now() / 1000) + clock.offsetS
  const backend: CloudBackend = {
    async callFunction(name, data) {
      calls.push({ name, data: data as Record<string, any> })
      return answer({ name, data: data as Record<string, any> })
    },
    async uploadFile(cloudPath, filePath, bytes) {
      uploads.push({ cloudPath, filePath })
      files.set(`cloud://env-test.bucket/${cloudPath}`, bytes)
      return `cloud://env-test.bucket/${cloudPath}`
    },
    async tempFileURL(fileID, maxAge) {
      if (!files.has(fileID)) return null
      return `https://env-test.tcb.qcloud.la/${fileID.replace('cloud://env-test.bucket/', '')}?t=${nowS() + maxAge}`
    },
    async fetch(url) {
      const u = new URL(url)
      if (Number(u.searchParams.get('t')) < nowS()) return null
      return files.get(`cloud://env-test.bucket${decodeURIComponent(u.pathname)}`) ?? null
    },
  }
  return { backend, files, calls, uploads, clock, STORAGE_HOST: 'env-test.tcb.qcloud.la' }
}
