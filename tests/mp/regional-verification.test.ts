// Journey: a 上海 member whose identity is not bound yet, on the weapp build against the real functions. The make-up
// page says why and opens 身份验证; WeChat's phone-number button gives a one-time code that the function exchanges
// (phonenumber.getPhoneNumber) and matches against HR's roster; SOTER signs the function's challenge on the device
// and the function checks the signature (soter.verifySignature). The client halves are WeChat's, played by the
// test client with the emulator holding the codes and the device key.
import { demoPhone } from '@database/seed'
import { renderPage, settle, textOf, topPage, waitOn } from './wechat/boot'
import { phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

// the demo's 上海 employee (person 4) whose identity is not bound yet
const MEMBER = 'o-emp-02'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('binds with the WeChat phone number matching the roster, then verifies by face with SOTER', async () => {
  // the user's WeChat account is bound to a number HR's roster does not have for them
  const { wechat, cloud } = await phoneOf(emulator, MEMBER, { phoneNumber: '13900000000' })

  const makeup = renderPage('employee/makeup/index')
  await waitOn(wechat, () => textOf(makeup).includes('您所在地区要求先完成实名身份绑定'), 'the region gate')
  wechat.tap(makeup.querySelector('.next-step'), '去身份验证')
  const page = await topPage(wechat, 'employee/verify/index')
  await waitOn(wechat, () => page.querySelector('.verify__button'), 'the 身份验证 page')
  // the weapp build offers WeChat's own button, not the browser's stand-in
  expect(textOf(page)).not.toContain('本地模拟')

  // declining WeChat's sheet sends nothing
  await wechat.tapGetPhoneNumber(page.querySelector('.verify__button'), 'deny')
  await settle()
  expect(textOf(page)).not.toContain('已绑定')

  // a number that is not the roster's is refused, with the next step
  await wechat.tapGetPhoneNumber(page.querySelector('.verify__button'))
  await waitOn(wechat, () => textOf(page).includes('微信绑定的手机号与花名册登记的不一致'), 'the mismatch')

  // the roster's number binds
  wechat.phoneNumber = demoPhone(4)
  await wechat.tapGetPhoneNumber(page.querySelector('.verify__button'))
  await waitOn(wechat, () => textOf(page).includes('已绑定（微信手机号）'), 'the binding')

  // SOTER: the face is preferred where the device has it
  wechat.tap(page.querySelector('.verify__button'), '开始验证')
  await waitOn(wechat, () => /已验证，有效至 \d{4}-\d{2}-\d{2}/.test(textOf(page)), 'the verification')

  expect(wechat.violations).toEqual([])
  expect(wechat.phoneNumberAnswers).toEqual([
    'getPhoneNumber:fail user deny',
    'getPhoneNumber:ok',
    'getPhoneNumber:ok',
  ])
  expect(wechat.soterRequests).toEqual([['facial']])
  const data = await cloud.control('export')
  const binding = data.collections.bindings.find((b: { _id: string }) => b._id === MEMBER)
  const member = data.collections.members.find((m: { _id: string }) => m._id === binding.memberId)
  expect(member.identityBound).toBe(true)
}, 180_000)
