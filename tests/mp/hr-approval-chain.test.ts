// Journey on the weapp build: the company's chain is 部门审核人 → HR. An employee of 研发部 submits; on the phone the
// department's reviewer hands his step to 王磊 (转交, from the picker of reviewers and HR), then only waits; 王磊's
// approval (through the same functions) moves the request to HR's step (hr-approval-chain-last-step.test.ts).
// Ordinary components only: no privacy API is called (no violation).
import { renderPage, textOf, waitOn } from './wechat/boot'
import {
  EMPLOYEE,
  HR,
  JPEG_BYTES,
  REVIEWER,
  phoneOf,
  startRealEmulator,
  submitMakeup,
  type RealEmulator,
} from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('the department reviewer hands his step to 王磊 on the phone, then only waits', async () => {
  const { wechat, cloud } = await phoneOf(emulator, REVIEWER)
  const { policy } = (await cloud.callAs(HR, 'admin', { action: 'policy' })).data
  const { version, ...rest } = policy
  const saved = await cloud.callAs(HR, 'admin', {
    action: 'savePolicy',
    policy: { ...rest, approval: { steps: [{ kind: 'reviewers' }, { kind: 'hr' }], cc: [] } },
    baseVersion: version,
  })
  expect(saved.ok).toBe(true)
  const request = await submitMakeup(cloud, EMPLOYEE, [{ name: 'code.jpg', bytes: JPEG_BYTES }])

  const page = renderPage('hr/detail/index', { id: request.id })
  await waitOn(wechat, () => page.querySelector('.chain-step--current'), 'the chain')
  expect(textOf(page.querySelector('.chain-step--current'))).toContain('部门审核人')
  wechat.tap(page.querySelector('.hand-over-button'), '转交 / 加签')
  await waitOn(wechat, () => page.querySelector('.assignee-picker'), 'the hand-over form')
  const offered = (await cloud.callAs(REVIEWER, 'review', { action: 'assignees', id: request.id })).data
  const wang = offered.items.findIndex((a: { name: string }) => a.name === '王磊')
  expect(wang).toBeGreaterThanOrEqual(0)
  page.querySelector('.assignee-picker').dispatchEvent('change', { detail: { value: wang } })
  await waitOn(wechat, () => textOf(page.querySelector('.assignee')).includes('王磊'), 'the chosen reviewer')
  wechat.tap(page.querySelector('.confirm-hand-over'), '确认')
  await waitOn(wechat, () => textOf(page).includes('已转交给 王磊'), 'the hand-over')
  await waitOn(wechat, () => page.querySelector('.waiting-for'), 'the waiting line')
  expect(textOf(page.querySelector('.chain-step--current'))).toContain('王磊（转交）')
  expect(page.querySelector('.approve-button')).toBeFalsy()

  const byWang = await cloud.callAs('o-reviewer-02', 'review', {
    action: 'decide',
    id: request.id,
    decision: 'approve',
  })
  expect(byWang.ok).toBe(true)
  expect(byWang.data.status).toBe('pending')
  expect(wechat.violations).toEqual([])
}, 180_000)
