// A 上海 member whose identity is not bound yet: the make-up page says why and opens the 身份验证 page, where the
// phone-number check (in the browser, the emulator's stand-in for WeChat's button) binds against HR's roster and
// SOTER face verification (the emulator plays the device) is valid for the region's days.
import { demoPhone } from '@database/seed'
import { afterNavigation, openPhone, type Phone } from './support/browser'

let phone: Phone | null = null

afterEach(async () => {
  if (phone?.problems.length) console.warn(phone.problems.join('\n'))
  await phone?.close()
  phone = null
})

const asUser = (openid: string) =>
  `localStorage.setItem('dev-openid', ${JSON.stringify(JSON.stringify({ data: openid }))})`

test('an unbound 上海 member binds with the roster phone number and verifies by face from the 身份验证 page', async () => {
  phone = await openPhone()
  const { page } = phone
  // o-emp-02 is the demo's 上海 employee (person 4) whose identity is not bound yet
  await page.context().addInitScript(asUser('o-emp-02'))
  await page.goto(`${process.env.E2E_URL}/app/#/employee/makeup/index`)
  const gate = page.locator('.refusal[data-code="IDENTITY_BINDING_REQUIRED"]').first()
  await gate.getByText('您所在地区要求先完成实名身份绑定').waitFor()
  await phone.shot('regional-01-makeup-gate')
  await gate.locator('.next-step').tap()

  await page.locator('.verify__card[data-step="identity"]').waitFor()
  await afterNavigation(page)
  await page.getByText(/本地模拟/).waitFor()
  await page.locator('.verify__input input').fill('13900000000')
  await page.getByText('微信手机号验证').tap()
  await page.locator('.refusal[data-code="PHONE_MISMATCH"]').waitFor()
  await page.locator('.verify__input input').fill(demoPhone(4))
  await page.getByText('微信手机号验证').tap()
  await page.getByText('已绑定（微信手机号）').waitFor()
  // the make-up page stays below in the page stack: only this page's notices count
  expect(await page.locator('.verify .refusal').count()).toBe(0)

  await page.getByText('开始验证').tap()
  await page.getByText(/已验证，有效至 \d{4}-\d{2}-\d{2}/).waitFor()
  await phone.shot('regional-02-verified')
})
