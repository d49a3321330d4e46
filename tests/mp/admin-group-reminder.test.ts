// On the weapp build against the real functions: HR gives a rule group of 市场部 its own daily check-in reminder
// time — the switch 单独设置打卡提醒时间, then 07:45 from the time picker (WeChat's picker answers 'HH:mm') —; the
// preview names 提醒时间 for the department's members, the second tap saves, the function holds the time. Ordinary
// components only: no privacy API is called (no violation).
import { renderPage, settle, textOf, waitOn } from './wechat/boot'
import { HR, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

const withText = (page: any, selector: string, text: string) =>
  page.querySelectorAll(selector).find((el: any) => textOf(el).trim() === text)

test('规则组: 市场部 reminded at 07:45, previewed as 提醒时间, then saved', async () => {
  const { wechat, cloud } = await phoneOf(emulator, HR)
  const members: any = await cloud.callAs(HR, 'admin', { action: 'members' })
  const market = members.data.items.filter((m: any) => m.dept === '市场部')
  expect(market.length).toBeGreaterThan(0)

  const page = renderPage('admin/policy/index')
  await waitOn(wechat, () => page.querySelector('.add-group'), 'the policy editor')
  wechat.tap(page.querySelector('.add-group'), '添加规则组')
  await waitOn(wechat, () => page.querySelector('.rule-group'), 'a new group')
  page.querySelector('.group-name').dispatchEvent('input', { detail: { value: '市场早班' } })
  await settle()
  await waitOn(wechat, () => withText(page, '.group-dept', '市场部'), 'the department chips')
  wechat.tap(withText(page, '.group-dept', '市场部'), '市场部')
  await settle()

  expect(page.querySelector('.group-reminder-picker')).toBeFalsy()
  page.querySelector('.group-own-reminder').dispatchEvent('change', { detail: { value: true } })
  await waitOn(wechat, () => page.querySelector('.group-reminder-picker'), 'the reminder time picker')
  page.querySelector('.group-reminder-picker').dispatchEvent('change', { detail: { value: '07:45' } })
  await waitOn(
    wechat,
    () => textOf(page.querySelector('.group-reminder-at')).includes('07:45'),
    'the picked time',
  )

  wechat.tap(page.querySelector('.save-policy'), '保存')
  await waitOn(
    wechat,
    () => page.querySelector('.group-preview') || page.querySelector('.refusal'),
    'the preview',
  )
  const changes = page.querySelectorAll('.group-change').map((el: any) => textOf(el))
  expect(changes).toHaveLength(market.length)
  expect(changes).toContain(`${market[0].name}（市场部）：公司规则 → 市场早班 · 提醒时间`)

  wechat.tap(page.querySelector('.save-policy'), '确认变化并保存')
  await waitOn(wechat, () => page.querySelector('.policy-saved'), 'saved')
  expect(textOf(page.querySelector('.policy-saved'))).toContain('groups.市场早班.checkinReminderAt: "07:45"')
  const saved: any = await cloud.callAs(HR, 'admin', { action: 'policy' })
  expect(saved.data.policy.groups).toEqual([
    { name: '市场早班', departments: ['市场部'], members: [], checkinReminderAt: '07:45' },
  ])
  expect(wechat.violations).toEqual([])
}, 180_000)
