// Approval chains (审批流程) through the emulator with the real SDK: a request passes the department's reviewer, then
// HR; it holds its day and quota unit until the last step or a refusal; each step's deciders are told; the members
// the chain copies (抄送) are told of the outcome; 转交 and 加签 change who decides; two approvers of one step make one
// decision; a member outside the step is refused with nothing written; an open request keeps the chain it started
// with when HR changes the policy.
import type { AuditDoc, MakeupDoc } from '@core/makeup'
import { DEFAULT_POLICY, type ApprovalChain, type Policy } from '@core/policy'
import type { ChainView } from '@core/makeup'
import type { OutboxDoc } from '@server/notices/records'
import { FRIDAY_10, call, codeOf, docs, makeupInput, ok, quotaView, setNow, settle, warm } from './harness'
import { SEED_TIMEOUT, useEmulator } from './fixture'
import { A, COLLECTIONS, HR, REV_DEV, REV_MKT, loadReviewFixture } from './review-fixture'
import { checkInvariants } from '@scripts/load/invariants'

jest.setTimeout(180_000)

const emu = useEmulator({ functions: ['admin', 'makeup', 'review', 'notify'] })

/** 研发部's reviewer (r1), then HR (h1); 王磊 (r2, 市场部's reviewer) copied */
const CHAIN: ApprovalChain = { steps: [{ kind: 'reviewers' }, { kind: 'hr' }], cc: [{ memberId: 'r2' }] }
const NO_FILES = { ...DEFAULT_POLICY.attachments, rule: 'none' as const }

async function start(approval: ApprovalChain | null = CHAIN) {
  loadReviewFixture(emu, [], [], [], { attachments: NO_FILES, ...(approval ? { approval } : {}) })
  await setNow(emu, FRIDAY_10)
}

const submit = async (day = '2026-11-26') =>
  (await ok(emu, 'makeup', 'submit', makeupInput(day, { attachments: [], attachmentKind: undefined }), A)).id
const stored = (id: string) => docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: id })[0]
/** what a decision or hand-over changes (the notify timer, which a clock jump may run, empties `events`) */
const state = (id: string) => {
  const { status, step, stepKind, stepMember, chain, updatedAt, dayKey, slotKey } = stored(id)
  return { status, step, stepKind, stepMember, chain, updatedAt, dayKey, slotKey }
}
const decide = (id: string, who: string, decision = 'approve', extra: object = {}) =>
  call(emu, 'review', 'decide', { id, decision, ...extra }, who)
const handOver = (id: string, who: string, to: string, mode: string) =>
  call(emu, 'review', 'handOver', { id, to, mode }, who)
const used = () => quotaView(emu, 'm1_2026-11').used
const queueIds = async (who: string) => (await ok(emu, 'review', 'queue', {}, who)).items.map((i) => i.id)
/** the queue's badge: what waits for the caller's decision */
const badge = async (who: string) => (await ok(emu, 'review', 'queue', {}, who)).pendingCount
const chainOf = async (id: string): Promise<ChainView> =>
  (await ok(emu, 'makeup', 'detail', { id }, A)).chain!
const states = async (id: string) => (await chainOf(id)).steps.map((s) => `${s.label}:${s.state}`)
/** the request's audit trail once the notify timer moved its events: action@step(→assignee) */
const trail = async (id: string) => {
  await settle(emu)
  return docs<AuditDoc>(emu, COLLECTIONS.audit, { subject: 'makeup', subjectId: id })
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((a) => `${a.action}${a.step === undefined ? '' : `@${a.step}`}${a.assignee ? `→${a.assignee}` : ''}`)
}
/** who each notice of the request is for, as queued by the timer (fan-outs before expansion) */
const notices = async (id: string) => {
  await settle(emu)
  return (
    docs<OutboxDoc>(emu, 'outbox')
      // the fan-outs and single notices as queued, not the copies sent to each recipient
      .filter((n) => n.values.requestId === id && !n._id.includes('.'))
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((n) => `${n.kind}:${n.memberId ?? n.audience?.kind}`)
  )
}
const tick = (minutes: number) => setNow(emu, new Date(Date.parse(FRIDAY_10) + minutes * 60_000))

function breaches(): string[] {
  const names = ['companies', 'checkins', 'makeups', 'audit', 'outbox']
  const snapshot = Object.fromEntries(names.map((n) => [n, docs<Record<string, unknown>>(emu, n)]))
  return checkInvariants(snapshot as never).map((b) => `${b.rule}: ${b.detail}`)
}

describe('a two-step chain: the department reviewer, then HR', () => {
  beforeEach(() => start(), SEED_TIMEOUT)

  it('holds the quota until the last step; each step is told, shown and audited; the copied member is told', async () => {
    const id = await submit()
    expect(stored(id)).toMatchObject({ status: 'pending', step: 0, stepKind: 'reviewers', stepMember: null })
    expect(used()).toBe(1)
    expect(await queueIds(REV_DEV)).toEqual([id])

    await tick(1)
    const first = await decide(id, REV_DEV)
    expect(first.result.ok).toBe(true)
    // still pending, at HR's step: the day and the unit stay held, no record yet
    expect(stored(id)).toMatchObject({ status: 'pending', step: 1, stepKind: 'hr' })
    expect(used()).toBe(1)
    expect(docs(emu, COLLECTIONS.checkins, { _id: 'm1_2026-11-26' })).toEqual([])
    expect(await states(id)).toEqual(['部门审核人:done', 'HR:current'])
    expect((await chainOf(id)).steps[0].decidedBy).toBe('李明')
    // the reviewer's step is done: not theirs any more, neither in the queue nor to decide
    expect(await queueIds(REV_DEV)).toEqual([])
    expect(await badge(REV_DEV)).toBe(0)
    expect(await codeOf(emu, 'review', 'decide', { id, decision: 'approve' }, REV_DEV)).toBe('NOT_YOUR_STEP')
    expect(await queueIds(HR)).toContain(id)
    expect(await badge(HR)).toBe(1)
    const hrDetail = await ok(emu, 'review', 'detail', { id }, HR)
    expect(hrDetail.canDecide).toBe(true)

    await tick(2)
    expect((await decide(id, HR)).result.ok).toBe(true)
    expect(stored(id).status).toBe('approved')
    expect(used()).toBe(1)
    expect(await states(id)).toEqual(['部门审核人:done', 'HR:done'])
    expect(await trail(id)).toEqual(['submit', 'advance@0', 'approve@1'])
    // each step's deciders, then the employee and the copied member (王磊, never the note)
    expect(await notices(id)).toEqual([
      'reviewNeeded:reviewersOf',
      'reviewNeeded:hrAdmins',
      'requestDecided:m1',
      'requestCopied:members',
    ])
    const copy = docs<OutboxDoc>(emu, 'outbox', { kind: 'requestCopied' })[0]
    expect(copy.audience).toEqual({ kind: 'members', memberIds: ['r2'], about: 'm1' })
    expect(copy.body).toContain('通过')
    await tick(4)
    await settle(emu)
    expect(docs(emu, COLLECTIONS.checkins, { _id: 'm1_2026-11-26' })).toHaveLength(1)
    expect(breaches()).toEqual([])
  })

  it('a refusal at the first step ends the chain: the quota unit returns, the copied member is told', async () => {
    const id = await submit()
    expect(
      (await decide(id, REV_DEV, 'reject', { reasonCode: 'attachmentUnclear', note: '看不清' })).result.ok,
    ).toBe(true)
    expect(stored(id)).toMatchObject({ status: 'rejected', step: 0 })
    expect(used()).toBe(0)
    expect(await states(id)).toEqual(['部门审核人:done', 'HR:waiting'])
    expect(await notices(id)).toEqual([
      'reviewNeeded:reviewersOf',
      'requestDecided:m1',
      'requestCopied:members',
    ])
    // the copy carries the listed reason's category, never the reviewer's words
    expect(JSON.stringify(docs(emu, 'outbox', { kind: 'requestCopied' }))).not.toContain('看不清')
  })

  it('a return goes back to the employee; resubmitted, the chain starts again at its first step', async () => {
    const id = await submit()
    await decide(id, REV_DEV)
    await tick(1)
    expect((await decide(id, HR, 'return', { note: '请补充说明' })).result.ok).toBe(true)
    expect(stored(id).status).toBe('returned')
    await tick(2)
    const { report } = makeupInput('2026-11-26')
    await ok(emu, 'makeup', 'resubmit', { id, report, reason: '手机没电', attachments: [] }, A)
    expect(stored(id)).toMatchObject({ status: 'pending', step: 0, stepKind: 'reviewers' })
    expect(await states(id)).toEqual(['部门审核人:current', 'HR:waiting'])
    expect(await queueIds(REV_DEV)).toEqual([id])
  })

  it('refuses who is outside the step, with nothing written', async () => {
    const id = await submit()
    const before = state(id)
    // 市场部's reviewer: outside the department altogether
    expect(await codeOf(emu, 'review', 'decide', { id, decision: 'approve' }, REV_MKT)).toBe('FORBIDDEN')
    await decide(id, REV_DEV)
    const atHr = state(id)
    expect(atHr.updatedAt).not.toEqual(before.updatedAt)
    // at HR's step the department's reviewer may neither decide nor hand it over
    expect(
      await codeOf(emu, 'review', 'decide', { id, decision: 'reject', reasonCode: 'duplicate' }, REV_DEV),
    ).toBe('NOT_YOUR_STEP')
    expect((await handOver(id, REV_DEV, 'r2', 'transfer')).result).toMatchObject({ code: 'NOT_YOUR_STEP' })
    expect(state(id)).toEqual(atHr)
    // refused attempts are audited as such
    expect(docs<AuditDoc>(emu, COLLECTIONS.audit, { action: 'refused', to: 'NOT_YOUR_STEP' })).toHaveLength(2)
  })

  it('approvers of one step, at once: exactly one decision; every other call is refused (10 rounds)', async () => {
    // the step after the raced one is 王磊's: a call that comes after the winner cannot decide it either, so
    // whatever the interleaving exactly one approval lands; a call that read the step before the winner's update
    // loses the guarded update (ALREADY_DECIDED), one that read it after is NOT_YOUR_STEP
    await start({ steps: [{ kind: 'reviewers' }, { kind: 'member', memberId: 'r2' }], cc: [] })
    await warm(emu, 'review', 6)
    const lost: string[] = []
    for (let round = 0; round < 10; round++) {
      const id = await submit(['2026-11-24', '2026-11-25', '2026-11-26'][round % 3])
      // the department reviewer and HR, each tapping three times
      const results = await Promise.all([REV_DEV, HR, REV_DEV, HR, REV_DEV, HR].map((who) => decide(id, who)))
      expect(results.filter((r) => r.result.ok)).toHaveLength(1)
      for (const r of results)
        if (!r.result.ok) lost.push((r.result as { code: string; message: string }).code)
      expect(stored(id)).toMatchObject({ status: 'pending', step: 1, stepMember: 'r2' })
      expect((await trail(id)).filter((a) => a.startsWith('advance'))).toHaveLength(1)
      // withdraw to free the day for the next round
      await ok(emu, 'makeup', 'withdraw', { id }, A)
    }
    expect(lost.every((c) => c === 'ALREADY_DECIDED' || c === 'NOT_YOUR_STEP')).toBe(true)
    // the race really happened: some calls read the step before the winner's update and lost it
    expect(lost).toContain('ALREADY_DECIDED')
    expect(breaches()).toEqual([])
  })
})

describe('a request waiting at a step', () => {
  beforeEach(() => start(), SEED_TIMEOUT)

  it('is a pending reminder for whoever decides that step: HR at its step, not the department reviewer', async () => {
    const id = await submit()
    await decide(id, REV_DEV)
    // 25 hours on, past the company's 24-hour reminder: the notify timer's reminder pass
    await setNow(emu, new Date(Date.parse(FRIDAY_10) + 25 * 3600_000))
    const fired = await emu.fireTrigger('notify')
    expect(fired.ok).toBe(true)
    const reminded = docs<OutboxDoc>(emu, 'outbox', { kind: 'reviewPending' }).map((n) => n.memberId)
    expect(reminded).toEqual(['h1'])
  })
})

describe('转交 and 加签', () => {
  beforeEach(() => start(), SEED_TIMEOUT)

  it('转交: the step goes to 王磊, who sees and decides it although 市场部 is his; the chain goes on to HR', async () => {
    const id = await submit()
    const handed = await handOver(id, REV_DEV, 'r2', 'transfer')
    expect(handed.result.ok).toBe(true)
    expect(handed.roundTrips).toBe(2)
    expect(stored(id)).toMatchObject({ status: 'pending', step: 0, stepKind: 'member', stepMember: 'r2' })
    expect(await states(id)).toEqual(['王磊:current', 'HR:waiting'])
    expect(await queueIds(REV_DEV)).toEqual([])
    expect(await queueIds(REV_MKT)).toEqual([id])
    // the badges count it for 王磊, not for the department's reviewer nor for HR (not HR's step)
    expect([await badge(REV_MKT), await badge(REV_DEV), await badge(HR)]).toEqual([1, 0, 0])
    expect(await codeOf(emu, 'review', 'decide', { id, decision: 'approve' }, REV_DEV)).toBe('NOT_YOUR_STEP')
    await tick(1)
    expect((await decide(id, REV_MKT)).result.ok).toBe(true)
    expect(stored(id)).toMatchObject({ step: 1, stepKind: 'hr' })
    expect(await trail(id)).toEqual(['submit', 'transfer@0→r2', 'advance@0'])
    expect(await notices(id)).toEqual([
      'reviewNeeded:reviewersOf',
      'reviewNeeded:r2',
      'reviewNeeded:hrAdmins',
    ])
  })

  it('加签 before: 王磊 decides first, then the step comes back to the department reviewer', async () => {
    const id = await submit()
    expect((await handOver(id, REV_DEV, 'r2', 'before')).result.ok).toBe(true)
    expect(await states(id)).toEqual(['王磊:current', '部门审核人:waiting', 'HR:waiting'])
    await tick(1)
    await decide(id, REV_MKT)
    expect(await queueIds(REV_DEV)).toEqual([id])
    await tick(2)
    await decide(id, REV_DEV)
    expect(await states(id)).toEqual(['王磊:done', '部门审核人:done', 'HR:current'])
  })

  it('加签 after: the department reviewer decides, then 王磊, then HR; nobody new is told before their turn', async () => {
    const id = await submit()
    expect((await handOver(id, REV_DEV, 'r2', 'after')).result.ok).toBe(true)
    expect(await states(id)).toEqual(['部门审核人:current', '王磊:waiting', 'HR:waiting'])
    expect(await queueIds(REV_MKT)).toEqual([])
    await tick(1)
    await decide(id, REV_DEV)
    expect(await queueIds(REV_MKT)).toEqual([id])
    await tick(2)
    await decide(id, REV_MKT)
    await tick(3)
    await decide(id, HR)
    expect(stored(id).status).toBe('approved')
    expect(await trail(id)).toEqual(['submit', 'addSigner@0→r2', 'advance@0', 'advance@1', 'approve@2'])
    expect(breaches()).toEqual([])
  })

  it('a step named to someone who left waits for nobody: HR hands it over, and the new approver decides', async () => {
    await start({ steps: [{ kind: 'member', memberId: 'r2', name: '王磊' }], cc: [] })
    const id = await submit()
    // 王磊 leaves the company while the request waits for him
    expect((await call(emu, 'admin', 'deactivate', { memberId: 'r2' }, HR)).result.ok).toBe(true)
    // HR may not decide a step named to someone else, but may hand it over (and sees that on the detail)
    expect(await codeOf(emu, 'review', 'decide', { id, decision: 'approve' }, HR)).toBe('NOT_YOUR_STEP')
    const detail = await ok(emu, 'review', 'detail', { id }, HR)
    expect(detail).toMatchObject({ canDecide: false, canHandOver: true })
    // the department's reviewer may neither decide nor hand over someone else's step
    expect((await handOver(id, REV_DEV, 'h1', 'transfer')).result).toMatchObject({ code: 'NOT_YOUR_STEP' })
    expect((await handOver(id, HR, 'r1', 'transfer')).result.ok).toBe(true)
    await tick(1)
    expect((await decide(id, REV_DEV)).result.ok).toBe(true)
    expect(stored(id).status).toBe('approved')
    expect(await trail(id)).toEqual(['submit', 'transfer@0→r1', 'approve@0'])
  })

  it('refuses an employee, the applicant or oneself as assignee, and a chain past 8 steps; nothing changes', async () => {
    const id = await submit()
    const before = state(id)
    for (const to of ['m2', 'm1', 'r1', 'nobody'])
      expect((await handOver(id, REV_DEV, to, 'transfer')).result).toMatchObject({ code: 'ASSIGNEE_INVALID' })
    expect(state(id)).toEqual(before)
    // two steps + six added = 8: the ninth is refused
    for (let i = 0; i < 6; i++) {
      await tick(i + 1)
      expect((await handOver(id, REV_DEV, i % 2 ? 'r2' : 'h1', 'after')).result.ok).toBe(true)
    }
    const full = state(id)
    expect(full.chain).toHaveLength(8)
    await tick(10)
    expect((await handOver(id, REV_DEV, 'r2', 'after')).result).toMatchObject({ code: 'CHAIN_TOO_LONG' })
    expect(state(id)).toEqual(full)
  })
})

describe('the chain in the policy', () => {
  beforeEach(() => start(null), SEED_TIMEOUT)

  const save = async (approval: ApprovalChain) => {
    const { policy } = await ok(emu, 'admin', 'policy', {}, HR)
    const { version, ...rest } = policy as Policy
    return call(emu, 'admin', 'savePolicy', { policy: { ...rest, approval }, baseVersion: version }, HR)
  }

  it('without a chain a request has one step, the department reviewer, as before', async () => {
    const id = await submit()
    expect(await states(id)).toEqual(['部门审核人:current'])
    await decide(id, REV_DEV)
    expect(stored(id).status).toBe('approved')
  })

  it('saves a chain with the named members’ names; refuses one naming an employee, with nothing saved', async () => {
    const refused = await save({ steps: [{ kind: 'member', memberId: 'm2' }], cc: [] })
    expect(refused.result).toMatchObject({ ok: false, code: 'POLICY_CHAIN_INVALID' })
    expect((await ok(emu, 'admin', 'policy', {}, HR)).policy.approval).toBeUndefined()
    const saved = await save({
      steps: [{ kind: 'member', memberId: 'r2' }, { kind: 'hr' }],
      cc: [{ memberId: 'h1' }],
    })
    expect(saved.result.ok).toBe(true)
    expect((await ok(emu, 'admin', 'policy', {}, HR)).policy.approval).toEqual({
      steps: [{ kind: 'member', memberId: 'r2', name: '王磊' }, { kind: 'hr' }],
      cc: [{ memberId: 'h1', name: '陈思' }],
    })
  })

  it('an open request keeps the chain it started with when HR changes it; a new one takes the new chain', async () => {
    const open = await submit('2026-11-25')
    expect((await save(CHAIN)).result.ok).toBe(true)
    const later = await submit('2026-11-26')
    expect(await states(open)).toEqual(['部门审核人:current'])
    expect(await states(later)).toEqual(['部门审核人:current', 'HR:waiting'])
    await decide(open, REV_DEV)
    expect(stored(open).status).toBe('approved')
    await decide(later, REV_DEV)
    expect(stored(later)).toMatchObject({ status: 'pending', stepKind: 'hr' })
  })
})
