// HR's privacy settings in the browser: the retention period and the legal basis are saved from the page, and a
// member's deletion request is confirmed there (the member's health data goes; the page says what was removed).
// The settings are put back at the end: the other browser tests share this company.
import { HR_OPENID } from '@database/seed'
import { actAs, fn } from './support/demo'
import { openPhone, type Phone } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string
const MEMBER = 'o-emp-18'
let before: { retentionDays: 30 | 90 | 180; legalBasis: string }

beforeAll(async () => {
  phone = await openPhone()
  before = await fn('privacy', { action: 'settings' }, HR_OPENID)
})
afterAll(async () => {
  await fn('privacy', { action: 'settings', ...before }, HR_OPENID).catch((e) =>
    console.warn('restore failed', e),
  )
  await phone?.close()
})
afterEach(() => phone?.check())

it('HR saves the retention period and confirms a member’s deletion request', async () => {
  const { page } = phone
  await fn('privacy', { action: 'requestDeletion' }, MEMBER)
  await page.goto(`${url()}/app/`)
  await actAs(page, HR_OPENID, 'admin/privacy/index')

  const other = before.retentionDays === 180 ? 90 : 180
  await page.locator(`.retention-${other}`).tap()
  await page.locator('.privacy-notice', { hasText: '已保存' }).waitFor()
  expect(
    (await fn<{ retentionDays: number }>('privacy', { action: 'settings' }, HR_OPENID)).retentionDays,
  ).toBe(other)

  const request = page.locator('.deletion-request').first()
  await request.waitFor()
  await request.locator('.confirm-deletion').tap()
  await page.locator('.taro-modal__foot >> text=确定').tap()
  await page.locator('.privacy-notice', { hasText: '的健康信息：打卡' }).waitFor()
  await phone.shot('hr-privacy-deletion')
  // the request is settled: no longer waiting on HR
  const waiting = await fn<{ memberId: string }[]>('privacy', { action: 'deletionRequests' }, HR_OPENID)
  const { member } = await fn<{ member: { memberId: string } }>('checkin', { action: 'me' }, MEMBER)
  expect(waiting.map((r) => r.memberId)).not.toContain(member.memberId)
})
