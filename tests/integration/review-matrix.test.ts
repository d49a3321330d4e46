// Every review action against every role: an employee, a reviewer of another department, the reviewer of the
// request's department, and an HR admin. Each cell starts from the same data.
import type { ActionOf } from '@core/api'
import { FRIDAY_10, call, report } from './harness'
import { useEmulator } from './fixture'
import { B, HR, REV_DEV, REV_MKT, checkinDoc, loadReviewFixture, specialDoc } from './review-fixture'

jest.setTimeout(120_000)

// every cell starts from the same data
const emu = useEmulator({
  functions: ['checkin', 'makeup', 'review'],
  data: (emu) =>
    loadReviewFixture(
      emu,
      [{ memberId: 'm1', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z' }],
      [specialDoc('m1', '2026-11-18', '2026-11-26T01:00:00Z')],
      [checkinDoc('m1', '2026-11-20')],
    ),
  at: FRIDAY_10,
})

const ROLES = { employee: B, otherDeptReviewer: REV_MKT, deptReviewer: REV_DEV, hrAdmin: HR } as const
type RoleName = keyof typeof ROLES

const INPUTS: Record<ActionOf<'review'>, Record<string, unknown>> = {
  queue: {},
  detail: { id: 'm1_2026-11-24' },
  decide: { id: 'm1_2026-11-24', decision: 'approve' },
  bulkApprove: { ids: ['m1_2026-11-24'] },
  handOver: { id: 'm1_2026-11-24', to: 'r2', mode: 'transfer' },
  assignees: { id: 'm1_2026-11-24' },
  specials: {},
  decideSpecial: { id: 'm1_2026-11-18', decision: 'grant', deadline: '2026-11-30' },
  delegate: { to: 'm3', start: '2026-11-27', until: '2026-11-28' },
  delegations: {},
  record: { memberId: 'm1', day: '2026-11-20' },
  correct: { memberId: 'm1', day: '2026-11-20', report, note: '体温录入错误' },
  onBehalf: { memberId: 'm1', day: '2026-11-23', report, channel: 'phone', note: '电话报备' },
  audit: { memberId: 'm1' },
  dashboard: {},
  notCheckedIn: { dept: '研发部' },
  remindCheckin: { dept: '研发部' },
  export: { kind: 'checkins', from: '2026-11-01', to: '2026-11-27' },
  exportContinue: { jobId: 'no-such-job' },
  revoke: { id: 'm1_2026-11-24', reasonCode: 'approvedByMistake' },
  batchPreview: { memberIds: ['m1'], days: ['2026-11-23'], report, channel: 'phone', note: '电话报备' },
  batchOnBehalf: {
    memberIds: ['m1'],
    days: ['2026-11-23'],
    report,
    channel: 'phone',
    note: '电话报备',
    batchId: 'matrix-batch-1',
  },
  monthly: { month: '2026-11' },
}

// expected outcome per action: [employee, reviewer of another dept, reviewer of the dept, HR admin]
const EXPECTED: Record<ActionOf<'review'>, [string, string, string, string]> = {
  queue: ['FORBIDDEN', 'OK', 'OK', 'OK'],
  detail: ['FORBIDDEN', 'FORBIDDEN', 'OK', 'OK'],
  decide: ['FORBIDDEN', 'FORBIDDEN', 'OK', 'OK'],
  bulkApprove: ['FORBIDDEN', 'item:FORBIDDEN', 'item:OK', 'item:OK'],
  // to 王磊 (市场部's reviewer): only who may decide the step may hand it over
  handOver: ['FORBIDDEN', 'FORBIDDEN', 'OK', 'OK'],
  assignees: ['FORBIDDEN', 'FORBIDDEN', 'OK', 'OK'],
  specials: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  decideSpecial: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  delegate: ['FORBIDDEN', 'OK', 'OK', 'OK'],
  delegations: ['FORBIDDEN', 'OK', 'OK', 'OK'],
  record: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  correct: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  onBehalf: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  audit: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  dashboard: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  notCheckedIn: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  remindCheckin: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  export: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  // the role check comes first; HR then learns the job does not exist
  exportContinue: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'EXPORT_NOT_FOUND'],
  // HR only; the fixture's request is pending, so HR learns it cannot be revoked
  revoke: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'REQUEST_NOT_APPROVED'],
  batchPreview: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  batchOnBehalf: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
  monthly: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
}

const cells = (Object.keys(EXPECTED) as ActionOf<'review'>[]).flatMap((action) =>
  (Object.keys(ROLES) as RoleName[]).map((role, i) => [action, role, EXPECTED[action][i]] as const),
)

it('covers every action of the contract', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(INPUTS).sort())
})

it.each(cells)('review.%s as %s → %s', async (action, role, expected) => {
  const { result } = await call(emu, 'review', action, INPUTS[action], ROLES[role])
  let outcome = result.ok ? 'OK' : result.code
  if (result.ok && action === 'bulkApprove') {
    const item = (result.data as { results: { ok: boolean; code?: string }[] }).results[0]
    outcome = `item:${item.ok ? 'OK' : item.code}`
  }
  expect(outcome).toBe(expected)
})
