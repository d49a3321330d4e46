// On the weapp build against the real functions: HR opens 提醒时间 from the admin home, switches the daily check-in
// reminder on, sets the reviewer reminder and the escalation, and saves; the function answers with the saved times.
import { renderPage, settle, textOf, topPage, waitOn } from './wechat/boot'
import { HR, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('提醒时间: from the admin home, the daily reminder on at a picked time, review hours saved', async () => {
  const { wechat, cloud } = await phoneOf(emulator, HR)
  const home = renderPage('admin/index')
  await waitOn(wechat, () => home.querySelector('.notices-link'), 'the admin home')
  wechat.tap(home.querySelector('.notices-link'), '提醒时间')
  const page = await topPage(wechat, 'admin/notices/index')
  await waitOn(wechat, () => page.querySelector('.save-notices'), 'the reminder times')

  const before: any = await cloud.callAs(HR, 'admin', { action: 'noticeTimes' })
  if (before.data.checkinReminderAt === null)
    page.querySelector('.notices-daily').dispatchEvent('change', { detail: { value: true } })
  await waitOn(wechat, () => page.querySelector('.notices-daily-picker'), 'the reminder time picker')
  page.querySelector('.notices-daily-picker').dispatchEvent('change', { detail: { value: '08:40' } })
  page.querySelector('.notices-reviewRemindAfterHours').dispatchEvent('input', { detail: { value: '5' } })
  page.querySelector('.notices-reviewEscalateAfterHours').dispatchEvent('input', { detail: { value: '30' } })
  await settle()
  wechat.tap(page.querySelector('.save-notices'), '保存')
  await waitOn(wechat, () => page.querySelector('.notices-saved') || page.querySelector('.refusal'), 'saved')
  expect(textOf(page)).toContain('已保存')

  const after: any = await cloud.callAs(HR, 'admin', { action: 'noticeTimes' })
  expect(after.data).toEqual({
    ...before.data,
    checkinReminderAt: '08:40',
    reviewRemindAfterHours: 5,
    reviewEscalateAfterHours: 30,
  })
  expect(wechat.violations).toEqual([])
}, 180_000)
