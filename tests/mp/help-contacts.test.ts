// The help centre on the phone: a contact that is not a phone number (a WeChat id) is copied by long-pressing its
// selectable text. Tapping it calls no clipboard API: 剪切板 is not a privacy type this app declares, and WeChat
// would fail the call (errno 112).
import { renderPage, textOf, waitOn } from './wechat/boot'
import { EMPLOYEE, HR, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('tapping a WeChat-id contact calls no undeclared privacy API', async () => {
  const { wechat, cloud } = await phoneOf(emulator, EMPLOYEE)
  const saved = await cloud.callAs(HR, 'admin', {
    action: 'saveHelp',
    contacts: [{ kind: 'wechat', name: '微信客服', value: 'budaka-help' }],
    faq: [],
  })
  expect(saved.ok).toBe(true)

  const page = renderPage('admin/help/index')
  await waitOn(wechat, () => textOf(page).includes('budaka-help'), 'the contacts')
  wechat.tap(page.querySelector('.help-contact'), 'the contact')
  await new Promise((r) => setTimeout(r, 300))
  expect(wechat.violations).toEqual([])
  expect(wechat.clipboard).toEqual([])
}, 180_000)
