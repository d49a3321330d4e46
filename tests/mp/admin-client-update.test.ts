// The weapp applies a downloaded new version (the policy's minimum client version refuses old ones with
// CLIENT_TOO_OLD): when WeChat reports the update ready, the app says so and restarts into it.
import { bootApp, settle } from './harness'

test('an update WeChat has downloaded is announced and applied', async () => {
  const g = global as any
  let ready: (() => void) | null = null
  const applyUpdate = jest.fn()
  const modals: { title: string }[] = []
  // taro.js copies wx's APIs when it loads: define them before booting
  g.wx = g.wx ?? {}
  g.wx.getUpdateManager = () => ({
    onCheckForUpdate: () => undefined,
    onUpdateReady: (cb: () => void) => {
      ready = cb
    },
    onUpdateFailed: () => undefined,
    applyUpdate,
  })
  g.wx.showModal = (opts: { title: string; success?: (r: unknown) => void }) => {
    modals.push({ title: opts.title })
    const res = { confirm: true, cancel: false, errMsg: 'showModal:ok' }
    opts.success?.(res)
    return Promise.resolve(res)
  }
  bootApp(() => ({ ok: false, code: 'INTERNAL', message: 'no calls expected', next: '' }))

  expect(ready).not.toBeNull()
  expect(applyUpdate).not.toHaveBeenCalled()
  ready!()
  await settle()
  expect(modals).toEqual([{ title: '发现新版本' }])
  expect(applyUpdate).toHaveBeenCalledTimes(1)
}, 30_000)
