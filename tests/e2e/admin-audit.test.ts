// The HR admin opens the whole audit log from the admin home (查看全部), narrows it to one member by 工号, pages, and
// exports the narrowed log as CSV: the file carries the admin edit's field before → after. The edit (a member's
// make-up switched off and back on) leaves the shared demo data as it was.
import type { AdminMemberView } from '@core/admin'
import { HR_OPENID } from '@database/seed'
import { actAs, fn } from './support/demo'
import { afterNavigation, openPhone, type Phone } from './support/browser'

let phone: Phone
let target: AdminMemberView
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
  const { items } = await fn<{ items: AdminMemberView[] }>('admin', { action: 'members' }, HR_OPENID)
  target = items.filter((m) => m.roles.length === 1 && m.makeupEnabled && m.status === 'active').at(-1)!
  for (const makeupEnabled of [false, true])
    await fn('admin', { action: 'updateMember', memberId: target.id, makeupEnabled }, HR_OPENID)
})
afterAll(() => phone?.close())
afterEach(() => phone?.check())

it('HR pages the whole audit log, narrows it to one member and exports it with the edit before → after', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  await actAs(page, HR_OPENID, 'admin/index')
  await page.locator('.audit-all').tap()
  await afterNavigation(page)
  await page.locator('.audit-page .audit-entry').first().waitFor()
  // the whole log: more than the home page's 8, 30 a page
  const firstPage = await page.locator('.audit-entry').count()
  if (await page.locator('.audit-more').count()) {
    await page.locator('.audit-more').tap()
    await page.waitForFunction((n) => document.querySelectorAll('.audit-entry').length > n, firstPage)
  }

  await page.locator('.audit-employee input').fill(target.employeeNo)
  await page.locator('.audit-search').tap()
  await page.locator(`.audit-list[data-employee="${target.employeeNo}"] .audit-entry`).first().waitFor()
  const changes = await page.locator('.audit-change').allInnerTexts()
  expect(changes).toEqual(
    expect.arrayContaining(['makeupEnabled: true → false', 'makeupEnabled: false → true']),
  )
  await phone.shot('admin-audit-filtered')

  await page.locator('.export-format--csv').tap()
  await page.locator('.export-start').tap()
  await page.locator('.export-done').waitFor()
  const link = await page.locator('.export-link').getAttribute('data-url')
  const csv = await (await fetch(link!)).text()
  const lines = csv.split('\r\n').filter(Boolean)
  expect(lines[0]).toContain('变更（原 → 新）')
  expect(lines.slice(1).every((l) => l.includes(`,${target.employeeNo},`))).toBe(true)
  expect(csv).toContain('makeupEnabled: true → false')
  expect(csv).toContain('makeupEnabled: false → true')
  // ids, settings and flags only: no temperature or health-code value in the file
  expect(csv).not.toMatch(/3[5-9]\.\d|绿码|黄码|红码/)
})
