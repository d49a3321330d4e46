import { startPlatform, sdkError, type Platform } from './fixtures/platform'
import { SETUP_TIMEOUT } from './helpers/emulator'

let p: Platform
beforeAll(async () => {
  p = await startPlatform()
}, SETUP_TIMEOUT)
afterAll(() => p.close())

const REMINDER = 'tmpl-checkin-reminder'
const valid = (touser: string) => ({
  touser,
  templateId: REMINDER,
  page: 'pages/index/index?from=reminder',
  data: { thing1: { value: '今天还没有打卡' }, time2: { value: '09:00' } },
})
const send = (msg: object) => p.cloud.openapi.subscribeMessage.send(msg)

describe('subscribeMessage.send through the real SDK', () => {
  test('an accepted send consumes one authorisation and lands in the outbox', async () => {
    p.emulator.grantSubscribe('o-sub-1', [REMINDER], 2)
    const res = await send(valid('o-sub-1'))
    expect(res).toMatchObject({
      errCode: 0,
      errMsg: 'openapi.subscribeMessage.send:ok',
      msgid: expect.any(String),
    })
    expect(p.emulator.subscribe.grants('o-sub-1')).toEqual({ [REMINDER]: 1 })
    expect(p.emulator.outbox({ touser: 'o-sub-1' })).toEqual([
      expect.objectContaining({
        msgid: res.msgid,
        touser: 'o-sub-1',
        templateId: REMINDER,
        page: 'pages/index/index?from=reminder',
        data: { thing1: { value: '今天还没有打卡' }, time2: { value: '09:00' } },
        sentAt: expect.any(String),
      }),
    ])
  })

  test('43101 once the authorisations are used up', async () => {
    p.emulator.grantSubscribe('o-sub-2', [REMINDER])
    await send(valid('o-sub-2'))
    const err = await sdkError(send(valid('o-sub-2')))
    expect(err.errCode).toBe(43101)
    expect(err.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail user refuse to accept the msg/)
    expect(p.emulator.outbox({ touser: 'o-sub-2' })).toHaveLength(1)
  })

  test('an authorisation for one template does not cover another', async () => {
    p.emulator.grantSubscribe('o-sub-3', ['tmpl-makeup-decided'])
    expect((await sdkError(send(valid('o-sub-3')))).errCode).toBe(43101)
  })

  test('40037 for an unknown template, 41030 for a malformed page, 40003 without touser', async () => {
    p.emulator.grantSubscribe('o-sub-4', [REMINDER])
    expect((await sdkError(send({ ...valid('o-sub-4'), templateId: 'no-such-template' }))).errCode).toBe(
      40037,
    )
    expect((await sdkError(send({ ...valid('o-sub-4'), page: '/pages/../x' }))).errCode).toBe(41030)
    expect((await sdkError(send({ ...valid('o-sub-4'), touser: '' }))).errCode).toBe(40003)
    // none of the failures consumed the authorisation
    expect(p.emulator.subscribe.grants('o-sub-4')).toEqual({ [REMINDER]: 1 })
  })

  test('47003 names the field that breaks its rule, and consumes nothing', async () => {
    p.emulator.grantSubscribe('o-sub-5', [REMINDER])
    const err = await sdkError(
      send({
        ...valid('o-sub-5'),
        data: { thing1: { value: '一二三四五六七八九十'.repeat(2) + '一' }, time2: { value: '09:00' } },
      }),
    )
    expect(err.errCode).toBe(47003)
    expect(err.errMsg).toContain('data.thing1.value')
    const missing = await sdkError(send({ ...valid('o-sub-5'), data: { thing1: { value: '打卡' } } }))
    expect(missing.errMsg).toContain('data.time2.value')
    expect(p.emulator.subscribe.grants('o-sub-5')).toEqual({ [REMINDER]: 1 })
  })
})

describe('field rules (template fields of every type)', () => {
  // a template registry of one field per type, to check each limit in isolation
  const each = (type: string) => `tmpl-${type}`
  let q: Platform
  const types = [
    'thing',
    'number',
    'letter',
    'symbol',
    'character_string',
    'phone_number',
    'car_number',
    'phrase',
    'name',
    'time',
    'date',
    'amount',
  ]
  beforeAll(async () => {
    const fs = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'emu-tmpl-')), 'templates.json')
    fs.writeFileSync(
      file,
      JSON.stringify(Object.fromEntries(types.map((t) => [each(t), { title: t, fields: { [`${t}1`]: t } }]))),
    )
    q = await startPlatform({ templatesFile: file })
  }, SETUP_TIMEOUT)
  afterAll(async () => {
    await q.close()
    // the SDK reads its target from process.env on every call: point it back at the file's main emulator
    Object.assign(process.env, p.emulator.sdkEnv())
  })

  const sendOne = async (type: string, value: string) => {
    q.emulator.grantSubscribe('o-rules', [each(type)])
    try {
      await q.cloud.openapi.subscribeMessage.send({
        touser: 'o-rules',
        templateId: each(type),
        data: { [`${type}1`]: { value } },
      })
      return 0
    } catch (err) {
      return (err as { errCode: number }).errCode
    }
  }

  test.each([
    ['thing', '一二三四五六七八九十'.repeat(2), 0],
    ['thing', '一二三四五六七八九十'.repeat(2) + '!', 47003],
    ['number', '12.5', 0],
    ['number', '1'.repeat(33), 47003],
    ['number', '12a', 47003],
    ['letter', 'abcXYZ', 0],
    ['letter', 'abc1', 47003],
    ['symbol', '%%%', 0],
    ['symbol', '%%%%%%', 47003],
    ['character_string', 'A-123_b', 0],
    ['character_string', 'x'.repeat(33), 47003],
    ['character_string', '含中文', 47003],
    ['phone_number', '+86 138-0000-0000', 0],
    ['phone_number', '1'.repeat(18), 47003],
    ['car_number', '粤A12345', 0],
    ['car_number', '粤A1234567', 47003],
    ['phrase', '已通过', 0],
    ['phrase', '审核已经通过了', 47003],
    ['phrase', 'OK', 47003],
    ['name', '欧阳娜娜', 0],
    ['name', '一二三四五六七八九十一', 47003],
    ['name', 'Ada Lovelace', 0],
    ['name', 'A'.repeat(21), 47003],
    ['time', '15:01', 0],
    ['time', '2026年11月28日 15:01', 0],
    ['time', '09:00~18:00', 0],
    ['time', '25:00', 47003],
    ['time', 'tomorrow', 47003],
    ['date', '2026年11月28日', 0],
    ['date', '2026-11-28 ~ 2026-11-30', 0],
    ['date', '2026-13-01', 47003],
    ['amount', '¥100.50', 0],
    ['amount', '100元', 0],
    ['amount', 'lots', 47003],
    ['thing', '', 47003],
  ])('%s %j → %i', async (type, value, code) => {
    expect(await sendOne(type as string, value as string)).toBe(code)
  })
})

describe('send faults for tests', () => {
  test('the next send to a user fails with the injected code, the one after goes through', async () => {
    p.emulator.grantSubscribe('o-fault', [REMINDER], 2)
    p.emulator.injectSendFault({ touser: 'o-fault', errcode: 43101 })
    expect((await sdkError(send(valid('o-fault')))).errCode).toBe(43101)
    expect((await send(valid('o-fault'))).errCode).toBe(0)
    expect(p.emulator.subscribe.faults()).toEqual([])
  })

  test('a delay fault holds the send before it is processed', async () => {
    p.emulator.grantSubscribe('o-slow', [REMINDER])
    p.emulator.injectSendFault({ touser: 'o-slow', delayMs: 1000 })
    let settled = false
    const sending = send(valid('o-slow')).then((r: unknown) => ((settled = true), r))
    await new Promise((r) => setTimeout(r, 50))
    expect(settled).toBe(false)
    expect(await sending).toMatchObject({ errCode: 0 })
  })
})
