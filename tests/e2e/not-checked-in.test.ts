// From the HR dashboard: a department's members who have not checked in today, and one tap reminds them (queued as
// the daily reminder's notice: once a day per member; sent by subscribe message where authorised, in-app otherwise).
import { HR_OPENID } from '@database/seed'
import { actAs, control } from './support/demo'
import { afterNavigation, openPhone, type Phone } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(() => phone?.close())
afterEach(() => phone?.check())

it('HR opens a department’s missing check-ins from the dashboard and reminds them in one tap', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  await actAs(page, HR_OPENID, 'hr/dashboard/index')
  // a department with someone missing today (its row ends in ›)
  const row = page.locator('.dept-completion', { hasText: '›' }).first()
  await row.waitFor()
  const dept = (await row.locator('.dash__bar-label').innerText()).trim()
  await row.tap()
  await afterNavigation(page)
  await page.locator('.missing-member').first().waitFor()
  expect(await page.locator('.not-checked-in .hr-card__title').innerText()).toContain(dept)

  const reachable = Number(/（(\d+) 人）/.exec(await page.locator('.remind-checkin').innerText())?.[1])
  await page.locator('.remind-checkin').tap()
  await page.locator('.remind-result').waitFor()
  const said = await page.locator('.remind-result').innerText()
  const queued = Number(/已提醒 (\d+) 人/.exec(said)?.[1])
  const already = Number(/(\d+) 人今天已提醒过/.exec(said)?.[1] ?? 0)
  expect(queued + already).toBe(reachable)
  await phone.shot('hr-not-checked-in')

  // the reminders wait in the outbox for the notify timer, one per member for today
  const outbox: { kind: string; _id: string }[] = (await control('/export')).collections.outbox ?? []
  const today = outbox.filter((d) => d.kind === 'checkinReminder')
  expect(new Set(today.map((d) => d._id)).size).toBe(today.length)
  expect(today.length).toBeGreaterThanOrEqual(queued)
})
