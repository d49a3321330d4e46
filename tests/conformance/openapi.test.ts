import { startPlatform, type Platform } from './fixtures/platform'
import { SETUP_TIMEOUT } from './helpers/emulator'

let p: Platform
beforeAll(async () => {
  p = await startPlatform()
}, SETUP_TIMEOUT)
afterAll(() => p.close())

const message = (touser: string) => ({
  touser,
  templateId: 'tmpl-makeup-decided',
  page: 'pages/index/index',
  data: {
    date1: { value: '2026年11月27日' },
    phrase2: { value: '已通过' },
    thing3: { value: '补卡成功' },
    name4: { value: '王经理' },
  },
})

describe('openapi from inside functions', () => {
  test('a function that declares subscribeMessage.send in config.json can send; the outbox records it', async () => {
    p.emulator.grantSubscribe('o-open-1', ['tmpl-makeup-decided'])
    const r = await p.emulator.invoke('notify', message('o-open-1'), { openid: 'o-reviewer' })
    expect(r.result).toMatchObject({ ok: true, errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
    expect(r.roundTrips).toBe(1)
    expect(p.emulator.outbox({ touser: 'o-open-1' })[0]).toMatchObject({
      functionName: 'notify',
      invocationId: r.invocationId,
    })
  })

  test('an undeclared openapi fails as in production (-604101) and sends nothing', async () => {
    p.emulator.grantSubscribe('o-open-2', ['tmpl-makeup-decided'])
    const r = await p.emulator.invoke('notify-unpermitted', message('o-open-2'))
    expect(r.result).toEqual({ ok: false, errCode: -604101, errMsg: 'system error: error code: -604101' })
    expect(p.emulator.outbox({ touser: 'o-open-2' })).toEqual([])
    expect(p.emulator.subscribe.grants('o-open-2')).toEqual({ 'tmpl-makeup-decided': 1 })
  })

  test("WeChat's errors come back through the SDK inside a function (43101)", async () => {
    const r = await p.emulator.invoke('notify', message('o-open-3'))
    expect(r.result).toMatchObject({ ok: false, errCode: 43101 })
  })

  test('an openapi the emulator does not implement fails cleanly', async () => {
    const err = await p.cloud.openapi.wxacode.getUnlimited({ scene: 'x' }).catch((e: any) => e)
    expect(err.errMsg).toContain('not supported by the emulator')
  })
})
