// A rule group's own check-in reminder time in the browser: HR groups 研发部, switches on 单独设置打卡提醒时间, picks
// the time in the time picker, and the preview names 提醒时间 for the department's members before the second tap
// saves it; then 该组不提醒 saves null (no daily reminder for the group). The demo policy is put back at the end: the
// other browser tests share this emulator.
import { fn, restorePolicy } from './support/demo'
import type { Page } from 'playwright-core'
import type { Policy } from '@core/policy'
import { HR_OPENID } from '@database/seed'
import { afterNavigation, confirmPicker, openPhone, type Phone } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await restorePolicy().catch(() => undefined)
  await phone?.close()
})
afterEach(() => phone?.check())

const policy = async () => (await fn<{ policy: Policy }>('admin', { action: 'policy' }, HR_OPENID)).policy

async function open(page: Page) {
  await page.goto(`${url()}/app/`)
  await page.evaluate((id) => localStorage.setItem('dev-openid', JSON.stringify({ data: id })), HR_OPENID)
  await page.goto(`${url()}/app/#/admin/policy/index`)
  await afterNavigation(page)
}

/** The first tap shows the preview; the second saves. */
async function saveThroughPreview(page: Page, change: string) {
  await page.locator('.save-policy').tap()
  await page.locator('.group-preview').waitFor()
  await page.locator('.group-change', { hasText: change }).first().waitFor()
  await page.locator('.save-policy', { hasText: '确认变化并保存' }).tap()
  await page.locator('.policy-saved').waitFor()
}

it('HR gives 研发部 its own reminder time, previewed as 提醒时间, then none for the group', async () => {
  const { page } = phone
  await restorePolicy()
  await open(page)
  await page.locator('.add-group').tap()
  const group = page.locator('.rule-group').first()
  await group.locator('.group-name input').fill('研发提醒')
  await group.locator('.group-dept', { hasText: '研发部' }).tap()
  await group.locator('.group-own-reminder input, .group-own-reminder').first().tap()
  // the time picker opens on the group's time and confirms it
  await group.locator('.group-reminder-at').tap()
  await confirmPicker(page)
  const time = (await group.locator('.group-reminder-at').innerText()).replace('▾', '').trim()
  expect(time).toMatch(/^\d\d:\d\d$/)

  await saveThroughPreview(page, '（研发部）：公司规则 → 研发提醒 · 提醒时间')
  expect(await page.locator('.policy-saved').innerText()).toContain(
    `groups.研发提醒.checkinReminderAt: "${time}"`,
  )
  expect((await policy()).groups).toEqual([
    expect.objectContaining({ name: '研发提醒', departments: ['研发部'], checkinReminderAt: time }),
  ])
  await phone.shot('admin-policy-group-reminder')

  await open(page)
  const saved = page.locator('.rule-group').first()
  await saved.locator('.group-reminder-none').tap()
  expect(await saved.locator('.group-reminder-at').count()).toBe(0)
  await saveThroughPreview(page, '（研发部）：研发提醒 → 研发提醒 · 提醒时间')
  expect((await policy()).groups?.[0].checkinReminderAt).toBeNull()
})
