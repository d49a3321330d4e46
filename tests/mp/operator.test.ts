// On the weapp build against the real functions: the platform operator reaches 平台运营 from the home page and sees
// the companies and the security log.
import { renderPage, textOf, topPage, waitOn } from './wechat/boot'
import { phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('平台运营: from the home page, the companies and the security log', async () => {
  const { wechat } = await phoneOf(emulator, 'o-operator')
  const home = renderPage('pages/index/index')
  await waitOn(wechat, () => home.querySelector('.operator-entry'), 'the operator entry')
  wechat.tap(home.querySelector('.operator-entry'), '平台运营')
  const page = await topPage(wechat, 'admin/operator/index')
  await waitOn(wechat, () => page.querySelector('.company-item'), 'the companies')
  expect(textOf(page)).toContain('示例科技有限公司')
  expect(textOf(page)).toContain('安全日志')
  expect(wechat.violations).toEqual([])
}, 180_000)
