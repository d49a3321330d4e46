// Journey on the weapp build: a request of the chain 部门审核人 → HR whose first step was handed to 王磊 and
// approved by him (through the functions) waits for HR; HR approves the last step on the phone, and the employee's
// request shows every step done. Ordinary components only: no privacy API is called (no violation).
import { renderPage, settle, textOf, waitOn } from './wechat/boot'
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

test('HR decides the last step on the phone; the employee’s request shows the chain done', async () => {
  const { wechat, cloud } = await phoneOf(emulator, HR)
  const { policy } = (await cloud.callAs(HR, 'admin', { action: 'policy' })).data
  const { version, ...rest } = policy
  const chain = { steps: [{ kind: 'reviewers' }, { kind: 'hr' }], cc: [] }
  const saved = await cloud.callAs(HR, 'admin', {
    action: 'savePolicy',
    policy: { ...rest, approval: chain },
    baseVersion: version,
  })
  expect(saved.ok).toBe(true)
  const { id: requestId } = await submitMakeup(cloud, EMPLOYEE, [{ name: 'code.jpg', bytes: JPEG_BYTES }])
  const as = (who: string, data: Record<string, unknown>) => cloud.callAs(who, 'review', data)
  expect((await as(REVIEWER, { action: 'handOver', id: requestId, to: '', mode: 'transfer' })).ok).toBe(false)
  const { items } = (await as(REVIEWER, { action: 'assignees', id: requestId })).data
  const wang = items.find((a: { name: string }) => a.name === '王磊').id
  expect((await as(REVIEWER, { action: 'handOver', id: requestId, to: wang, mode: 'transfer' })).ok).toBe(
    true,
  )
  expect((await as('o-reviewer-02', { action: 'decide', id: requestId, decision: 'approve' })).ok).toBe(true)

  const page = renderPage('hr/detail/index', { id: requestId, hr: '1' })
  await waitOn(wechat, () => page.querySelector('.approve-button'), 'HR’s 通过')
  expect(textOf(page.querySelector('.chain-step--current'))).toContain('HR')
  wechat.tap(page.querySelector('.approve-button'), '通过')
  await waitOn(wechat, () => textOf(page).includes('处理完成：已通过'), 'the approval')
  await settle()
  expect(wechat.violations).toEqual([])

  const mine = await cloud.callAs(EMPLOYEE, 'makeup', { action: 'detail', id: requestId })
  expect(mine.data.chain.steps.map((s: { label: string; state: string }) => `${s.label}:${s.state}`)).toEqual(
    ['王磊:done', 'HR:done'],
  )
}, 180_000)
