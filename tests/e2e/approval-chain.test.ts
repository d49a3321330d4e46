// An approval chain in the browser: a 研发部 request whose chain is 部门审核人 → HR, with 王磊 copied. 李明 (the
// department's reviewer) adds 陈思 before himself (加签); 陈思 approves her step, 李明 his, and HR the last; each
// page shows the chain and who decides now; the employee's request page shows every step done and who is copied.
import { localDay } from '@core/calendar'
import { HR_OPENID } from '@database/seed'
import { afterNavigation, confirmPicker, openPhone, type Phone } from './support/browser'
import { emulatorNow } from './support/now'
import { actAs, arrangePending, control, missedDay, type Member } from './support/demo'

let phone: Phone
const url = () => process.env.E2E_URL as string
const REVIEWER = 'o-reviewer-01' // 李明, 研发部

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await phone?.close()
})
afterEach(() => phone?.check())

test('加签 before the department reviewer, then each step in turn; the employee sees the chain', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  const members: Member[] = (await control('/export')).collections.members
  // a 研发部 employee no other browser test uses: the approval below takes a unit of their quota
  const employee = members.find((m) => m.openid === 'o-emp-16')!
  expect(employee.dept).toBe('研发部')
  const wang = members.find((m) => m.openid === 'o-reviewer-02')!
  // three working days back: clear of the days other browser tests arrange
  const day = missedDay(missedDay(missedDay(localDay(emulatorNow()))))
  const id = await arrangePending(employee, day, [], new Date(emulatorNow().getTime() - 3600_000), {
    chain: [{ kind: 'reviewers' }, { kind: 'hr' }],
    step: 0,
    stepKind: 'reviewers',
    stepMember: null,
    cc: [{ memberId: wang._id, name: '王磊' }],
  })
  const steps = () => page.locator('.chain-step').allInnerTexts()

  // 李明: his step; he adds 陈思 (the first of the reviewers and HR he may name) before himself
  await actAs(page, REVIEWER, `hr/detail/index?id=${id}`)
  await page.locator('.chain-step--current', { hasText: '部门审核人' }).waitFor()
  await page.locator('.hand-over-button').tap()
  await page.locator('.hand-over-mode--before').tap()
  await page.locator('.assignee').tap()
  await confirmPicker(page)
  await page.locator('.assignee', { hasText: '陈思' }).waitFor()
  await phone.shot('approval-chain-01-add-signer')
  await page.locator('.confirm-hand-over').tap()
  await page.locator('.decided-notice', { hasText: '已加签：陈思' }).waitFor()
  await page.locator('.chain-step--current', { hasText: '陈思（加签）' }).waitFor()
  await page.locator('.waiting-for', { hasText: '陈思' }).waitFor()
  expect(await page.locator('.approve-button').count()).toBe(0)
  await page.getByText('加签 → 陈思').waitFor()

  // 陈思 finds it in her queue at her step, and approves it: the request stays pending, back at 李明's step
  await actAs(page, HR_OPENID, 'hr/index')
  await page.locator('.queue__step', { hasText: '审批流程 第 1/3 步：陈思' }).waitFor()
  await actAs(page, HR_OPENID, `hr/detail/index?id=${id}&hr=1`)
  await page.locator('.approve-button').tap()
  await page.locator('.decided-notice', { hasText: '本步已通过' }).waitFor()
  await page.locator('.chain-step--current', { hasText: '部门审核人' }).waitFor()
  await page.locator('.detail-status', { hasText: '待审核' }).waitFor()

  // 李明 approves his; then HR the last step
  await actAs(page, REVIEWER, `hr/detail/index?id=${id}`)
  await page.locator('.chain-step--current', { hasText: '部门审核人' }).waitFor()
  await page.locator('.approve-button').tap()
  await page.locator('.chain-step--current', { hasText: 'HR' }).waitFor()
  await page.locator('.waiting-for', { hasText: 'HR' }).waitFor()
  await actAs(page, HR_OPENID, `hr/detail/index?id=${id}&hr=1`)
  await page.locator('.approve-button').tap()
  await page.locator('.detail-status', { hasText: '已通过' }).waitFor()
  expect(await steps()).toEqual([
    expect.stringContaining('陈思 已处理'),
    expect.stringContaining('李明 已处理'),
    expect.stringContaining('陈思 已处理'),
  ])
  await phone.shot('approval-chain-02-approved')

  // the employee's own page: every step done, and who is copied
  await actAs(page, employee.openid!, `employee/request/index?id=${id}`)
  await page.locator('.request-status', { hasText: '已通过' }).waitFor()
  expect(await page.locator('.chain-step--done').count()).toBe(3)
  await page.locator('.chain-cc', { hasText: '抄送：王磊' }).waitFor()
  await afterNavigation(page)
})
