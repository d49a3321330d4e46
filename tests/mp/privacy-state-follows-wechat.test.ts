// The local privacy state follows WeChat's record (getPrivacySetting): a member who declined on this phone once and
// has since agreed (WeChat no longer needs authorisation) gets the photo picker, not the "you declined" notice.
import { renderPage, textOf, waitOn } from './wechat/boot'
import { EMPLOYEE, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('agreed in WeChat means agreed in the app', async () => {
  const { wechat } = await phoneOf(emulator, EMPLOYEE, {
    privacyAgreed: true,
    storage: { 'privacy-guide': 'declined' },
  })
  const page = renderPage('employee/makeup/index')
  await waitOn(wechat, () => page.querySelector('.submit-makeup'), 'the make-up form', 45_000)
  await waitOn(wechat, () => page.querySelector('.nut-uploader-input'), 'the photo picker')
  expect(textOf(page)).not.toContain('您未同意')
  expect(wechat.wx.getStorageSync('privacy-guide')).toBe('agreed')
}, 180_000)
