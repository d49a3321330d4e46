// On the weapp build against the real functions: HR taps a department on the dashboard, sees who has not checked in
// today and reminds them in one tap.
import { renderPage, textOf, topPage, waitOn } from './wechat/boot'
import { HR, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('dashboard → 今日未打卡 → 一键提醒', async () => {
  const { wechat } = await phoneOf(emulator, HR)
  const dashboard = renderPage('hr/dashboard/index')
  const rows = () => dashboard.querySelectorAll('.dept-completion') as any[]
  await waitOn(wechat, () => rows().length > 0, 'the completion by department')
  const missing = rows().find((r) => (r.dom.textContent ?? '').includes('›'))
  expect(missing).toBeDefined()
  wechat.tap(missing, 'a department with missing check-ins')
  const page = await topPage(wechat, 'hr/checkins/index')
  await waitOn(wechat, () => page.querySelector('.missing-member'), 'the members without a check-in')
  wechat.tap(page.querySelector('.remind-checkin'), '一键提醒')
  await waitOn(wechat, () => page.querySelector('.remind-result'), 'the reminder result')
  expect(textOf(page)).toMatch(/已提醒 \d+ 人/)
  expect(wechat.violations).toEqual([])
}, 180_000)
