// Leave-aware days and the monthly report in the browser: HR records a business trip on the 请假与出差 page and
// takes it back; an employee's calendar shows 请假 and the month's numbers; HR's 月度报表 shows the same numbers
// for that employee and exports them (counts only).
import type { Page } from 'playwright-core'
import { HR_OPENID } from '@database/seed'
import { actAs, arrangeMissed, control, fn, missedDay } from './support/demo'
import { afterNavigation, openPhone, type Phone, confirmPicker } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string
// a bound demo employee no other browser test acts as
const EMPLOYEE = 'o-emp-14'

beforeAll(async () => {
  phone = await openPhone()
})
afterEach(() => phone.check())
afterAll(() => phone?.close())

const number = async (page: Page, selector: string) =>
  Number((await page.locator(selector).innerText()).trim())

it('HR records a business trip for today on the 请假与出差 page, sees it on the month, and takes it back', async () => {
  const { page } = phone
  const { items } = await fn<{ items: { id: string; name: string }[] }>(
    'admin',
    { action: 'members' },
    HR_OPENID,
  )
  const first = items[0]
  const { today } = await fn<{ today: string }>('checkin', { action: 'me' }, HR_OPENID)
  // a check-in would show instead of the trip: the day is left open
  await control(`/collections/checkins/${first.id}_${today}`, { method: 'DELETE' }).catch(() => undefined)

  await page.goto(`${url()}/app/`)
  await actAs(page, HR_OPENID, 'admin/index')
  await page.locator('.leave-link').tap()
  await afterNavigation(page)
  await page.locator('.leave-member').tap()
  await confirmPicker(page)
  await page.locator('.leave-month').waitFor()
  await page.locator('.leave-kind--trip').tap()
  await page.locator('.leave-from').tap()
  await confirmPicker(page)
  await page.waitForFunction(() => !document.querySelector('.leave-from')?.textContent?.includes('选择日期'))
  await page.locator('.leave-record').tap()
  await page.locator('.leave-done', { hasText: '已登记出差 1 天' }).waitFor()
  await page.locator(`.leave-day--trip[data-day="${today}"]`).waitFor()
  expect(await page.locator('.leave-summary').innerText()).toContain('请假/出差/免打卡 1')
  await phone.shot('admin-leave-trip')

  await page.locator('.leave-remove').tap()
  await page.locator('.leave-done', { hasText: '已取消 1 天' }).waitFor()
  await page.locator(`.leave-day--open[data-day="${today}"]`).waitFor()
})

it("the employee's calendar shows 请假 and the month's numbers; HR's monthly report and its export say the same", async () => {
  const { page } = phone
  const { member, today } = await fn<{ member: { memberId: string }; today: string }>(
    'checkin',
    { action: 'me' },
    EMPLOYEE,
  )
  const day = missedDay(today)
  await arrangeMissed({ _id: member.memberId, name: '', openid: EMPLOYEE }, day)
  await fn(
    'admin',
    { action: 'recordLeave', memberId: member.memberId, kind: 'leave', from: day, to: day },
    HR_OPENID,
  )

  await actAs(page, EMPLOYEE, 'employee/calendar/index')
  await page.locator('.day-state--leave', { hasText: '请假' }).first().waitFor()
  await page.locator('.calendar__number--onLeave').waitFor()
  const mine = {
    checked: await number(page, '.calendar__number--checked .calendar__count'),
    missed: await number(page, '.calendar__number--missed .calendar__count'),
    onLeave: await number(page, '.calendar__number--onLeave .calendar__count'),
    makeupsUsed: await number(page, '.calendar__number--makeupsUsed .calendar__count'),
  }
  expect(mine.onLeave).toBeGreaterThanOrEqual(1)
  await phone.shot('employee-calendar-leave')

  await actAs(page, HR_OPENID, 'hr/index')
  await page.locator('.monthly-link').tap()
  await afterNavigation(page)
  const row = page.locator(`.monthly-row[data-member="${member.memberId}"]`)
  while (!(await row.count()) && (await page.locator('.monthly-more').count()))
    await page.locator('.monthly-more').tap()
  await row.waitFor()
  expect({
    checked: await number(page, `.monthly-row[data-member="${member.memberId}"] .monthly-checked`),
    missed: await number(page, `.monthly-row[data-member="${member.memberId}"] .monthly-missed`),
    onLeave: await number(page, `.monthly-row[data-member="${member.memberId}"] .monthly-onLeave`),
    makeupsUsed: await number(page, `.monthly-row[data-member="${member.memberId}"] .monthly-makeupsUsed`),
  }).toEqual(mine)
  await phone.shot('hr-monthly-report')

  await page.locator('.export-format--csv').tap()
  await page.locator('.export-start').tap()
  await page.locator('.export-done').waitFor()
  const link = await page.locator('.export-link').getAttribute('data-url')
  const csv = await (await fetch(link!)).text()
  const { employeeNo } = await fn<{ employeeNo: string }>(
    'admin',
    { action: 'member', memberId: member.memberId },
    HR_OPENID,
  )
  const cells = csv
    .split('\r\n')
    .find((l) => l.startsWith(`${employeeNo},`))!
    .split(',')
  // 已打卡, 漏打卡, 请假/出差/免打卡, 补卡次数
  expect([cells[4], cells[6], cells[7], cells[12]].map(Number)).toEqual([
    mine.checked,
    mine.missed,
    mine.onLeave,
    mine.makeupsUsed,
  ])
  expect(csv).not.toMatch(/36\.|绿码|黄码|红码/)
})
