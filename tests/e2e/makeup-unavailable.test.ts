// Why make-up is unavailable, and what to do next, in the browser: every reason the home page or the make-up page
// gives comes with a tap that leads somewhere that works — 去身份验证 (the 身份验证 page) for a region check that HR can also
// confirm by hand, 申请开通 that HR grants on its own page (the member is notified and the entry opens), 更新小程序
// (a reload in H5, WeChat's update manager on weapp), and the quota's 联系 HR; with no cap the quota reads 不限.
// Everything is put back at the end: the other browser tests share this emulator.
import type { Page } from 'playwright-core'
import { DEMO_POLICY, HR_OPENID } from '@database/seed'
import { actAs, control, fn, missedDay, savePolicy } from './support/demo'
import { afterNavigation, openPhone, type Phone } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string
// 王芳: 上海, where the demo policy requires identity binding; 李娜: 北京, make-up open to all
const SHANGHAI = 'o-emp-02'
const BEIJING = 'o-emp-03'

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await restore().catch((e) => console.warn('restore failed', e))
  await phone?.close()
})
afterEach(() => {
  if (phone?.problems.length) console.warn(phone.problems.join('\n'))
})

const memberIdOf = async (openid: string) =>
  (await fn<{ member: { memberId: string } }>('checkin', { action: 'me' }, openid)).member.memberId

async function restore() {
  await savePolicy({})
  const shanghai = await memberIdOf(SHANGHAI)
  await fn('admin', { action: 'updateMember', memberId: shanghai, identityBound: false }, HR_OPENID)
  const beijing = await memberIdOf(BEIJING)
  await fn(
    'admin',
    { action: 'updateMember', memberId: beijing, region: '北京', makeupEnabled: true },
    HR_OPENID,
  )
}

const entry = (page: Page) => page.locator('.makeup-entry')

/** As `openid` on `route` (the dev identity lives in the app's storage: be on the app's origin first). */
async function as(page: Page, openid: string, route: string) {
  if (!page.url().startsWith(url())) await page.goto(`${url()}/app/`)
  await actAs(page, openid, route)
}

async function home(page: Page, openid: string) {
  await as(page, openid, 'pages/index/index')
  await entry(page).waitFor()
  await page.locator('.home__status, .home__form, .bind-form').first().waitFor()
}

it('a region check: the reason, 去身份验证 opens the 身份验证 page, HR confirms by hand and the entry opens', async () => {
  const { page } = phone
  await home(page, SHANGHAI)
  await page.locator('.makeup-entry[data-code="IDENTITY_BINDING_REQUIRED"]').waitFor()
  expect(await entry(page).innerText()).toContain('您所在地区要求先完成实名身份绑定')
  await entry(page).scrollIntoViewIfNeeded()
  await phone.shot('unavailable-01-identity')
  await entry(page).locator('.next-step').tap()
  await afterNavigation(page)
  await page.locator('.verify__card[data-step="identity"]').waitFor()
  expect(page.url()).toContain('employee/verify/index')

  // a member whose number cannot match the roster: HR confirms the identity on the member's page, audited
  const memberId = await memberIdOf(SHANGHAI)
  await as(page, HR_OPENID, `admin/member/index?id=${memberId}`)
  await page.locator('.member-identity').tap()
  await page.locator('.save-member').tap()
  await page.locator('.ad-notice', { hasText: '已保存' }).waitFor()

  await home(page, SHANGHAI)
  await page.locator('.makeup-entry[data-code=""]').waitFor()
  await entry(page).tap()
  await afterNavigation(page)
  await page.locator('.makeup__quota-num').first().waitFor()
})

it('申请开通: the member asks, HR grants on the requests page, the member is notified and the entry opens', async () => {
  const { page } = phone
  // 深圳 opens make-up only to members HR enabled; 李娜 moves there with her switch off
  await savePolicy({ regions: { ...DEMO_POLICY.regions, 深圳: { adminAuthorisation: true } } })
  const memberId = await memberIdOf(BEIJING)
  await fn('admin', { action: 'updateMember', memberId, region: '深圳', makeupEnabled: false }, HR_OPENID)

  await home(page, BEIJING)
  await page.locator('.makeup-entry[data-code="MAKEUP_NOT_ENABLED"]').waitFor()
  await entry(page).locator('.next-step', { hasText: '申请开通' }).tap()
  await entry(page)
    .getByText(/已申请开通，等待 HR 审批/)
    .waitFor()
  await entry(page).scrollIntoViewIfNeeded()
  await phone.shot('unavailable-02-access-requested')
  // after a reload the page still knows, and offers nothing more to tap
  await home(page, BEIJING)
  await entry(page)
    .getByText(/已申请开通，等待 HR 审批/)
    .waitFor()
  expect(await entry(page).locator('.next-step').count()).toBe(0)

  await as(page, HR_OPENID, 'admin/index')
  await page.locator('.access-link').tap()
  await afterNavigation(page)
  const item = page.locator(`.access-item[data-member="${memberId}"]`)
  await item.waitFor()
  await item.locator('.access-note input').fill('外勤岗位，已核实')
  await phone.shot('unavailable-03-hr-access-requests')
  await item.locator('.grant-access').tap()
  await page.locator('.access-done', { hasText: '已开通补打卡' }).waitFor()
  await page.locator('.access-empty').waitFor()

  await home(page, BEIJING)
  await page.locator('.makeup-entry[data-code=""]').waitFor()
  await page.locator('.notices-badge').tap()
  await page.locator('.notices__item', { hasText: '补打卡功能开通申请已批准：外勤岗位，已核实' }).waitFor()
  await phone.shot('unavailable-04-access-granted-notice')
  await entry(page).tap()
  await afterNavigation(page)
  await page.locator('.makeup__quota-num').first().waitFor()
})

it('a client too old: 更新小程序 (in H5 a reload of the latest build)', async () => {
  const { page } = phone
  await savePolicy({ minClientVersion: '99.0.0' })
  await home(page, BEIJING)
  await page.locator('.makeup-entry[data-code="CLIENT_TOO_OLD"]').waitFor()
  const step = entry(page).locator('.next-step', { hasText: '更新小程序' })
  await step.waitFor()
  await phone.shot('unavailable-05-client-too-old')
  await Promise.all([page.waitForEvent('load'), step.tap()])
  await entry(page).waitFor()
})

it('the quota used up: each blocked day says so with 联系 HR; with no cap the quota reads 不限', async () => {
  const { page } = phone
  // 李娜 missed the last working day (her check-in removed), still inside the window; no make-ups allowed
  const me = await fn<{ today: string; member: { memberId: string } }>('checkin', { action: 'me' }, BEIJING)
  await control(`/collections/checkins/${me.member.memberId}_${missedDay(me.today)}`, {
    method: 'DELETE',
  }).catch(() => undefined)
  await savePolicy({ quota: { ...DEMO_POLICY.quota, cap: 0 } })
  await as(page, BEIJING, 'employee/makeup/index')
  const blocked = page.locator('.blocked[data-code="QUOTA_EXHAUSTED"]').first()
  await blocked.waitFor()
  expect(await blocked.innerText()).toContain('本周期的补打卡次数已用完')
  await blocked.scrollIntoViewIfNeeded()
  await phone.shot('unavailable-06-quota-used')
  await blocked.locator('.next-step', { hasText: '联系 HR' }).tap()
  await afterNavigation(page)
  await page.locator('.help-page').waitFor()

  await savePolicy({ quota: { ...DEMO_POLICY.quota, cap: null } })
  await as(page, BEIJING, 'employee/makeup/index')
  // a hash change alone would show the page already in Taro's stack: load it afresh
  await page.reload()
  await page.locator('.makeup__quota-num').first().waitFor()
  const quota = await page.locator('.makeup__quota-item').last().innerText()
  expect(quota).toContain('不限')
  expect(quota).not.toMatch(/-1\s*\/\s*-1/)
})
