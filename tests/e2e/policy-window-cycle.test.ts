// The policy editor takes a same-day window (0 days) and a custom quota cycle (a month starting on the 21st); the
// employee's make-up page follows: no past day is open any more (each says why, with special handling offered) and
// the quota counts in the custom cycle. The demo policy is put back at the end: the browser tests share an emulator.
import type { Page } from 'playwright-core'
import { DEMO_EMPLOYEE_OPENID, DEMO_POLICY, HR_OPENID } from '@database/seed'
import { actAs, fn } from './support/demo'
import { openPhone, type Phone } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await restore().catch((e) => console.warn('restore failed', e))
  await phone?.close()
})

async function restore() {
  const { policy } = await fn<{ policy: { version: number } }>('admin', { action: 'policy' }, HR_OPENID)
  const { version: _v, ...original } = DEMO_POLICY
  await fn('admin', { action: 'savePolicy', policy: original, baseVersion: policy.version }, HR_OPENID)
}

async function as(page: Page, openid: string, route: string) {
  if (!page.url().startsWith(url())) await page.goto(`${url()}/app/`)
  await actAs(page, openid, route)
}

it('HR saves a same-day window and a custom cycle from the 21st; the employee sees both', async () => {
  const { page } = phone
  await as(page, HR_OPENID, 'admin/policy/index')
  await page.locator('.policy-window-days input').fill('0')
  await page.locator('.policy-cycle-custom').tap()
  await page.locator('.policy-cycle-start input').fill('21')
  await page.locator('.save-policy').tap()
  await page.locator('.policy-saved').waitFor()
  const saved = await page.locator('.policy-saved').innerText()
  expect(saved).toContain('window.days: 3 → 0')
  expect(saved).toContain('quota.cycle.startDay')
  await phone.shot('policy-same-day-custom-cycle')

  await as(page, DEMO_EMPLOYEE_OPENID, 'employee/makeup/index')
  await page.locator('.makeup__quota-item').first().waitFor()
  // the custom cycle's key is the day it started on: C<yyyy-mm-21>
  expect(await page.locator('.makeup__quota-item').last().innerText()).toMatch(/C\d{4}-\d{2}-21/)
  const blocked = page.locator('.blocked[data-code="MAKEUP_WINDOW_PASSED"]').first()
  await blocked.waitFor()
  expect(await blocked.locator('.special').count()).toBe(1)
  // a past day stays open only through HR's special handling
  const open = await page.locator('.slot').allInnerTexts()
  expect(open.filter((t) => !t.includes('HR 特批'))).toEqual([])
})
