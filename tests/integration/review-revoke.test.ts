// HR revokes an approved make-up: the day is missed again, the unit of quota returns as the policy says, the
// member is told (in-app and by subscribe message, with the listed reason only), the timeline keeps both the
// approval and the revocation; every refusal changes nothing; concurrent revocations and decisions stay exact.
import type { AuditDoc, MakeupDoc } from '@core/makeup'
import type { OutboxDoc } from '@server/notices/records'
import { FRIDAY_10, call, codeOf, docs, ok, setNow, warm, quotaView, settle } from './harness'
import { SEED_TIMEOUT, useEmulator } from './fixture'
import { A, COLLECTIONS, HR, HR2, REV_DEV, loadReviewFixture, type PendingSpec } from './review-fixture'
import { T, grant, put, tick } from './notify-fixture'
import { checkInvariants } from '@scripts/load/invariants'

// the machine is shared and small; nothing here asserts timings
jest.setTimeout(180_000)

const emu = useEmulator({ functions: ['checkin', 'makeup', 'review', 'notify'] })

const ID = 'm1_2026-11-24'
const APPROVED: PendingSpec[] = [
  { memberId: 'm1', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z', status: 'approved' },
  { memberId: 'm2', day: '2026-11-24', submittedAt: '2026-11-25T02:00:00Z', status: 'approved' },
  // HR's own approved request (approved by someone else before they were HR)
  { memberId: 'h1', day: '2026-11-24', submittedAt: '2026-11-25T03:00:00Z', status: 'approved' },
  { memberId: 'm1', day: '2026-11-25', submittedAt: '2026-11-26T01:00:00Z' },
]

async function start(pending = APPROVED, policy = {}) {
  loadReviewFixture(emu, pending, [], [], policy)
  emu.subscribe.reset()
  await setNow(emu, FRIDAY_10)
}

const makeup = (id: string) => docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: id })[0]
const quota = (memberId: string) => quotaView(emu, `${memberId}_2026-11`)
const record = (id: string) => docs(emu, COLLECTIONS.checkins, { _id: id })
/** the request's audit trail once the notify timer moved its events, oldest first */
/**
 * A request's audit trail in the order of its transitions: each entry starts from the status the one before left.
 * Racing calls may stamp their entries out of clock order (a revocation that read the time before an approval it
 * then undid), so time only breaks ties; entries that do not chain are listed after, in time order, and fail.
 */
const trail = async (id: string) => {
  await settle(emu)
  const rest = docs<AuditDoc>(emu, COLLECTIONS.audit, { subject: 'makeup', subjectId: id }).sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  )
  const chained: AuditDoc[] = []
  for (let next = rest.findIndex((a) => a.from === null); next >= 0;) {
    const [entry] = rest.splice(next, 1)
    chained.push(entry)
    next = rest.findIndex((a) => a.from === entry.to)
  }
  return [...chained, ...rest].map((a) => `${a.action}:${a.from}->${a.to}`)
}
const revokes = (id: string) =>
  docs<AuditDoc>(emu, COLLECTIONS.audit, { subject: 'makeup', subjectId: id, action: 'revoke' })
const outbox = () => docs<OutboxDoc>(emu, 'outbox')

/**
 * The load runs' invariants that revocations touch (scripts/load/invariants.ts), on the whole database: quota
 * documents agree with the requests, approved requests have their record and revoked ones none, each audit trail
 * replays to its status, one notice per revocation. (The fixture's requests were stored without their submit and
 * decision notices, so the rules about those are left out.)
 */
function breaches(): string[] {
  const names = ['companies', 'checkins', 'makeups', 'quotas', 'audit', 'outbox']
  const snapshot = Object.fromEntries(names.map((n) => [n, docs<Record<string, unknown>>(emu, n)]))
  return checkInvariants(snapshot as never)
    .filter((b) => !['one reviewers’ notice per submit', 'one employee notice per decision'].includes(b.rule))
    .map((b) => `${b.rule}: ${b.detail}`)
}

describe('review.revoke', () => {
  beforeEach(() => start())

  it('returns the day to missed, refunds the unit, keeps approval and revocation in the timeline', async () => {
    expect(quota('m1')).toMatchObject({ used: 2, openDays: ['2026-11-25'], madeUpDays: ['2026-11-24'] })
    const view = await ok(
      emu,
      'review',
      'revoke',
      { id: ID, reasonCode: 'evidenceInvalid', note: '截图日期不符' },
      HR,
    )
    expect(view).toMatchObject({
      id: ID,
      status: 'revoked',
      revocation: { code: 'evidenceInvalid', label: '证明材料不实', note: '截图日期不符' },
    })
    const doc = makeup(ID)
    // the approval's own fields stay: the history keeps both
    expect(doc).toMatchObject({
      status: 'revoked',
      decidedBy: 'h1',
      revokedBy: 'h1',
      revokeNote: '截图日期不符',
    })
    expect(record(ID)).toHaveLength(0)
    expect(quota('m1')).toMatchObject({ used: 1, openDays: ['2026-11-25'], madeUpDays: [] })
    expect(await trail(ID)).toEqual([
      'submit:null->pending',
      'approve:pending->approved',
      'revoke:approved->revoked',
    ])
    // the copy carries the listed reason, never HR's note
    expect(revokes(ID)[0]).toMatchObject({ reason: '证明材料不实', actor: { id: 'h1', role: 'hr' } })
    expect(JSON.stringify(docs(emu, COLLECTIONS.audit))).not.toContain('截图日期不符')
    expect(breaches()).toEqual([])

    // the employee: the request shows 已撤销 with its reason and the full timeline; the day is missed and makeable
    const mine = await ok(emu, 'makeup', 'detail', { id: ID }, A)
    expect(mine.status).toBe('revoked')
    expect(mine.revocation).toMatchObject({ label: '证明材料不实', note: '截图日期不符' })
    expect(mine.timeline.map((t) => t.action)).toEqual(['submit', 'approve', 'revoke'])
    const month = await ok(emu, 'checkin', 'month', { month: '2026-11' }, A)
    expect(month.days.find((d) => d.day === '2026-11-24')?.state).toBe('missed')
    const slots = await ok(emu, 'makeup', 'slots', {}, A)
    expect(slots.slots.map((s) => s.day)).toContain('2026-11-24')
    expect(slots.quota[0]).toMatchObject({ used: 1, remaining: 2 })

    // HR's detail: no longer revocable
    const detail = await ok(emu, 'review', 'detail', { id: ID }, HR)
    expect(detail).toMatchObject({ status: 'revoked', canRevoke: false, canDecide: false })
  })

  it('notifies the member in-app and by subscribe message, with the listed reason only', async () => {
    grant(emu, A, 'm1', [T.decided])
    await ok(emu, 'review', 'revoke', { id: ID, reasonCode: 'other', note: '体温 38.5 记录有误' }, HR)
    const [queued] = outbox()
    expect(queued).toMatchObject({
      kind: 'requestRevoked',
      memberId: 'm1',
      title: '补卡记录已被撤销',
      body: '2026-11-24 的补卡已撤销：其他',
    })
    expect(JSON.stringify(outbox())).not.toMatch(/38\.5|体温/)
    const run = await tick(emu)
    expect(run.data).toMatchObject({ delivered: 1, failed: 0 })
    const [sent] = emu.outbox({ touser: A })
    expect(sent).toMatchObject({
      templateId: T.decided,
      page: `employee/request/index?id=${ID}`,
      data: {
        date1: { value: '2026年11月24日' },
        phrase2: { value: '已撤销' },
        thing3: { value: '其他' },
        name4: { value: '陈思' },
      },
    })
    const inbox = await ok(emu, 'notify', 'inbox', {}, A)
    expect(inbox.items[0]).toMatchObject({ kind: 'requestRevoked', body: '2026-11-24 的补卡已撤销：其他' })
  })

  it('keeps the unit used when the policy says revocations do not refund', async () => {
    await start(APPROVED, {
      quota: { cycle: { kind: 'month' }, cap: 3, refundOnRejection: true, revokeRefunds: false },
    })
    await ok(emu, 'review', 'revoke', { id: ID, reasonCode: 'approvedByMistake' }, HR)
    expect(quota('m1')).toMatchObject({ used: 2, madeUpDays: [] })
    expect(record(ID)).toHaveLength(0)
  })

  it('an uncharged request (maintenance) is revoked without touching the count', async () => {
    put(emu, COLLECTIONS.makeups, [{ ...makeup(ID), charged: false }])
    expect(makeup(ID).charged).toBe(false)
    await ok(emu, 'review', 'revoke', { id: ID, reasonCode: 'approvedByMistake' }, HR)
    expect(quota('m1')).toMatchObject({ used: 2, madeUpDays: [] })
  })

  describe('refusals change nothing', () => {
    const snapshot = () =>
      JSON.stringify([
        docs(emu, COLLECTIONS.makeups),
        docs(emu, COLLECTIONS.quotas),
        docs(emu, COLLECTIONS.checkins),
        outbox(),
      ])

    it.each([
      ['a reviewer of the department', REV_DEV, { id: ID, reasonCode: 'approvedByMistake' }, 'FORBIDDEN'],
      ['the employee', A, { id: ID, reasonCode: 'approvedByMistake' }, 'FORBIDDEN'],
      ['HR, own request', HR, { id: 'h1_2026-11-24', reasonCode: 'approvedByMistake' }, 'OWN_REQUEST'],
      ['HR of another company', HR2, { id: ID, reasonCode: 'approvedByMistake' }, 'REQUEST_NOT_FOUND'],
      ['an unknown request', HR, { id: 'm1_nope', reasonCode: 'approvedByMistake' }, 'REQUEST_NOT_FOUND'],
      [
        'a pending request',
        HR,
        { id: 'm1_2026-11-25', reasonCode: 'approvedByMistake' },
        'REQUEST_NOT_APPROVED',
      ],
      ['"other" without a note', HR, { id: ID, reasonCode: 'other', note: ' ' }, 'FIELD_REQUIRED'],
      ['an unlisted reason', HR, { id: ID, reasonCode: 'whatever' }, 'INVALID_INPUT'],
      ['no reason', HR, { id: ID }, 'INVALID_INPUT'],
      [
        'a note over 100 characters',
        HR,
        { id: ID, reasonCode: 'other', note: '长'.repeat(101) },
        'INVALID_INPUT',
      ],
    ] as const)('%s → %s', async (_label, who, input, expected) => {
      const before = snapshot()
      expect(await codeOf(emu, 'review', 'revoke', input as Record<string, unknown>, who)).toBe(expected)
      expect(snapshot()).toBe(before)
    })

    it('a revoked request cannot be revoked again (the refusal names who did), nor decided', async () => {
      await ok(emu, 'review', 'revoke', { id: ID, reasonCode: 'approvedByMistake' }, HR)
      const before = snapshot()
      const again = await call(emu, 'review', 'revoke', { id: ID, reasonCode: 'approvedByMistake' }, HR)
      expect(again.result).toMatchObject({
        ok: false,
        code: 'ALREADY_REVOKED',
        message: '这条补卡已由陈思撤销',
      })
      expect(await codeOf(emu, 'review', 'decide', { id: ID, decision: 'approve' }, HR)).toBe(
        'ALREADY_DECIDED',
      )
      expect(snapshot()).toBe(before)
      // the attempts are recorded as refusals
      const refused = docs<AuditDoc>(emu, COLLECTIONS.audit, { subject: 'review' }).map((a) => a.to)
      expect(refused).toEqual(expect.arrayContaining(['ALREADY_REVOKED', 'ALREADY_DECIDED']))
    })
  })
})

describe('revocation under races', () => {
  beforeAll(() => warm(emu, 'review', 4), SEED_TIMEOUT)
  const ROUNDS = [1, 2, 3, 4, 5, 6]

  it('concurrent revocations of one request: one wins, once, 8 rounds over, with lost races seen', async () => {
    let lost = 0
    for (let round = 0; round < 8; round++) {
      await start()
      const since = emu.requestLog({ limit: 1 }).at(-1)?.seq ?? 0
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          call(emu, 'review', 'revoke', { id: ID, reasonCode: 'approvedByMistake' }, HR),
        ),
      )
      lost += emu
        .requestLog({ since })
        .filter((e) => e.error?.code === 'DATABASE_TRANSACTION_CONFLICT').length
      const codes = results.map((r) => (r.result.ok ? 'OK' : r.result.code))
      expect(codes.filter((c) => c === 'OK')).toHaveLength(1)
      expect(codes.filter((c) => c !== 'OK').every((c) => c === 'ALREADY_REVOKED')).toBe(true)
      expect(revokes(ID)).toHaveLength(1)
      expect(quota('m1')).toMatchObject({ used: 1, madeUpDays: [] })
      expect(outbox().filter((n) => n.kind === 'requestRevoked')).toHaveLength(1)
      expect(record(ID)).toHaveLength(0)
      expect(breaches()).toEqual([])
    }
    // the calls really overlapped: some got past the first read and lost inside the transaction
    expect(lost).toBeGreaterThan(0)
  })

  it.each(ROUNDS)(
    'a revocation racing the approval of the same request: never a revoked day with a record (round %i)',
    async () => {
      await start([{ memberId: 'm1', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z' }])
      const [approve, revoke] = await Promise.all([
        call(emu, 'review', 'decide', { id: ID, decision: 'approve' }, REV_DEV),
        call(emu, 'review', 'revoke', { id: ID, reasonCode: 'approvedByMistake' }, HR),
      ])
      expect(approve.result.ok).toBe(true)
      const status = makeup(ID).status
      if (revoke.result.ok) {
        // the approval came first and the revocation undid it
        expect(status).toBe('revoked')
        expect(record(ID)).toHaveLength(0)
        expect(quota('m1')).toMatchObject({ used: 0, openDays: [], madeUpDays: [] })
        expect(await trail(ID)).toEqual([
          'submit:null->pending',
          'approve:pending->approved',
          'revoke:approved->revoked',
        ])
      } else {
        // before the approval, or between its update and its record (the record is not yet written)
        expect(['REQUEST_NOT_APPROVED', 'RECORD_SETTLING']).toContain(revoke.result.code)
        expect(status).toBe('approved')
        expect(record(ID)).toHaveLength(1)
        expect(quota('m1')).toMatchObject({ used: 1, openDays: [], madeUpDays: ['2026-11-24'] })
      }
      expect(breaches()).toEqual([])
    },
  )

  it.each(ROUNDS)(
    'a revocation racing HR’s correction of the record: the record is gone or the correction refused (round %i)',
    async () => {
      await start()
      const corrected = { status: 'well', temperature: 36.4, region: '北京', healthCode: 'green' }
      const [revoke, correct] = await Promise.all([
        call(emu, 'review', 'revoke', { id: ID, reasonCode: 'approvedByMistake' }, HR),
        call(
          emu,
          'review',
          'correct',
          { memberId: 'm1', day: '2026-11-24', report: corrected, note: '改体温' },
          HR,
        ),
      ])
      expect(revoke.result.ok).toBe(true)
      expect(correct.result.ok ? 'OK' : correct.result.code).toMatch(/^(OK|RECORD_NOT_FOUND)$/)
      // whichever order, the revocation leaves no record behind
      expect(record(ID)).toHaveLength(0)
      expect(makeup(ID).status).toBe('revoked')
      expect(quota('m1')).toMatchObject({ used: 1, madeUpDays: [] })
      expect(breaches()).toEqual([])
    },
  )

  it.each(ROUNDS)(
    'a revocation racing the employee’s new make-up of the day: the make-up only after the revocation (round %i)',
    async () => {
      await start(APPROVED, {
        attachments: { rule: 'none', maxCount: 3, maxBytes: 1024 * 1024, types: ['jpg'] },
      })
      const input = {
        day: '2026-11-24',
        report: { status: 'well', temperature: 36.6, region: '北京', healthCode: 'green' },
        reason: '重新补卡',
        attachments: [],
        clientRequestId: `again-${Date.now().toString(36)}`,
      }
      const [revoke, submit] = await Promise.all([
        call(emu, 'review', 'revoke', { id: ID, reasonCode: 'approvedByMistake' }, HR),
        call(emu, 'makeup', 'submit', input, A),
      ])
      expect(revoke.result.ok).toBe(true)
      const open = docs<MakeupDoc>(emu, COLLECTIONS.makeups, {
        memberId: 'm1',
        day: '2026-11-24',
        status: 'pending',
      })
      if (submit.result.ok) {
        expect(open).toHaveLength(1)
        expect(quota('m1')).toMatchObject({ used: 2, openDays: expect.arrayContaining(['2026-11-24']) })
      } else {
        expect(submit.result.code).toMatch(/^DAY_ALREADY_CHECKED$/)
        expect(open).toHaveLength(0)
        expect(quota('m1')).toMatchObject({ used: 1 })
      }
      expect(breaches()).toEqual([])
    },
  )
})
