// The help centre in the browser: the contacts HR set (hotline, emergency, HR), the FAQ, the way to a ticket. WeChat's
// customer-service session is a phone-only button (tests/mp/help-service.test.ts): the browser build has none.
import { DEMO_EMPLOYEE_OPENID, HR_OPENID } from '@database/seed'
import { actAs, fn } from './support/demo'
import { afterNavigation, openPhone, type Phone } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string
let saved: { contacts: object[]; faq: object[] }

beforeAll(async () => {
  phone = await openPhone()
  saved = await fn('admin', { action: 'help' }, HR_OPENID)
})
afterAll(async () => {
  // the other browser tests share this company: its help centre goes back as it was
  await fn('admin', { action: 'saveHelp', contacts: saved.contacts, faq: saved.faq }, HR_OPENID).catch(
    () => undefined,
  )
  await phone?.close()
})
afterEach(() => phone?.check())

it('an employee sees the hotline, the emergency contact and the FAQ, and reaches the tickets', async () => {
  const { page } = phone
  await fn(
    'admin',
    {
      action: 'saveHelp',
      contacts: [
        { kind: 'hotline', name: '平台热线', value: '400-800-1234' },
        { kind: 'emergency', name: '行政值班', value: '13800000000' },
      ],
      faq: [{ q: '忘记打卡怎么办？', a: '在首页点「补打卡」，选择漏打的日期提交。' }],
    },
    HR_OPENID,
  )
  await page.goto(`${url()}/app/`)
  await actAs(page, DEMO_EMPLOYEE_OPENID, 'admin/help/index')
  await page.locator('.help-contact', { hasText: '400-800-1234' }).waitFor()
  expect(await page.locator('.help-contact', { hasText: '紧急联系人' }).innerText()).toContain('13800000000')
  await page.getByText('忘记打卡怎么办？').waitFor()
  expect(await page.locator('.contact-service').count()).toBe(0)
  await phone.shot('help-centre')

  await page.locator('.my-tickets').tap()
  await afterNavigation(page)
  await page.locator('.submit-ticket').waitFor()
})
