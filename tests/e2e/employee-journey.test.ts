// A demo employee in the browser, against the emulator and the real cloud functions: check in today, find the
// missed days in the calendar, make one up with a photo, see it pending, withdraw it.
import type { Page } from 'playwright-core'
import { afterNavigation, openPhone, type Phone } from './support/browser'
import { photo } from './support/demo'

let phone: Phone

beforeAll(async () => {
  phone = await openPhone()
})

afterAll(async () => {
  await phone?.close()
})

// a JavaScript error in the app fails the test that caused it
afterEach(() => phone?.check())

test('employee journey: check in, see a missed day, make it up with a photo, withdraw', async () => {
  const { page } = phone
  await page.goto(`${process.env.E2E_URL}/app/`)

  // home: signed in as the default demo employee, today not yet checked in (on a rest day the form stays, voluntary)
  await page.locator('.submit-checkin').waitFor()
  await page.getByText('本地开发 · 身份切换').waitFor()
  await phone.shot('01-home')

  await page.locator('.temperature-input input').fill('36.6')
  await page.locator('.submit-checkin').tap()
  await page.getByText(/✓ 今日已打卡/).waitFor()
  await phone.shot('02-checked-in')

  // calendar: the seed left the two most recent working days missed
  await page.locator('.calendar-entry').tap()
  await page.getByText(/漏打卡 [1-9]\d* 天/).waitFor()
  await afterNavigation(page)
  expect(await page.locator('.calendar__card .day-state--missed').count()).toBeGreaterThan(0)
  await phone.shot('03-calendar')

  // make-up: allowed days with deadlines, blocked days with reasons, the quota left; past-window days offer
  // special handling
  await page.getByText('去补卡 ›').tap()
  await page.locator('.submit-makeup').waitFor()
  await afterNavigation(page)
  await phone.shot('04-makeup-slots')
  const before = await quotaLeft(page)
  expect(await page.locator('.blocked').count()).toBeGreaterThan(0)
  const day = await page.locator('.slot').first().getAttribute('data-day')
  expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/)

  // fill in, attach a photo, submit
  await page.locator('.slot').first().tap()
  await page.locator('.makeup .temperature-input input').fill('36.4')
  await page.locator('.reason-input textarea').fill('当天外出，网络故障未能打卡')
  const chooser = page.waitForEvent('filechooser')
  await page.locator('.nut-uploader-input').tap()
  await (
    await chooser
  ).setFiles({ name: 'health-code.png', mimeType: 'image/png', buffer: await photo(page) })
  await page.locator('.nut-uploader-preview').first().waitFor()
  await page.waitForFunction(
    () => !document.querySelector('.nut-uploader-preview .nut-uploader-preview-progress'),
  )
  await phone.shot('05-makeup-form')
  await page.locator('.submit-makeup').tap()
  await page.getByText('补卡申请已提交').waitFor()
  await page.getByText('待审核').waitFor()
  await phone.shot('06-makeup-submitted')

  // the pending request holds one unit of the quota
  await openPage(page, 'employee/makeup/index')
  expect(await quotaLeft(page)).toBe(before - 1)

  // my requests → the request's detail with its timeline → withdraw
  await openPage(page, 'employee/requests/index')
  const mine = page.locator('.request:visible', { hasText: dayLabel(day!) })
  await mine.locator('.request-status', { hasText: '待审核' }).waitFor()
  await phone.shot('07-requests')
  await mine.locator('.requests__day').tap()
  await page.locator('.timeline:visible').getByText('提交申请').waitFor()
  await afterNavigation(page)
  // the attachment comes back as a short-lived link that really serves the picture
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.detail__photo img')
    return img !== null && img.complete && img.naturalWidth > 0
  })
  await phone.shot('08-request-detail')
  await page.locator('.withdraw-button:visible').tap()
  await page.locator('.request-status:visible', { hasText: '已撤回' }).waitFor()
  await page.locator('.timeline:visible').getByText('撤回申请').waitFor()
  await phone.shot('09-withdrawn')

  // withdrawing gave the unit back
  await openPage(page, 'employee/makeup/index')
  expect(await quotaLeft(page)).toBe(before)

  // a day past the window ("超时"): ask HR for special handling
  const lateDay = await page
    .locator('.blocked:visible', { has: page.locator('.special__open') })
    .first()
    .getAttribute('data-day')
  const late = page.locator(`.blocked:visible[data-day="${lateDay}"]`)
  await late.locator('.special__open').tap()
  await late.locator('.special-reason textarea').fill('当天在外地出差，手机无信号')
  await late.locator('.special-submit').tap()
  await late.getByText('特殊情况申请已提交，等待 HR 处理').waitFor()
  await late.scrollIntoViewIfNeeded()
  await phone.shot('10-special-requested')
})

/** a real PNG (a green "health code"), drawn by the browser itself */

/** the remaining quota of the first cycle shown on the make-up page */
async function quotaLeft(page: Page): Promise<number> {
  const text = await page.locator('.makeup__quota-num:visible').first().innerText()
  return Number(text)
}

/** opens a page by its route (the H5 router is hash-based), waiting for its first answer */
async function openPage(page: Page, route: string): Promise<void> {
  await page.goto(`${process.env.E2E_URL}/app/#/${route}`)
  await page.waitForLoadState('networkidle')
  await afterNavigation(page)
}

/** how the app writes a day: '2026-11-03' → '11月3日' */
function dayLabel(day: string): string {
  const [, m, d] = day.split('-').map(Number)
  return `${m}月${d}日`
}

test('offline: a check-in is kept as a draft and delivered exactly once when the network returns', async () => {
  const { page, context } = phone
  const openid = 'o-emp-03'
  // the dev identity switcher's storage (Taro's H5 storage format)
  await page.evaluate((id) => localStorage.setItem('dev-openid', JSON.stringify({ data: id })), openid)
  await page.goto(`${process.env.E2E_URL}/app/`)
  await page.locator('.submit-checkin').waitFor()
  await page.locator('.temperature-input input').fill('36.7')

  await context.setOffline(true)
  await page.locator('.submit-checkin').tap()
  await page.getByText('网络连接失败').waitFor()
  await page.getByText(/今日打卡尚未送达（已记录 1 次失败）/).waitFor()
  await phone.shot('11-offline-draft')

  await context.setOffline(false)
  await page.getByText(/✓ 今日已打卡/).waitFor()
  await phone.shot('12-delivered-after-reconnect')

  const data = await (
    await fetch(`${process.env.E2E_URL}/control/export`, {
      headers: { 'x-emulator-token': process.env.E2E_CONTROL_TOKEN as string },
    })
  ).json()
  const binding = data.collections.bindings.find((b: { _id: string }) => b._id === openid)
  const today = await page.locator('.home__sub').innerText()
  const mine = data.collections.checkins.filter(
    (c: { memberId: string; day: string }) => c.memberId === binding.memberId && today.startsWith(c.day),
  )
  expect(mine).toHaveLength(1)
})

test('a new user binds to the demo company with the invite code and can then check in', async () => {
  const { page } = phone
  await page.evaluate(() => localStorage.setItem('dev-openid', JSON.stringify({ data: 'o-new-user' })))
  await page.goto(`${process.env.E2E_URL}/app/`)
  await page.getByText('绑定企业员工身份').first().waitFor()
  // the seed leaves its last two employees unbound: 林晓 is E022
  await page.locator('.bind-inviteCode input').fill('DEMO2026')
  await page.locator('.bind-employeeNo input').fill('E022')
  await page.locator('.bind-name input').fill('林晓')
  await phone.shot('13-bind')
  await page.locator('.bind-submit').tap()
  // a new member consents to health-data processing before the first check-in (tests/e2e/privacy.test.ts)
  await page.locator('.consent-agree').tap()
  await page.locator('.submit-checkin').waitFor()
  await page.getByText(/林晓/).first().waitFor()
  await phone.shot('14-bound')
})
