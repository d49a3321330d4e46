// The help centre on the phone: WeChat's own customer-service session from an open-type="contact" button (the
// AppID's 客服消息, DEPLOY.md), the hotline and emergency contacts called by a tap (makePhoneCall).
import { renderPage, textOf, waitOn } from './wechat/boot'
import { EMPLOYEE, HR, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('WeChat customer service opens from an open-type="contact" button; the hotline is called by a tap', async () => {
  const { wechat, cloud } = await phoneOf(emulator, EMPLOYEE)
  const saved = await cloud.callAs(HR, 'admin', {
    action: 'saveHelp',
    contacts: [
      { kind: 'hotline', name: '平台热线', value: '400-800-1234' },
      { kind: 'emergency', name: '行政值班', value: '13800000000' },
    ],
    faq: [],
  })
  expect(saved.ok).toBe(true)

  const page = renderPage('admin/help/index')
  await waitOn(wechat, () => textOf(page).includes('400-800-1234'), 'the contacts')
  // WeChat's button opens the session itself: no API call to make, nothing for the page to do
  const service = page.querySelector('.contact-service')
  expect(JSON.stringify(service)).toMatch(/"openType","value":"contact"|"name":"openType","value":"contact"/)
  expect(textOf(page)).toContain('紧急联系人')

  wechat.tap(page.querySelectorAll('.help-contact')[0], 'the hotline')
  await waitOn(wechat, () => wechat.phoneCalls.length > 0, 'the call')
  expect(wechat.phoneCalls).toEqual(['400-800-1234'])
  expect(wechat.violations).toEqual([])
}, 180_000)
