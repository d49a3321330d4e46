import fc from 'fast-check'
import { DEFAULT_POLICY, type Policy } from '@core/policy'
import { emptyQuota, type MemberDoc, type QuotaDoc } from '@core/makeup'
import { BATCH_MAX_ITEMS, batchItems, planBatch, type BatchFacts, type BatchRequest } from '@core/review'
import { DomainError } from '@core/shared'

const NOW = new Date('2026-11-27T02:00:00Z') // Friday 10:00 Shanghai
const policy: Policy = {
  ...DEFAULT_POLICY,
  quota: { cycle: { kind: 'month' }, cap: 3, refundOnRejection: true },
}
const report = { status: 'well' as const, temperature: 36.5, region: '北京', healthCode: 'green' as const }

const member = (id: string, over: Partial<MemberDoc> = {}): MemberDoc => ({
  _id: id,
  companyId: 'c1',
  employeeNo: id,
  name: id,
  dept: '研发部',
  region: '北京',
  roles: ['employee'],
  joinedOn: '2026-01-05',
  makeupEnabled: true,
  identityBound: false,
  openid: null,
  status: 'active',
  ...over,
})
const hr = member('h1', { roles: ['hr', 'employee'] })

const facts = (over: Partial<BatchFacts> = {}): BatchFacts => ({
  members: ['m1', 'm2'].map((id) => ({ member: member(id), mayRecord: true })),
  records: [],
  quotas: [],
  maintenance: [],
  ...over,
})
const request = (over: Partial<BatchRequest> = {}): BatchRequest => ({
  by: hr,
  memberIds: ['m1'],
  days: ['2026-11-24'],
  report,
  channel: 'phone',
  note: '系统故障期间电话报备',
  ...over,
})
const outcomes = (req: BatchRequest, f = facts()) =>
  planBatch(req, policy, f, NOW).map(
    (p) => `${p.memberId} ${p.day} ${p.ok ? (p.charged ? 'charged' : 'free') : p.code}`,
  )

describe('batch entry plan', () => {
  it('one item per member and day, each member’s days oldest first, duplicates collapsed', () => {
    expect(batchItems(['m2', 'm1', 'm2'], ['2026-11-25', '2026-11-24', '2026-11-25'])).toEqual([
      { memberId: 'm2', day: '2026-11-24' },
      { memberId: 'm2', day: '2026-11-25' },
      { memberId: 'm1', day: '2026-11-24' },
      { memberId: 'm1', day: '2026-11-25' },
    ])
  })

  it('charges each entry, except days a maintenance window touched or when HR waives it', () => {
    const maintenance = [{ start: new Date('2026-11-24T01:00:00Z'), end: new Date('2026-11-24T03:00:00Z') }]
    expect(outcomes(request({ days: ['2026-11-23', '2026-11-24'] }), facts({ maintenance }))).toEqual([
      'm1 2026-11-23 charged',
      'm1 2026-11-24 free',
    ])
    expect(outcomes(request({ charged: false }))).toEqual(['m1 2026-11-24 free'])
  })

  it('refuses per item, by the single entry’s rules', () => {
    const f = facts({
      members: [
        { member: member('m1'), mayRecord: true },
        { member: member('m2'), mayRecord: false },
        { member: member('m3', { companyId: 'c2' }), mayRecord: true },
        { member: member('m4', { status: 'left' }), mayRecord: true },
        { member: member('m5', { joinedOn: '2026-11-25' }), mayRecord: true },
        { member: hr, mayRecord: true },
      ],
      records: [{ _id: 'm1_2026-11-23' }],
      quotas: [{ ...emptyQuota('c1', 'm1', '2026-11', NOW), used: 1, openDays: ['2026-11-20'] }],
    })
    const req = request({
      memberIds: ['m1', 'm2', 'm3', 'm4', 'm5', 'h1', 'm9'],
      days: ['2026-11-20', '2026-11-23', '2026-11-24', '2026-11-30'],
    })
    const byItem = Object.fromEntries(
      outcomes(req, f).map((o) => [o.slice(0, o.lastIndexOf(' ')), o.split(' ')[2]]),
    )
    expect(byItem).toMatchObject({
      'm1 2026-11-20': 'DAY_HAS_OPEN_REQUEST',
      'm1 2026-11-23': 'DAY_ALREADY_CHECKED',
      'm1 2026-11-24': 'charged',
      'm1 2026-11-30': 'DAY_IN_FUTURE',
      'm2 2026-11-24': 'SUBJECT_CONSENT_REQUIRED',
      'm3 2026-11-24': 'MEMBER_NOT_FOUND',
      'm4 2026-11-24': 'MEMBER_NOT_FOUND',
      'm5 2026-11-24': 'DAY_BEFORE_JOINING',
      'h1 2026-11-24': 'FORBIDDEN',
      'm9 2026-11-24': 'MEMBER_NOT_FOUND',
    })
  })

  it('uses the quota as the earlier items of the batch leave it; uncharged items take none', () => {
    const quotas: QuotaDoc[] = [{ ...emptyQuota('c1', 'm1', '2026-11', NOW), used: 2 }]
    const maintenance = [{ start: new Date('2026-11-18T01:00:00Z'), end: new Date('2026-11-18T02:00:00Z') }]
    expect(
      outcomes(
        request({ days: ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'] }),
        facts({ quotas, maintenance }),
      ),
    ).toEqual([
      'm1 2026-11-17 charged',
      'm1 2026-11-18 free',
      'm1 2026-11-19 QUOTA_EXHAUSTED',
      'm1 2026-11-20 QUOTA_EXHAUSTED',
    ])
  })

  it('reports an item this batch already entered (a retry) as entered, and nothing else', () => {
    const records = [
      {
        _id: 'm1_2026-11-24',
        onBehalf: {
          by: 'h1',
          channel: 'phone' as const,
          note: 'x',
          at: NOW,
          charged: true,
          batchId: 'batch-0001',
        },
      },
    ]
    const [again] = planBatch(request({ batchId: 'batch-0001' }), policy, facts({ records }), NOW)
    expect(again).toMatchObject({ ok: true, already: true, charged: true })
    const [other] = planBatch(request({ batchId: 'batch-0002' }), policy, facts({ records }), NOW)
    expect(other).toMatchObject({ ok: false, code: 'DAY_ALREADY_CHECKED' })
  })

  it('refuses a batch over the cap as a whole', () => {
    const memberIds = Array.from({ length: 26 }, (_, i) => `m${i}`)
    expect(() =>
      planBatch(request({ memberIds, days: ['2026-11-23', '2026-11-24'] }), policy, facts(), NOW),
    ).toThrow(new DomainError('BATCH_TOO_LARGE', String(52)))
    expect(BATCH_MAX_ITEMS).toBe(50)
  })

  it('never plans more charged entries in a cycle than the cap leaves, whatever the days and usage', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 2, max: 26 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 4 }),
        (dayNumbers, used) => {
          const days = dayNumbers.map((d) => `2026-11-${String(d).padStart(2, '0')}`)
          const quotas = [{ ...emptyQuota('c1', 'm1', '2026-11', NOW), used }]
          const planned = planBatch(request({ days }), policy, facts({ quotas }), NOW)
          const charged = planned.filter((p) => p.ok && p.charged).length
          expect(charged).toBe(Math.min(days.length, Math.max(0, 3 - used)))
          for (const p of planned) if (!p.ok) expect(p.code).toBe('QUOTA_EXHAUSTED')
        },
      ),
    )
  })
})
