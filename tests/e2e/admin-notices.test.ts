// The HR admin sets the company's reminder times in the browser: from the admin home to 提醒时间, an escalation
// earlier than the reviewer's reminder is refused with the catalogued reason, a corrected one is saved, the daily
// reminder is switched on at its first time; the function then answers with the saved times. Put back at the end:
// the other browser tests share this emulator.
import type { NoticeTimes } from '@core/notices'
import { HR_OPENID } from '@database/seed'
import { actAs, fn } from './support/demo'
import { afterNavigation, openPhone, type Phone } from './support/browser'

let phone: Phone
let original: NoticeTimes
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
  original = await fn<NoticeTimes>('admin', { action: 'noticeTimes' }, HR_OPENID)
})
afterAll(async () => {
  await fn('admin', { action: 'saveNoticeTimes', ...original }, HR_OPENID).catch(() => undefined)
  await phone?.close()
})
afterEach(() => phone?.check())

it('HR sets the reminder times: a refused escalation says why, the corrected times are saved', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  await actAs(page, HR_OPENID, 'admin/index')
  await page.locator('.notices-link').tap()
  await afterNavigation(page)
  const remind = page.locator('.notices-reviewRemindAfterHours input')
  await remind.waitFor()
  expect(await remind.inputValue()).toBe(String(original.reviewRemindAfterHours))

  await remind.fill('6')
  await page.locator('.notices-reviewEscalateAfterHours input').fill('3')
  await page.locator('.save-notices').tap()
  await page.locator('.refusal[data-code="NOTICE_ESCALATION_EARLY"]').waitFor()
  expect(await fn<NoticeTimes>('admin', { action: 'noticeTimes' }, HR_OPENID)).toEqual(original)

  await page.locator('.notices-reviewEscalateAfterHours input').fill('12')
  if (original.checkinReminderAt === null) await page.locator('.notices-daily input').tap()
  await page.locator('.notices-daily-at').waitFor()
  const dailyAt = (await page.locator('.notices-daily-at').innerText()).replace('▾', '').trim()
  await page.locator('.save-notices').tap()
  await page.locator('.notices-saved').waitFor()
  await phone.shot('admin-notice-times')
  expect(await fn<NoticeTimes>('admin', { action: 'noticeTimes' }, HR_OPENID)).toEqual({
    ...original,
    checkinReminderAt: dailyAt,
    reviewRemindAfterHours: 6,
    reviewEscalateAfterHours: 12,
  })
})
