import type { MonthView } from '@core/checkin'
import type { AuditDoc, CheckinDoc, MakeupDoc, SpecialDoc } from '@core/makeup'
import { EJSON } from 'bson'
import {
  COMPANY,
  FRIDAY_10,
  call,
  codeOf,
  docs,
  member,
  ok,
  setNow,
  warm,
  quotaView,
  settle,
} from './harness'
import { SEED_TIMEOUT, useEmulator } from './fixture'
import {
  A,
  B,
  COLLECTIONS,
  HR,
  HR2,
  OPS,
  REV_DEV,
  REV_MKT,
  loadReviewFixture,
  pendingDoc,
  specialDoc,
  type PendingSpec,
} from './review-fixture'

// the machine is shared and small; nothing here asserts timings
jest.setTimeout(180_000)

const emu = useEmulator({ functions: ['checkin', 'makeup', 'review', 'admin'] })

const NOW = FRIDAY_10
const PHOTO_PATH = 'companies/c1/members/m1/photo.png'

const PENDING: PendingSpec[] = [
  { memberId: 'm1', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z' },
  { memberId: 'm2', day: '2026-11-24', submittedAt: '2026-11-25T02:00:00Z' },
  { memberId: 'o1', day: '2026-11-24', submittedAt: '2026-11-25T03:00:00Z' },
  { memberId: 'r1', day: '2026-11-25', submittedAt: '2026-11-26T01:00:00Z' },
  { memberId: 'm1', day: '2026-11-25', submittedAt: '2026-11-26T02:00:00Z' },
  { memberId: 'r2', day: '2026-11-26', submittedAt: '2026-11-26T03:00:00Z' },
]

async function start(pending = PENDING, specials: SpecialDoc[] = []) {
  loadReviewFixture(emu, pending, specials)
  emu.files.clear()
  await setNow(emu, NOW)
}

const makeup = (id: string) => docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: id })[0]
const quota = (memberId: string) => quotaView(emu, `${memberId}_2026-11`)
/** the request's audit trail once the notify timer moved its events */
const auditOf = async (subjectId: string) => {
  await settle(emu)
  return docs<AuditDoc>(emu, COLLECTIONS.audit, { subjectId })
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((a) => `${a.action}:${a.from}->${a.to}`)
}
const refusals = () => docs<AuditDoc>(emu, COLLECTIONS.audit, { subject: 'review' })

describe('review.queue', () => {
  beforeEach(() => start())

  it('shows HR the whole company oldest first (own requests excluded), with the pending badge', async () => {
    const page = await ok(emu, 'review', 'queue', {}, HR)
    expect(page.items.map((i) => i.id)).toEqual([
      'm1_2026-11-24',
      'm2_2026-11-24',
      'o1_2026-11-24',
      'r1_2026-11-25',
      'm1_2026-11-25',
      'r2_2026-11-26',
    ])
    expect(page.items[0].member).toEqual({ id: 'm1', name: '员工m1', dept: '研发部', employeeNo: 'M1' })
    expect(page.pendingCount).toBe(6)
    expect(page.scope).toBe('company')
    expect(page.next).toBeNull()
  })

  it('logs every request it shows in the access log: who viewed whose request, ids only', async () => {
    const page = await ok(emu, 'review', 'queue', { limit: 3 }, HR)
    const log = docs<{ subject: string; what: string; viewer: { id: string } }>(emu, 'access_log')
    expect(log.map((e) => [e.subject, e.what, e.viewer.id]).sort()).toEqual(
      page.items.map((i) => [i.member.id, `makeup:${i.id}`, 'h1']).sort(),
    )
    expect(JSON.stringify(log)).not.toMatch(/temperature|healthCode|36\.|37\.|green|yellow|red/)
  })

  it('shows a reviewer their department only, never their own request', async () => {
    const page = await ok(emu, 'review', 'queue', {}, REV_DEV)
    expect(page.items.map((i) => i.id)).toEqual(['m1_2026-11-24', 'm2_2026-11-24', 'm1_2026-11-25'])
    expect(page.pendingCount).toBe(3)
    expect(page.scope).toEqual(['研发部'])
  })

  it('pages by cursor without gaps or repeats', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await ok(emu, 'review', 'queue', { limit: 4, ...(cursor ? { cursor } : {}) }, HR)
      seen.push(...page.items.map((i) => i.id))
      // the badge is counted on the first page only
      expect(page.pendingCount).toBe(cursor ? null : 6)
      cursor = page.next ?? undefined
      pages++
    } while (cursor)
    expect(pages).toBe(2)
    expect(seen).toHaveLength(6)
    expect(new Set(seen).size).toBe(6)
  })

  it('filters by department, day range, attachments and reason category', async () => {
    await start([
      ...PENDING,
      {
        memberId: 'm2',
        day: '2026-11-26',
        submittedAt: '2026-11-26T04:00:00Z',
        attachments: ['cloud://x/a.png'],
        reasonKind: 'device',
      },
    ])
    const byDept = await ok(emu, 'review', 'queue', { dept: '运维部' }, HR)
    expect(byDept.items.map((i) => i.id)).toEqual(['o1_2026-11-24'])
    const byDay = await ok(emu, 'review', 'queue', { dayFrom: '2026-11-25', dayTo: '2026-11-25' }, HR)
    expect(byDay.items.map((i) => i.id)).toEqual(['r1_2026-11-25', 'm1_2026-11-25'])
    const withFiles = await ok(emu, 'review', 'queue', { hasAttachments: true }, HR)
    expect(withFiles.items.map((i) => i.id)).toEqual(['m2_2026-11-26'])
    const { result, roundTrips } = await call(emu, 'review', 'queue', { reasonKind: 'device' }, HR)
    expect(result.ok && result.data.items.map((i) => [i.id, i.reasonKind])).toEqual([
      ['m2_2026-11-26', 'device'],
    ])
    expect(roundTrips).toBe(3)
    // a reviewer filtering on a department outside their scope sees nothing
    const outside = await ok(emu, 'review', 'queue', { dept: '市场部' }, REV_DEV)
    expect(outside.items).toEqual([])
  })
})

describe('queue round trips', () => {
  beforeEach(() => start())

  const trips = async (openid: string, input: object = {}) => {
    const { result, roundTrips } = await call(emu, 'review', 'queue', input, openid)
    if (!result.ok) throw new Error(result.code)
    return { page: result.data, roundTrips }
  }

  it('are 3 for every role and page: the reviewer with delegations, the page with members and badge, its access log', async () => {
    const first = await trips(HR, { limit: 2 })
    expect(first.roundTrips).toBe(3)
    expect(first.page.pendingCount).toBe(6)
    const second = await trips(HR, { limit: 2, cursor: first.page.next })
    expect(second.roundTrips).toBe(3)
    expect(second.page.items.map((i) => i.id)).toEqual(['o1_2026-11-24', 'r1_2026-11-25'])
    const filtered = await trips(HR, { dept: '研发部', dayFrom: '2026-11-24', hasAttachments: false })
    expect(filtered.roundTrips).toBe(3)
    expect(filtered.page.items.map((i) => i.id)).toEqual([
      'm1_2026-11-24',
      'm2_2026-11-24',
      'r1_2026-11-25',
      'm1_2026-11-25',
    ])
    expect((await trips(REV_DEV)).roundTrips).toBe(3)
    // a page that shows nothing logs nothing
    expect((await trips(HR, { dept: '不存在的部门' })).roundTrips).toBe(2)
    // an employee is refused after the first one, and the attempt recorded
    expect((await call(emu, 'review', 'queue', {}, A)).roundTrips).toBe(2)
  })

  it('merges the departments of a delegated scope oldest first, paging across them, in 3', async () => {
    await ok(emu, 'review', 'delegate', { to: 'r2', start: '2026-11-27', until: '2026-11-30' }, REV_DEV)
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const { page, roundTrips } = await trips(REV_MKT, { limit: 2, ...(cursor ? { cursor } : {}) })
      expect(roundTrips).toBe(3)
      expect(page.scope).toEqual(['市场部', '研发部'])
      expect(page.pendingCount).toBe(cursor ? null : 4)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.next ?? undefined
    } while (cursor)
    // r2's own request is never theirs to review
    expect(seen).toEqual(['m1_2026-11-24', 'm2_2026-11-24', 'r1_2026-11-25', 'm1_2026-11-25'])
  })

  it('gives requests stored before they carried a department their member’s on first use', async () => {
    for (const { dept: _dept, ...doc } of docs<MakeupDoc>(emu, COLLECTIONS.makeups))
      emu.store.putDocument(COLLECTIONS.makeups, EJSON.serialize(doc) as never)
    const healing = await trips(REV_DEV)
    expect(healing.page.items.map((i) => i.id)).toEqual(['m1_2026-11-24', 'm2_2026-11-24', 'm1_2026-11-25'])
    expect(healing.page.pendingCount).toBe(3)
    expect(healing.roundTrips).toBeGreaterThan(2)
    expect(docs<MakeupDoc>(emu, COLLECTIONS.makeups).map((d) => `${d._id}:${d.dept}`)).toEqual([
      'm1_2026-11-24:研发部',
      'm2_2026-11-24:研发部',
      'o1_2026-11-24:运维部',
      'r1_2026-11-25:研发部',
      'm1_2026-11-25:研发部',
      'r2_2026-11-26:市场部',
    ])
    expect((await trips(REV_DEV)).roundTrips).toBe(3)
  })

  it('follows a member moved to another department while the request is open', async () => {
    await ok(emu, 'admin', 'updateMember', { memberId: 'm2', dept: '市场部' }, HR)
    expect(makeup('m2_2026-11-24').dept).toBe('市场部')
    expect((await trips(REV_DEV)).page.items.map((i) => i.id)).toEqual(['m1_2026-11-24', 'm1_2026-11-25'])
    expect((await trips(REV_MKT)).page.items.map((i) => i.id)).toEqual(['m2_2026-11-24'])
  })

  it('follows members a roster import moves to another department', async () => {
    const path = `companies/${COMPANY}/admin/move.csv`
    emu.files.put(path, Buffer.from('工号,姓名,部门,地区\nM2,员工m2,市场部,北京\n'))
    let job = await ok(emu, 'admin', 'importStart', { fileID: emu.files.fileIdFor(path) }, HR)
    while (job.status === 'running') job = await ok(emu, 'admin', 'importContinue', { jobId: job.id }, HR)
    expect(job.status).toBe('done')
    expect(makeup('m2_2026-11-24').dept).toBe('市场部')
    expect((await trips(REV_MKT)).page.items.map((i) => i.id)).toEqual(['m2_2026-11-24'])
  })
})

describe('decision round trips', () => {
  beforeEach(() => start())

  // 1 read (the reviewer, the request, its member), the guarded update with its events, the effective record
  const APPROVE = 3

  it('approve: one read, one guarded update, the record', async () => {
    const { result, roundTrips } = await call(
      emu,
      'review',
      'decide',
      { id: 'm1_2026-11-24', decision: 'approve' },
      REV_DEV,
    )
    expect(result.ok).toBe(true)
    expect(roundTrips).toBe(APPROVE)
  })

  it('bulk approve: the one read serves every item', async () => {
    const ids = ['m1_2026-11-24', 'm2_2026-11-24', 'o1_2026-11-24', 'm1_2026-11-25']
    const { result, roundTrips } = await call(emu, 'review', 'bulkApprove', { ids }, HR)
    if (!result.ok) throw new Error(result.code)
    expect(result.data.results.every((r) => r.ok)).toBe(true)
    // the read, one guarded update of all, which it approved, their records in one insert
    expect(roundTrips).toBe(4)
  })
})

describe('a department larger than one page of members', () => {
  it('still puts every member’s request in the reviewer’s queue', async () => {
    await start([])
    // 1 200 more members of 研发部 (the server returns at most 1 000 per query); the last one has a request
    const many = Array.from({ length: 1200 }, (_, i) =>
      member(`z${String(i).padStart(4, '0')}`, COMPANY, { dept: '研发部' }),
    )
    for (const m of many) emu.store.putDocument(COLLECTIONS.members, m as never)
    const doc = pendingDoc({ memberId: 'z1199', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z' })
    emu.store.putDocument(COLLECTIONS.makeups, EJSON.serialize(doc) as never)
    const page = await ok(emu, 'review', 'queue', {}, REV_DEV)
    expect(page.items.map((i) => i.id)).toEqual(['z1199_2026-11-24'])
    expect(page.items[0].member.name).toBe('员工z1199')
  })
})

describe('review.detail', () => {
  beforeEach(async () => {
    await start([{ ...PENDING[0], attachments: [emu.files.fileIdFor(PHOTO_PATH)] }, PENDING[4]])
    emu.files.put(PHOTO_PATH, Buffer.from('png'), 'image/png')
  })

  it('gives the report, a preview link, the member’s month, quota, routing and timeline', async () => {
    const { result, roundTrips } = await call(emu, 'review', 'detail', { id: 'm1_2026-11-24' }, REV_DEV)
    if (!result.ok) throw new Error(result.code)
    const d = result.data
    // the reviewer with the request (1), what the detail shows (1), preview links (1), access-log entry (1)
    expect(roundTrips).toBe(4)
    expect(d.member.name).toBe('员工m1')
    expect(d.report.temperature).toBe(36.6)
    expect(d.previews).toHaveLength(1)
    expect(d.previews[0].url).toMatch(/^http/)
    expect(d.month.month).toBe('2026-11')
    expect(d.month.days.find((x) => x.day === '2026-11-24')?.state).toBe('pending')
    expect(d.quota).toEqual({ cycle: '2026-11', cap: 3, used: 2, remaining: 1 })
    expect(d.reviewers).toEqual([{ id: 'r1', name: '李明' }])
    expect(d.timeline.map((t) => t.action)).toEqual(['submit'])
    expect(d.canDecide).toBe(true)
  })

  it('routes a department without reviewers to the HR admins', async () => {
    await start([PENDING[2]])
    const { result, roundTrips } = await call(emu, 'review', 'detail', { id: 'o1_2026-11-24' }, HR)
    if (!result.ok) throw new Error(result.code)
    expect(result.data.reviewers).toEqual([{ id: 'h1', name: '陈思' }])
    // no attachment: no storage call; the HR admins are read only for such a department
    expect(roundTrips).toBe(4)
  })

  it('issues no link to a reviewer outside the department', async () => {
    const { result, roundTrips } = await call(emu, 'review', 'detail', { id: 'm1_2026-11-24' }, REV_MKT)
    expect(result.ok ? 'OK' : result.code).toBe('FORBIDDEN')
    // caller with delegations, request and its member (1), refusal audit (1): no storage call
    expect(roundTrips).toBe(2)
  })
})

describe('review.decide', () => {
  beforeEach(() => start())

  it('approves: the effective record is written, the day closes, the quota unit stays, audit appended', async () => {
    const view = await ok(emu, 'review', 'decide', { id: 'm1_2026-11-24', decision: 'approve' }, REV_DEV)
    expect(view.status).toBe('approved')
    expect(view.decidedBy).toBe('r1')
    const record = docs<CheckinDoc>(emu, COLLECTIONS.checkins, { _id: 'm1_2026-11-24' })[0]
    expect(record).toMatchObject({ source: 'makeup', requestId: 'm1_2026-11-24', day: '2026-11-24' })
    expect(quota('m1')).toMatchObject({ used: 2, openDays: ['2026-11-25'] })
    expect(await auditOf('m1_2026-11-24')).toEqual(['submit:null->pending', 'approve:pending->approved'])
    // the employee's calendar shows the day made up
    const month: MonthView = await ok(emu, 'checkin', 'month', { month: '2026-11' }, A)
    expect(month.days.find((d) => d.day === '2026-11-24')?.state).toBe('madeUp')
  })

  it('rejects with a listed reason and text, refunding the quota (policy refunds on rejection)', async () => {
    expect(await codeOf(emu, 'review', 'decide', { id: 'm1_2026-11-24', decision: 'reject' }, HR)).toBe(
      'FIELD_REQUIRED',
    )
    expect(
      await codeOf(
        emu,
        'review',
        'decide',
        { id: 'm1_2026-11-24', decision: 'reject', reasonCode: 'other' },
        HR,
      ),
    ).toBe('FIELD_REQUIRED')
    const view = await ok(
      emu,
      'review',
      'decide',
      { id: 'm1_2026-11-24', decision: 'reject', reasonCode: 'attachmentUnclear', note: '看不清日期' },
      HR,
    )
    expect(view.status).toBe('rejected')
    expect(view.decisionNote).toBe('证明材料不清晰：看不清日期')
    expect(quota('m1')).toMatchObject({ used: 1, openDays: ['2026-11-25'] })
    expect(docs(emu, COLLECTIONS.checkins)).toHaveLength(0)
    await settle(emu)
    const entry = docs<AuditDoc>(emu, COLLECTIONS.audit, { subjectId: 'm1_2026-11-24', action: 'reject' })[0]
    expect(entry).toMatchObject({
      reason: '证明材料不清晰',
      actor: { kind: 'reviewer', id: 'h1' },
    })
  })

  it('returns with what to fix; the employee resubmits and it is pending again', async () => {
    expect(await codeOf(emu, 'review', 'decide', { id: 'm1_2026-11-24', decision: 'return' }, HR)).toBe(
      'FIELD_REQUIRED',
    )
    const view = await ok(
      emu,
      'review',
      'decide',
      { id: 'm1_2026-11-24', decision: 'return', note: '请上传当天的健康码截图' },
      HR,
    )
    expect(view.status).toBe('returned')
    expect(quota('m1').openDays).toContain('2026-11-24')
    const mine = await ok(emu, 'makeup', 'detail', { id: 'm1_2026-11-24' }, A)
    expect(mine.decisionNote).toBe('请上传当天的健康码截图')
  })

  it.each([
    [
      'already decided',
      async () => {
        await ok(emu, 'review', 'decide', { id: 'm1_2026-11-24', decision: 'approve' }, REV_DEV)
      },
      HR,
      { id: 'm1_2026-11-24', decision: 'approve' },
      'ALREADY_DECIDED',
    ],
    ['own request', null, REV_DEV, { id: 'r1_2026-11-25', decision: 'approve' }, 'OWN_REQUEST'],
    [
      'reviewer of another department',
      null,
      REV_MKT,
      { id: 'm1_2026-11-24', decision: 'approve' },
      'FORBIDDEN',
    ],
    ['an employee', null, B, { id: 'm1_2026-11-24', decision: 'approve' }, 'FORBIDDEN'],
    ['HR of another company', null, HR2, { id: 'm1_2026-11-24', decision: 'approve' }, 'REQUEST_NOT_FOUND'],
    ['a malformed id', null, HR, { id: '../m1', decision: 'approve' }, 'INVALID_INPUT'],
    ['a $-operator id', null, HR, { id: { $ne: '' }, decision: 'approve' }, 'INVALID_INPUT'],
    [
      'an oversize comment',
      null,
      HR,
      { id: 'm1_2026-11-24', decision: 'return', note: 'x'.repeat(301) },
      'INVALID_INPUT',
    ],
    ['an unknown decision', null, HR, { id: 'm1_2026-11-24', decision: 'delete' }, 'INVALID_INPUT'],
  ] as const)('refuses %s and writes nothing but the attempt', async (_l, before, who, input, expected) => {
    if (before) await before()
    const snapshot = JSON.stringify([docs(emu, COLLECTIONS.makeups), docs(emu, COLLECTIONS.checkins)])
    const auditBefore = docs(emu, COLLECTIONS.audit).length
    const { result } = await call(emu, 'review', 'decide', input as Record<string, unknown>, who)
    expect(result.ok ? 'OK' : result.code).toBe(expected)
    if (expected === 'ALREADY_DECIDED' && !result.ok) expect(result.message).toBe('这条申请已由李明处理')
    expect(JSON.stringify([docs(emu, COLLECTIONS.makeups), docs(emu, COLLECTIONS.checkins)])).toBe(snapshot)
    // schema refusals never reach the handler; role and state refusals are recorded
    const recorded = expected === 'INVALID_INPUT' ? 0 : 1
    expect(docs(emu, COLLECTIONS.audit).length - auditBefore).toBe(recorded)
    if (recorded)
      expect(refusals().at(-1)).toMatchObject({ action: 'refused', to: expected, reason: 'decide' })
  })
})

describe('two reviewers deciding the same request at once', () => {
  beforeAll(() => warm(emu, 'review', 4), SEED_TIMEOUT)

  it('lets exactly one win, 20 times in a row; the other is told who decided', async () => {
    const pending: PendingSpec[] = Array.from({ length: 20 }, (_, i) => ({
      memberId: i % 2 ? 'm1' : 'm2',
      day: `2026-11-${String(2 + i).padStart(2, '0')}`,
      submittedAt: `2026-11-${String(3 + i).padStart(2, '0')}T01:00:00Z`,
    }))
    await start(pending)
    for (const p of pending) {
      const id = `${p.memberId}_${p.day}`
      const [hr, dev] = await Promise.all([
        call(emu, 'review', 'decide', { id, decision: 'approve' }, HR),
        call(emu, 'review', 'decide', { id, decision: 'reject', reasonCode: 'duplicate' }, REV_DEV),
      ])
      const outcomes = [hr.result, dev.result]
      expect(outcomes.filter((r) => r.ok)).toHaveLength(1)
      const loser = outcomes.find((r) => !r.ok)
      expect(loser && !loser.ok && loser.code).toBe('ALREADY_DECIDED')
      const winnerName = hr.result.ok ? '陈思' : '李明'
      expect(loser && !loser.ok && loser.message).toBe(`这条申请已由${winnerName}处理`)
      await settle(emu)
      const decisions = docs<AuditDoc>(emu, COLLECTIONS.audit, { subjectId: id, subject: 'makeup' }).filter(
        (a) => a.action !== 'submit',
      )
      expect(decisions).toHaveLength(1)
      expect(makeup(id).status).toBe(hr.result.ok ? 'approved' : 'rejected')
      expect(docs(emu, COLLECTIONS.checkins, { _id: id })).toHaveLength(hr.result.ok ? 1 : 0)
    }
  })
})

describe('review.bulkApprove', () => {
  beforeEach(() => start())

  it('approves each selected request on its own and reports per item', async () => {
    await ok(emu, 'review', 'decide', { id: 'm2_2026-11-24', decision: 'approve' }, REV_DEV)
    const { results } = await ok(
      emu,
      'review',
      'bulkApprove',
      { ids: ['m1_2026-11-24', 'm2_2026-11-24', 'r1_2026-11-25', 'm1_2026-11-25', 'nope'] },
      REV_DEV,
    )
    expect(results.map((r) => `${r.id}:${r.ok ? 'OK' : r.code}`)).toEqual([
      'm1_2026-11-24:OK',
      'm2_2026-11-24:ALREADY_DECIDED',
      'r1_2026-11-25:OWN_REQUEST',
      'm1_2026-11-25:OK',
      'nope:REQUEST_NOT_FOUND',
    ])
    expect(makeup('m1_2026-11-25').status).toBe('approved')
    expect(makeup('r1_2026-11-25').status).toBe('pending')
    expect(docs(emu, COLLECTIONS.checkins)).toHaveLength(3)
  })
})

describe('special handling', () => {
  const specials = [
    specialDoc('m1', '2026-11-18', '2026-11-26T01:00:00Z'),
    specialDoc('h1', '2026-11-17', '2026-11-26T02:00:00Z'),
  ]
  beforeEach(() => start(PENDING, specials))

  it('lists pending special requests for HR, oldest first', async () => {
    const page = await ok(emu, 'review', 'specials', {}, HR)
    expect(page.items.map((s) => `${s.member.name}:${s.day}`)).toEqual([
      '员工m1:2026-11-18',
      '陈思:2026-11-17',
    ])
  })

  it('grants with a deadline, free of quota; the employee can then make the day up', async () => {
    const item = await ok(
      emu,
      'review',
      'decideSpecial',
      { id: 'm1_2026-11-18', decision: 'grant', deadline: '2026-11-30', charged: false },
      HR,
    )
    expect(item).toMatchObject({
      status: 'granted',
      grantDeadline: '2026-11-30T23:59:59.999+08:00',
      charged: false,
    })
    const slots = await ok(emu, 'makeup', 'slots', {}, A)
    expect(slots.slots.find((s) => s.day === '2026-11-18')).toMatchObject({ granted: true })
    expect(await auditOf('m1_2026-11-18')).toEqual(['grant:pending->granted'])
    // the employee's notice was queued with the decision
    const notices = docs<{ kind: string; values: { status: string; subject: string } }>(emu, 'outbox').filter(
      (n) => n.kind === 'specialDecided',
    )
    expect(notices).toHaveLength(1)
    expect(notices[0].values).toMatchObject({ status: 'granted', subject: '2026-11-18 特殊补卡申请' })
  })

  it('denies with a reason, and refuses a second decision, the own request and non-HR callers', async () => {
    expect(await codeOf(emu, 'review', 'decideSpecial', { id: 'm1_2026-11-18', decision: 'deny' }, HR)).toBe(
      'FIELD_REQUIRED',
    )
    const item = await ok(
      emu,
      'review',
      'decideSpecial',
      { id: 'm1_2026-11-18', decision: 'deny', reason: '理由不充分' },
      HR,
    )
    expect(item).toMatchObject({ status: 'denied', decisionNote: '理由不充分' })
    const again = await call(
      emu,
      'review',
      'decideSpecial',
      { id: 'm1_2026-11-18', decision: 'deny', reason: 'x' },
      HR,
    )
    expect(!again.result.ok && again.result.message).toBe('这条申请已由陈思处理')
    const refusalOf = (id: string, deadline: string, openid: string) =>
      codeOf(emu, 'review', 'decideSpecial', { id, decision: 'grant', deadline }, openid)
    expect(await refusalOf('h1_2026-11-17', '2026-11-30', HR)).toBe('OWN_REQUEST')
    expect(await refusalOf('m1_2026-11-18', '2026-11-30', REV_DEV)).toBe('FORBIDDEN')
    expect(await refusalOf('h1_2026-11-17', '2026-11-30', HR2)).toBe('SPECIAL_NOT_FOUND')
    expect(await refusalOf('h1_2026-11-17', '2026-11-01', REV_DEV)).toBe('FORBIDDEN')
  })
})

describe('delegation', () => {
  beforeEach(() => start())

  it('hands a reviewer’s department to a colleague for the range, and ends it', async () => {
    expect((await ok(emu, 'review', 'queue', {}, REV_MKT)).items).toHaveLength(0)
    const view = await ok(
      emu,
      'review',
      'delegate',
      { to: 'r2', start: '2026-11-27', until: '2026-11-30' },
      REV_DEV,
    )
    expect(view).toMatchObject({ to: { id: 'r2', name: '王磊' }, until: '2026-11-30' })
    const page = await ok(emu, 'review', 'queue', {}, REV_MKT)
    expect(page.scope).toEqual(['市场部', '研发部'])
    expect(page.items.map((i) => i.id)).toContain('m1_2026-11-24')
    await ok(emu, 'review', 'decide', { id: 'm1_2026-11-24', decision: 'approve' }, REV_MKT)
    await setNow(emu, '2026-12-01T02:00:00Z')
    expect(await codeOf(emu, 'review', 'decide', { id: 'm1_2026-11-25', decision: 'approve' }, REV_MKT)).toBe(
      'FORBIDDEN',
    )
    expect(await ok(emu, 'review', 'delegate', { to: null }, REV_DEV)).toBeNull()
    expect(
      await codeOf(emu, 'review', 'delegate', { to: 'r2', start: '2026-12-01', until: '2026-12-02' }, OPS),
    ).toBe('FORBIDDEN')
  })

  it('the 代审 page reads my hand-over, the hand-overs to me and who could take mine', async () => {
    const before = await ok(emu, 'review', 'delegations', {}, REV_DEV)
    expect(before.mine).toBeNull()
    expect(before.toMe).toEqual([])
    const names = before.colleagues.map((c) => c.id)
    // reviewers and HR admins of the company, never the caller, never an employee or another company's member
    expect(names).toEqual(expect.arrayContaining(['r2', 'h1']))
    expect(names).not.toContain('r1')
    expect(names).not.toContain('m1')

    await ok(emu, 'review', 'delegate', { to: 'r2', start: '2026-11-28', until: '2026-11-30' }, REV_DEV)
    const mine = await ok(emu, 'review', 'delegations', {}, REV_DEV)
    expect(mine.mine).toEqual({
      to: expect.objectContaining({ id: 'r2', name: '王磊' }),
      start: '2026-11-28',
      until: '2026-11-30',
    })
    const theirs = await ok(emu, 'review', 'delegations', {}, REV_MKT)
    expect(theirs.toMe).toEqual([
      { from: expect.objectContaining({ id: 'r1' }), start: '2026-11-28', until: '2026-11-30' },
    ])
    // the caller with both sides of the hand-over in one aggregation, then the colleagues
    expect((await call(emu, 'review', 'delegations', {}, REV_DEV)).roundTrips).toBe(2)
    // once the range has passed, neither side lists it
    await setNow(emu, '2026-12-01T02:00:00Z')
    expect((await ok(emu, 'review', 'delegations', {}, REV_DEV)).mine).toBeNull()
    expect((await ok(emu, 'review', 'delegations', {}, REV_MKT)).toMe).toEqual([])
  })
})
