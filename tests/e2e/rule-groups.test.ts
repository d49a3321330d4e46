// Rule groups in the browser: HR gives 研发部 its own window (30 natural days) in the policy editor; saving first
// shows the preview — who moves to which rule and what changes for them — and saves on the second tap; the demo
// employee of 研发部 is then offered the longer window (the seed's rejected make-up day, three weeks back). A department in two groups is refused with the catalogue's
// message. The demo policy is put back at the end: the other browser tests share this emulator.
import { fn, restorePolicy } from './support/demo'
import type { Page } from 'playwright-core'
import { DEMO_EMPLOYEE_OPENID, HR_OPENID } from '@database/seed'
import { afterNavigation, openPhone, type Phone } from './support/browser'

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

async function open(page: Page, openid: string, route: string) {
  await page.goto(`${url()}/app/`)
  await page.evaluate((id) => localStorage.setItem('dev-openid', JSON.stringify({ data: id })), openid)
  await page.goto(`${url()}/app/#/${route}`)
  await afterNavigation(page)
}

async function employeeDays(page: Page) {
  await open(page, DEMO_EMPLOYEE_OPENID, 'employee/makeup/index')
  await page.locator('.makeup__quota-num').first().waitFor()
  return page.locator('.slot').evaluateAll((els) => els.map((e) => e.getAttribute('data-day')!))
}

it('HR groups 研发部 with a 30-day window: the preview names who changes, the second tap saves, the employee gets the days', async () => {
  const { page } = phone
  await restorePolicy()
  const before = await employeeDays(page)
  const { items } = await fn<{ items: { name: string; dept: string }[] }>(
    'admin',
    { action: 'members' },
    HR_OPENID,
  )
  const dev = items.filter((m) => m.dept === '研发部')
  expect(dev.length).toBeGreaterThan(0)

  await open(page, HR_OPENID, 'admin/policy/index')
  await page.locator('.add-group').tap()
  const group = page.locator('.rule-group').first()
  await group.locator('.group-name input').fill('研发外勤')
  await group.locator('.group-dept', { hasText: '研发部' }).tap()
  await group.locator('.group-own-window input, .group-own-window').first().tap()
  await group.locator('.group-window-days input').fill('30')
  await group.locator('.group-window-natural').tap()
  await page.locator('.group-preview-needed').waitFor()

  // the first tap shows what would change, and saves nothing yet
  await page.locator('.save-policy').tap()
  await page.locator('.group-preview').waitFor()
  expect(await page.locator('.group-changed-total').innerText()).toContain(`规则变化 ${dev.length} 人`)
  expect(await page.locator('.group-preview-row', { hasText: '研发外勤' }).innerText()).toContain(
    `${dev.length} 人（原 0 人，变化 ${dev.length} 人）`,
  )
  await page
    .locator('.group-change', { hasText: `${dev[0].name}（研发部）：公司规则 → 研发外勤 · 补卡时限` })
    .waitFor()
  expect(await page.locator('.policy-saved').count()).toBe(0)
  await page.locator('.group-preview').scrollIntoViewIfNeeded()
  await phone.shot('admin-policy-groups-preview')

  await page.locator('.save-policy', { hasText: '确认变化并保存' }).tap()
  await page.locator('.policy-saved').waitFor()
  expect(await page.locator('.policy-saved').innerText()).toContain('groups.研发外勤: 新增')

  const after = await employeeDays(page)
  expect(after.length).toBeGreaterThan(before.length)
  expect(after).toEqual(expect.arrayContaining(before))
})

it('a department in two groups is refused with the reason and what to do', async () => {
  const { page } = phone
  await open(page, HR_OPENID, 'admin/policy/index')
  await page.locator('.rule-group').first().waitFor()
  await page.locator('.add-group').tap()
  const second = page.locator('.rule-group').nth(1)
  await second.locator('.group-dept', { hasText: '研发部' }).tap()
  await page.locator('.save-policy').tap()
  await page.getByText('部门"研发部"同时属于规则组"研发外勤"和"规则组2"').waitFor()
  await page.getByText('请从其中一个规则组移除该部门后重新保存').waitFor()
  await phone.shot('admin-policy-groups-overlap')
})
