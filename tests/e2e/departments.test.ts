// HR removes a department on the members page: an empty one goes once confirmed; one with members stays, and the
// page says why (the function's catalogued refusal).
import type { Page } from 'playwright-core'
import { HR_OPENID } from '@database/seed'
import { actAs, fn } from './support/demo'
import { openPhone, type Phone } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(() => phone?.close())
afterEach(() => phone?.check())

/** Taro H5's modal: the second button of its foot is 确定. */
const confirmModal = (page: Page) => page.locator('.taro-modal__foot >> text=确定').tap()

it('an empty department is removed; one with members is kept with the reason', async () => {
  const { page } = phone
  await fn('admin', { action: 'saveDepartment', name: '临时项目组', parent: null }, HR_OPENID)
  await page.goto(`${url()}/app/`)
  await actAs(page, HR_OPENID, 'admin/members/index')

  await page.locator('.dept-chip', { hasText: '研发部' }).tap()
  await page.locator('.remove-dept').tap()
  await confirmModal(page)
  await page.locator('.refusal[data-code="DEPT_NOT_EMPTY"]').waitFor()
  expect(await page.locator('.dept-chip', { hasText: '研发部' }).count()).toBe(1)

  await page.locator('.dept-chip', { hasText: '临时项目组' }).tap()
  await page.locator('.remove-dept').tap()
  await confirmModal(page)
  await page.locator('.dept-chip', { hasText: '临时项目组' }).waitFor({ state: 'detached' })
  const { tree } = await fn<{ tree: { name: string }[] }>('admin', { action: 'departments' }, HR_OPENID)
  expect(JSON.stringify(tree)).not.toContain('临时项目组')
})
