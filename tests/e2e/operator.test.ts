// The platform operator in the browser: from the home page's 平台运营 entry, the companies, a new company with its
// first HR admin (who then binds with the invite code), and the security log showing a bind with an unknown code.
import { OPERATOR_OPENID } from '@database/seed'
import { actAs, answer } from './support/demo'
import { afterNavigation, openPhone, type Phone } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(() => phone?.close())
afterEach(() => phone?.check())

it('the operator lists the companies, creates one whose HR admin binds, and reads the security log', async () => {
  const { page } = phone
  // someone tries an invite code no company has: refused, and counted in the platform's log
  const stranger = `o-stranger-${Date.now()}`
  const tried = await answer(
    'checkin',
    { action: 'bind', inviteCode: 'NOSUCH99', employeeNo: 'X1', name: '某人' },
    stranger,
  )
  expect(tried.ok).toBe(false)

  await page.goto(`${url()}/app/`)
  await actAs(page, OPERATOR_OPENID, 'pages/index/index')
  await page.locator('.operator-entry').tap()
  await afterNavigation(page)
  await page.locator('.company-item', { hasText: '示例科技有限公司' }).waitFor()
  await page.locator('.security-entry', { hasText: stranger }).waitFor()
  expect(await page.locator('.security-entry', { hasText: stranger }).innerText()).toContain('未知邀请码绑定')

  const code = `E2E${Date.now() % 1_000_000}`
  await page.locator('.new-company-name input').fill('新开通科技有限公司')
  await page.locator('.new-company-inviteCode input').fill(code)
  await page.locator('.new-company-hrEmployeeNo input').fill('HR001')
  await page.locator('.new-company-hrName input').fill('周敏')
  await page.locator('.create-company').tap()
  await page.locator('.company-created', { hasText: `邀请码 ${code}` }).waitFor()
  await page.locator('.company-item', { hasText: '新开通科技有限公司' }).waitFor()
  await phone.shot('operator-companies')

  // the new company's first HR admin binds with the code and their employee number, and is HR there
  const hr = `o-new-hr-${Date.now()}`
  const bound = await answer(
    'checkin',
    { action: 'bind', inviteCode: code, employeeNo: 'HR001', name: '周敏' },
    hr,
  )
  expect(bound.ok).toBe(true)
  const me = await answer('admin', { action: 'me' }, hr)
  expect(me.data).toMatchObject({ isHr: true, company: { name: '新开通科技有限公司' } })
})
