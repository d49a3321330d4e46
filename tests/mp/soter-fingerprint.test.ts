// SOTER on a device without face recognition, on the weapp build against the real functions: the 身份验证 page asks
// for the fingerprint, the device signs the function's challenge and the function accepts the signature. (One page
// per file: miniprogram-simulate loads a page path once per file.)
import { renderPage, textOf, waitOn } from './wechat/boot'
import { phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('a device without face recognition verifies by fingerprint', async () => {
  const { wechat } = await phoneOf(emulator, 'o-emp-05', { soterModes: ['fingerPrint'] })
  const page = renderPage('employee/verify/index')
  await waitOn(wechat, () => textOf(page).includes('开始验证'), 'the 身份验证 page')
  const buttons = page.querySelectorAll('.verify__button')
  wechat.tap(buttons[buttons.length - 1], '开始验证')
  await waitOn(wechat, () => /已验证，有效至 \d{4}-\d{2}-\d{2}/.test(textOf(page)), 'the verification')
  expect(wechat.soterRequests).toEqual([['fingerPrint']])
  expect(wechat.violations).toEqual([])
}, 180_000)
