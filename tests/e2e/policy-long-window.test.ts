// A make-up window longer than a month: HR sets 45 working days in the policy editor and the employee's make-up page
// judges days that far back (open, or blocked with the reason), not only the last 31. The demo policy is put back.
import { addDays, localDay } from '@core/calendar'
import { DEMO_EMPLOYEE_OPENID, DEMO_POLICY, HR_OPENID } from '@database/seed'
import { actAs, fn } from './support/demo'
import { openPhone, type Phone } from './support/browser'
import { emulatorNow } from './support/now'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  const { policy } = await fn<{ policy: { version: number } }>('admin', { action: 'policy' }, HR_OPENID)
  const { version: _v, ...original } = DEMO_POLICY
  await fn('admin', { action: 'savePolicy', policy: original, baseVersion: policy.version }, HR_OPENID).catch(
    (e) => console.warn('restore failed', e),
  )
  await phone?.close()
})
afterEach(() => phone?.check())

it('a 45-working-day window: the make-up page lists days more than 40 days back', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  await actAs(page, HR_OPENID, 'admin/policy/index')
  await page.locator('.policy-window-days input').fill('45')
  await page.locator('.save-policy').tap()
  await page.locator('.policy-saved', { hasText: 'window.days: 3 → 45' }).waitFor()

  await actAs(page, DEMO_EMPLOYEE_OPENID, 'employee/makeup/index')
  await page.locator('.slot, .blocked').first().waitFor()
  const days = await page
    .locator('.slot, .blocked')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-day')!))
  const today = localDay(emulatorNow())
  expect(days.sort()[0] < addDays(today, -40)).toBe(true)
  await phone.shot('makeup-long-window')
})
