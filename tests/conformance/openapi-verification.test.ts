// WeChat's identity openapi on the emulator, through the real SDK: phonenumber.getPhoneNumber (a button code, once,
// within 5 minutes, else 40029) and soter.verifySignature (the device key's RSA-PSS signature of resultJSON).
import { PHONE_CODE_TTL_MS } from '@emulator/openapi/verification'
import { startPlatform, type Platform } from './fixtures/platform'

let p: Platform
beforeAll(async () => {
  p = await startPlatform()
}, 60_000)
afterAll(() => p.close())

describe('phonenumber.getPhoneNumber', () => {
  test('a fresh code gives the number in WeChat wire format, camel-cased by the SDK', async () => {
    const code = p.emulator.verification.issuePhoneCode('13800138000')
    const res = await p.cloud.openapi.phonenumber.getPhoneNumber({ code })
    expect(res).toMatchObject({
      errCode: 0,
      phoneInfo: { phoneNumber: '13800138000', purePhoneNumber: '13800138000', countryCode: '86' },
    })
  })

  test('a code works once: the second exchange is 40029', async () => {
    const code = p.emulator.verification.issuePhoneCode('13800138001')
    await p.cloud.openapi.phonenumber.getPhoneNumber({ code })
    await expect(p.cloud.openapi.phonenumber.getPhoneNumber({ code })).rejects.toMatchObject({
      errCode: 40029,
    })
  })

  test('an unknown code and an expired one are 40029', async () => {
    await expect(p.cloud.openapi.phonenumber.getPhoneNumber({ code: 'not-a-code' })).rejects.toMatchObject({
      errCode: 40029,
    })
    const code = p.emulator.verification.issuePhoneCode('13800138002')
    await p.emulator.setClockOffset(PHONE_CODE_TTL_MS + 1000)
    try {
      await expect(p.cloud.openapi.phonenumber.getPhoneNumber({ code })).rejects.toMatchObject({
        errCode: 40029,
      })
    } finally {
      await p.emulator.setClockOffset(0)
    }
  })
})

describe('soter.verifySignature', () => {
  const start = (openid: string, challenge: string) =>
    p.emulator.verification.startSoterAuthentication(openid, challenge, 'facial')

  test("the device's signature of its resultJSON verifies for that user", async () => {
    const r = start('o-soter-1', 'challenge-1')
    expect(JSON.parse(r.resultJSON)).toMatchObject({ raw: 'challenge-1' })
    const res = await p.cloud.openapi.soter.verifySignature({
      openid: 'o-soter-1',
      jsonString: r.resultJSON,
      jsonSignature: r.resultJSONSignature,
    })
    expect(res).toMatchObject({ errCode: 0, isOk: true })
  })

  test('an altered resultJSON, another user, or a forged signature is not ok', async () => {
    const r = start('o-soter-2', 'challenge-2')
    const verify = (openid: string, jsonString: string, jsonSignature: string) =>
      p.cloud.openapi.soter.verifySignature({ openid, jsonString, jsonSignature })
    const altered = r.resultJSON.replace('challenge-2', 'challenge-X')
    expect(await verify('o-soter-2', altered, r.resultJSONSignature)).toMatchObject({ isOk: false })
    start('o-soter-3', 'c')
    expect(await verify('o-soter-3', r.resultJSON, r.resultJSONSignature)).toMatchObject({ isOk: false })
    const forged = Buffer.alloc(256, 7).toString('base64')
    expect(await verify('o-soter-2', r.resultJSON, forged)).toMatchObject({ isOk: false })
  })
})
