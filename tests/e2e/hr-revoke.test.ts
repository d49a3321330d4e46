// HR revokes an approved make-up in the browser: the request's detail offers 撤销 with a reason picker, the
// request turns 已撤销 with its reason, the timeline keeps the approval, and the employee's request page shows
// 已撤销 with the reason. The approved request is arranged as a pending one and approved through the gateway.
import { localDay } from '@core/calendar'
import { HR_OPENID } from '@database/seed'
import { afterNavigation, openPhone, type Phone } from './support/browser'
import { emulatorNow } from './support/now'
import {
  actAs,
  arrangePending,
  control,
  fn,
  missedDay,
  savePolicy,
  type Member,
  unitsUsed,
} from './support/demo'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await phone?.close()
})
afterEach(() => phone?.check())

test('HR revokes an approved make-up with a reason; the employee sees 已撤销 and why', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  const members: Member[] = (await control('/export')).collections.members
  const employee = members.find((m) => m.openid === 'o-emp-06')!
  // a working day before the one other browser tests arrange, so their requests never meet this one
  const day = missedDay(missedDay(localDay(emulatorNow())))
  const id = await arrangePending(employee, day, [], new Date(emulatorNow().getTime() - 7200_000))
  await fn('review', { action: 'decide', id, decision: 'approve' }, HR_OPENID)

  await actAs(page, HR_OPENID, `hr/detail/index?id=${id}&hr=1`)
  await page.locator('.detail-status', { hasText: '已通过' }).waitFor()
  await page.locator('.revoke-button').tap()
  await page.locator('.revoke-reason--evidenceInvalid').tap()
  await page.locator('.revoke-note textarea').fill('截图日期与申请日期不符')
  await phone.shot('hr-revoke-01-form')
  await page.locator('.confirm-revoke').tap()
  await page.locator('.decided-notice', { hasText: '已撤销：证明材料不实' }).waitFor()
  await page.locator('.detail-status', { hasText: '已撤销' }).waitFor()
  await page.locator('.revocation-reason', { hasText: '证明材料不实 · 截图日期与申请日期不符' }).waitFor()
  // the timeline keeps both, and nothing more can be done with it
  await page.getByText('审核通过 ·').waitFor()
  await page.getByText('撤销 ·').waitFor()
  expect(await page.locator('.revoke-button').count()).toBe(0)
  await phone.shot('hr-revoke-02-revoked')

  // the day is missed again: no effective record
  const data = await control('/export')
  expect(data.collections.checkins.some((c: { _id: string }) => c._id === `${employee._id}_${day}`)).toBe(
    false,
  )

  // the employee's request page
  await actAs(page, employee.openid!, `employee/request/index?id=${id}`)
  await page.locator('.request-status', { hasText: '已撤销' }).waitFor()
  await page.locator('.revocation-reason', { hasText: '撤销原因：证明材料不实' }).waitFor()
  await page.getByText('HR 撤销 · 审核人').waitFor()
  await afterNavigation(page)
  await phone.shot('hr-revoke-03-employee')
})

test('HR turns off 撤销后退还额度 in the policy editor: a revocation then keeps the unit used', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  await actAs(page, HR_OPENID, 'admin/policy/index')
  const toggle = page.locator('.policy-revoke-refunds input, .policy-revoke-refunds').first()
  await toggle.waitFor()
  await toggle.click()
  await page.locator('.save-policy').tap()
  await page.locator('.policy-saved').waitFor()
  try {
    const saved = await fn<{ policy: { quota: { revokeRefunds?: boolean } } }>(
      'admin',
      { action: 'policy' },
      HR_OPENID,
    )
    expect(saved.policy.quota.revokeRefunds).toBe(false)

    const members: Member[] = (await control('/export')).collections.members
    // the first test's member, another day
    const employee = members.find((m) => m.openid === 'o-emp-06')!
    const day = missedDay(missedDay(missedDay(localDay(emulatorNow()))))
    const id = await arrangePending(employee, day, [], new Date(emulatorNow().getTime() - 3600_000))
    await fn('review', { action: 'decide', id, decision: 'approve' }, HR_OPENID)
    const quotaOf = () => unitsUsed(employee._id, day.slice(0, 7))
    const used = await quotaOf()
    await fn('review', { action: 'revoke', id, reasonCode: 'memberAsked' }, HR_OPENID)
    expect(await quotaOf()).toBe(used)
  } finally {
    await savePolicy({})
  }
})
