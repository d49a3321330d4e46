// The test WeChat client itself: each rule of its table refuses what WeChat refuses (no build needed).
import { Wechat } from './wechat/client'
import { RULES, LIMITS } from './wechat/rules'
import { scriptedCloud } from './wechat/boot'

const call = (wechat: Wechat, api: string, opts: Record<string, unknown> = {}) =>
  new Promise<{ ok: boolean; res: any }>((resolve) =>
    wechat.wx[api]({
      ...opts,
      success: (res: any) => resolve({ ok: true, res }),
      fail: (res: any) => resolve({ ok: false, res }),
    }),
  )

const client = (over: Partial<ConstructorParameters<typeof Wechat>[0]> = {}) => {
  const cloud = scriptedCloud(() => ({ ok: true, data: {} }))
  return {
    cloud,
    wechat: new Wechat({
      cloud: cloud.backend,
      declaredPrivacy: ['Album', 'MessageFile'],
      privacyAgreed: true,
      templates: { a: 'A', b: 'B', c: 'C', d: 'D', a2: 'A' },
      downloadDomains: [cloud.STORAGE_HOST],
      tabPages: ['pages/index/index'],
      ...over,
    }),
  }
}

test('every rule cites a WeChat documentation page', () => {
  for (const [id, rule] of Object.entries(RULES)) {
    expect([id, rule.source]).toEqual([
      id,
      expect.stringMatching(/^https:\/\/(developers|mp)\.weixin\.qq\.com\//),
    ])
    expect(rule.says.length).toBeGreaterThan(20)
  }
})

test('privacy: an undeclared scope fails with errno 112; before agreement the call waits for an answer', async () => {
  const { wechat } = client({ privacyAgreed: false })
  expect((await call(wechat, 'setClipboardData', { data: 'x' })).res).toMatchObject({ errno: 112 })
  const asked: string[] = []
  let resolve: (o: unknown) => void = () => undefined
  wechat.wx.onNeedPrivacyAuthorization((r: (o: unknown) => void, info: { referrer: string }) => {
    asked.push(info.referrer)
    resolve = r
  })
  const pending = call(wechat, 'chooseMessageFile', { count: 1 })
  await new Promise((r) => setTimeout(r, 20))
  expect(asked).toEqual(['chooseMessageFile'])
  expect(wechat.pendingPrivacyCalls).toEqual(['chooseMessageFile'])
  resolve({ event: 'agree', buttonId: 'never-tapped' }) // the agree button must have been tapped
  expect(wechat.pendingPrivacyCalls).toEqual(['chooseMessageFile'])
  resolve({ event: 'disagree' })
  expect((await pending).res.errMsg).toBe('chooseMessageFile:fail privacy permission is not authorized')
})

test('tap-only APIs fail outside a tap', async () => {
  const { wechat } = client()
  expect((await call(wechat, 'requestSubscribeMessage', { tmplIds: ['a'] })).res.errMsg).toMatch(
    /TAP gesture/,
  )
  expect((await call(wechat, 'openSetting')).ok).toBe(false)
})

test('subscribe: at most 3 known ids; same titles filtered; grants recorded', async () => {
  const { wechat } = client()
  const inTap = (ids: string[]) => {
    let p!: Promise<{ ok: boolean; res: any }>
    wechat.tap({ dispatchEvent: () => (p = call(wechat, 'requestSubscribeMessage', { tmplIds: ids })) })
    return p
  }
  expect((await inTap(['a', 'b', 'c', 'd'])).ok).toBe(false)
  expect((await inTap(['zz'])).ok).toBe(false)
  const ok = await inTap(['a', 'a2', 'b'])
  expect(ok.res).toMatchObject({ a: 'accept', a2: 'filter', b: 'accept' })
  expect([...wechat.grants]).toEqual([
    ['a', 1],
    ['b', 1],
  ])
})

test('pages: at most 10 on the stack, navigateTo never opens a tab page', async () => {
  const { wechat } = client()
  expect((await call(wechat, 'navigateTo', { url: '/pages/index/index' })).ok).toBe(false)
  for (let i = 0; i < LIMITS.pageStack; i++)
    expect((await call(wechat, 'navigateTo', { url: `/p${i}` })).ok).toBe(true)
  expect((await call(wechat, 'navigateTo', { url: '/p11' })).res.errMsg).toMatch(/limit exceed/)
})

test('storage: 1 MB per key, 10 MB in all', () => {
  const { wechat } = client()
  expect(() => wechat.wx.setStorageSync('big', 'x'.repeat(LIMITS.storageKeyBytes))).toThrow(/max length/)
  for (let i = 0; i < 10; i++) wechat.wx.setStorageSync(`k${i}`, 'x'.repeat(LIMITS.storageKeyBytes - 100))
  expect(() => wechat.wx.setStorageSync('k10', 'x'.repeat(1000))).toThrow(/max size/)
})

test('downloadFile only from declared domains; temp URLs expire as asked', async () => {
  const { wechat, cloud } = client()
  cloud.files.set('cloud://env-test.bucket/f.pdf', new Uint8Array([1, 2, 3]))
  const list = await wechat.wx.cloud.getTempFileURL({
    fileList: [{ fileID: 'cloud://env-test.bucket/f.pdf', maxAge: 60 }],
  })
  const url = list.fileList[0].tempFileURL
  expect((await call(wechat, 'downloadFile', { url: 'https://elsewhere.example/f.pdf' })).res.errMsg).toMatch(
    /domain list/,
  )
  expect((await call(wechat, 'downloadFile', { url })).res.statusCode).toBe(200)
  cloud.clock.offsetS = 61
  expect((await call(wechat, 'downloadFile', { url })).res.statusCode).toBe(403)
})

test('SOTER: only a mode the device supports, with a challenge; the phone number needs its privacy type', async () => {
  const signed = { resultJSON: '{"raw":"c1"}', resultJSONSignature: 'sig' }
  const { wechat, cloud } = client({ soterModes: ['fingerPrint'], phoneNumber: '13800000004' })
  const backend = cloud.backend as typeof cloud.backend & Record<string, unknown>
  backend.soterSign = async () => signed
  backend.phoneCode = async () => 'code-1'
  expect((await call(wechat, 'checkIsSupportSoterAuthentication')).res.supportMode).toEqual(['fingerPrint'])
  const face = await call(wechat, 'startSoterAuthentication', {
    requestAuthModes: ['facial'],
    challenge: 'c1',
  })
  expect(face.ok).toBe(false)
  expect(await call(wechat, 'startSoterAuthentication', { requestAuthModes: ['fingerPrint'] })).toMatchObject(
    {
      ok: false,
    },
  )
  const finger = await call(wechat, 'startSoterAuthentication', {
    requestAuthModes: ['fingerPrint'],
    challenge: 'c1',
  })
  expect(finger).toMatchObject({ ok: true, res: { authMode: 'fingerPrint', ...signed } })
  expect(wechat.refusals('soterModes')).toHaveLength(2)

  // the phone-number button: this client's guide declares no PhoneNumber, so WeChat refuses with errno 112
  const events: unknown[] = []
  const button = { dispatchEvent: (_name: string, e: { detail: unknown }) => events.push(e.detail) }
  await wechat.tapGetPhoneNumber(button)
  expect(events).toEqual([expect.objectContaining({ errno: 112 })])
  expect(wechat.refusals('privacyScopeDeclared')).toHaveLength(1)
})
