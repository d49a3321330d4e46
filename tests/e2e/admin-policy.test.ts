// The HR admin edits the make-up policy in the browser — window 1 → 3 working days, cap 3 → 5 — and the demo
// employee's allowed days and remaining quota follow; the editor's preview shows the employee's days with reasons
// (screenshots); a declared maintenance window shows the banner on the home page and extends a deadline.
// Everything is put back at the end: the other browser tests share this emulator.
import { fn } from './support/demo'
import type { Page } from 'playwright-core'
import { DEMO_EMPLOYEE_OPENID, DEMO_POLICY, HR_OPENID } from '@database/seed'
import { afterNavigation, openPhone, type Phone } from './support/browser'
import { emulatorNow } from './support/now'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await restore().catch(() => undefined)
  await phone?.close()
})
// a JavaScript error in the app fails the test that caused it
afterEach(() => phone?.check())

async function restore() {
  const { policy } = await fn<{ policy: { version: number } }>('admin', { action: 'policy' }, HR_OPENID)
  const { version: _v, ...original } = DEMO_POLICY
  await fn('admin', { action: 'savePolicy', policy: original, baseVersion: policy.version }, HR_OPENID)
  const windows = await fn<{ id: string }[]>('admin', { action: 'maintenance' }, HR_OPENID)
  for (const w of windows) await fn('admin', { action: 'removeMaintenance', id: w.id }, HR_OPENID)
}

async function open(page: Page, openid: string, route: string) {
  await page.goto(`${url()}/app/`)
  await page.evaluate((id) => localStorage.setItem('dev-openid', JSON.stringify({ data: id })), openid)
  await page.goto(`${url()}/app/#/${route}`)
  await afterNavigation(page)
}

async function setPolicy(page: Page, days: string, cap: string) {
  await open(page, HR_OPENID, 'admin/policy/index')
  await page.locator('.policy-window-days input').fill(days)
  await page.locator('.policy-cap input').fill(cap)
  await page.locator('.save-policy').tap()
  await page.locator('.policy-saved').waitFor()
}

/** The employee's make-up page: the days offered, the remaining quota of this cycle, deadlines by day. */
async function employeeSlots(page: Page) {
  await open(page, DEMO_EMPLOYEE_OPENID, 'employee/makeup/index')
  await page.locator('.makeup__quota-num').first().waitFor()
  const days = await page.locator('.slot').evaluateAll((els) => els.map((e) => e.getAttribute('data-day')!))
  const quota = await page.locator('.makeup__quota-item').last().innerText()
  const deadlines = await page
    .locator('.slot')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((e) => [e.getAttribute('data-day'), e.querySelector('.makeup__slot-deadline')?.textContent]),
      ),
    )
  const [, remaining, cap] = /剩余\s*(\d+)\s*\/\s*(\d+)/.exec(quota.replace(/\n/g, ' ')) ?? []
  return { days, remaining: Number(remaining), cap: Number(cap), deadlines }
}

it('HR changes the window from 1 to 3 days and the cap from 3 to 5: the employee sees more days and quota', async () => {
  const { page } = phone
  await setPolicy(page, '1', '3')
  const before = await employeeSlots(page)
  expect(before.cap).toBe(3)

  await setPolicy(page, '3', '5')
  await page.locator('.policy-page').evaluate((el) => el.scrollIntoView())
  await phone.shot('admin-policy-editor')
  expect(await page.locator('.policy-saved').innerText()).toContain('window.days: 1 → 3')

  const after = await employeeSlots(page)
  expect(after.cap).toBe(5)
  expect(after.remaining).toBe(before.remaining + 2)
  expect(after.days.length).toBeGreaterThan(before.days.length)
  expect(after.days).toEqual(expect.arrayContaining(before.days))
})

it('the policy editor previews the employee day by day with the reason for each blocked day', async () => {
  const { page } = phone
  const employee = await fn<{ member: { memberId: string } }>(
    'checkin',
    { action: 'me' },
    DEMO_EMPLOYEE_OPENID,
  )
  await open(page, HR_OPENID, `admin/policy/index?memberId=${employee.member.memberId}`)
  await page.locator('.run-preview').tap()
  await page.locator('.preview-ok').first().waitFor()
  expect(await page.locator('.preview-blocked').count()).toBeGreaterThan(0)
  expect(await page.locator('.preview-quota').first().innerText()).toMatch(/剩余 \d+ \/ 5/)
  await page.locator('.policy-preview').scrollIntoViewIfNeeded()
  await phone.shot('admin-policy-preview')
})

it('a maintenance window shows the banner on the home page and extends the deadline of the day it overlaps', async () => {
  const { page } = phone
  const before = await employeeSlots(page)
  const lastMissed = before.days[before.days.length - 1]
  expect(lastMissed).toBeDefined()
  // a past window over the evening of the last missed day, and an upcoming one for the banner
  const now = emulatorNow().getTime()
  const iso = (ms: number) => new Date(ms).toISOString()
  await fn(
    'admin',
    {
      action: 'declareMaintenance',
      start: `${lastMissed}T20:00:00+08:00`,
      end: `${lastMissed}T23:00:00+08:00`,
      note: '数据库升级',
    },
    HR_OPENID,
  )
  await fn(
    'admin',
    {
      action: 'declareMaintenance',
      start: iso(now + 2 * 3600_000),
      end: iso(now + 3 * 3600_000),
      note: '系统升级',
    },
    HR_OPENID,
  )

  await open(page, DEMO_EMPLOYEE_OPENID, 'pages/index/index')
  await page.locator('.home__maintenance', { hasText: '系统升级' }).waitFor()
  await phone.shot('admin-maintenance-banner')

  const after = await employeeSlots(page)
  expect(after.deadlines[lastMissed]).not.toBe(before.deadlines[lastMissed])
  await page.locator(`.slot[data-day="${lastMissed}"]`, { hasText: '不占次数' }).waitFor()
})

it('HR imports members from a CSV file in the browser: progress, the refused row, the new members listed', async () => {
  const { page } = phone
  await open(page, HR_OPENID, 'admin/members/index')
  await page.locator('.member-item').first().waitFor()
  const csv =
    '工号,姓名,部门,地区\nE2E901,导入一,市场部,北京\nE2E902,导入二,无此部门,北京\nE2E903,导入三,研发部,上海\n'
  const chooser = page.waitForEvent('filechooser')
  await page.locator('.import-button').tap()
  await (await chooser).setFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.locator('.import-progress', { hasText: '导入完成' }).waitFor()
  expect(await page.locator('.import-progress').innerText()).toContain('3/3 行，新增 2，更新 0，有误 1')
  expect(await page.locator('.import-error').innerText()).toContain('第 3 行（E2E902）：部门不存在')
  await page.locator('.member-item', { hasText: '导入一' }).waitFor()
  await phone.shot('admin-members-import')

  // the imported members leave again (history kept), so the other browser tests see the demo company as seeded
  const { items } = await fn<{ items: { id: string; employeeNo: string }[] }>(
    'admin',
    { action: 'members', offset: 0 },
    HR_OPENID,
  )
  const imported = items.filter((m) => m.employeeNo.startsWith('E2E9'))
  expect(imported).toHaveLength(2)
  for (const m of imported) await fn('admin', { action: 'deactivate', memberId: m.id }, HR_OPENID)
})
