// Boots the weapp build (dist/) inside miniprogram-simulate the way WeChat would: App, Page and getApp as globals,
// a wx.cloud whose callFunction the test scripts, then one page rendered from its compiled WXML.
import path from 'node:path'

const simulate = require('miniprogram-simulate')

// MP_DIST points the tests at another build (e.g. one made from an older commit, to see a test fail there)
export const DIST = process.env.MP_DIST
  ? path.resolve(process.env.MP_DIST)
  : path.resolve(__dirname, '../../dist')

export interface CloudCall {
  name: string
  data: Record<string, any>
}

/** Answers a callFunction the way wx.cloud does: `{ result }` with the function's Result envelope. */
export type FunctionStub = (call: CloudCall) => unknown

export interface Booted {
  calls: CloudCall[]
  uploads: { cloudPath: string; filePath: string }[]
}

export function bootApp(answer: FunctionStub): Booted {
  const g = global as any
  const booted: Booted = { calls: [], uploads: [] }
  let app: any
  g.App = (opts: any) => {
    app = opts
  }
  g.getApp = () => app
  g.getCurrentPages = () => []
  // taro.js copies wx's APIs when it loads, so wx.cloud must exist before dist/app.js is required
  g.wx = g.wx ?? {}
  g.wx.cloud = {
    init: () => undefined,
    callFunction: async (opts: CloudCall & { success?: (r: unknown) => void }) => {
      const call = { name: opts.name, data: opts.data }
      booted.calls.push(call)
      const res = { errMsg: 'cloud.callFunction:ok', result: answer(call) }
      opts.success?.(res)
      return res
    },
    uploadFile: async (opts: { cloudPath: string; filePath: string }) => {
      booted.uploads.push({ cloudPath: opts.cloudPath, filePath: opts.filePath })
      return {
        fileID: `cloud://env-test.bucket/${opts.cloudPath}`,
        statusCode: 200,
        errMsg: 'cloud.uploadFile:ok',
      }
    },
  }
  // the photo picker answers with one image, as if the user chose it from the album (a test that needs the chat-file
  // picker defines wx.chooseMessageFile itself before booting)
  g.wx.chooseMedia = (opts: { success?: (r: unknown) => void }) => {
    const res = {
      type: 'image',
      tempFiles: [{ tempFilePath: 'wxfile://tmp/health-code.jpg', size: 20480, fileType: 'image' }],
    }
    opts.success?.(res)
    return Promise.resolve(res)
  }
  // the device's storage, as WeChat keeps it: a missing key reads as ''
  const storage = new Map<string, string>()
  g.wx.setStorageSync = (key: string, value: unknown) => storage.set(key, JSON.stringify(value))
  g.wx.getStorageSync = (key: string) => (storage.has(key) ? JSON.parse(storage.get(key)!) : '')
  g.wx.removeStorageSync = (key: string) => storage.delete(key)
  require(path.join(DIST, 'runtime.js'))
  require(path.join(DIST, 'app.js'))
  app?.onLaunch?.({})
  return booted
}

/** Renders one page of the build, opened with `query`; its lifecycle runs as WeChat would on first open. */
export function renderPage(route: string, query: Record<string, string> = {}): any {
  const g = global as any
  g.Page = (opts: any) => {
    const methods: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(opts)) if (typeof v === 'function') methods[k] = v
    g.Component({
      data: opts.data,
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = route
          this.onLoad(query)
          this.onShow()
          this.onReady()
        },
      },
    })
  }
  const id = simulate.load(path.join(DIST, route), 'page', { compiler: 'official', rootPath: DIST })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  return page
}

/** The first render and every answer to a call are asynchronous: poll until the page shows what we expect. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false,
  what: string,
  ms = 5000,
): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const v = probe()
    if (v) return v
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

export const textOf = (page: any): string => page.dom.textContent ?? ''

/** lets React apply pending state updates (what happens between two real touches) */
export const settle = () => new Promise((r) => setTimeout(r, 50))
