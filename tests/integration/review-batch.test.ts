// HR's batch entry after an outage through the emulator: the preview (nothing written) and the run agree item by
// item; maintenance days are not charged; refusals are per item (consent, a recorded day, an open request, the
// quota) or for the whole batch (role, size, report), and change nothing; a retry of the same batch writes nothing
// twice, even while the first call still runs.
import type { AuditDoc, MaintenanceDoc, MemberDoc } from '@core/makeup'
import type { BatchItemView } from '@core/review'
import { FRIDAY_10, call, codeOf, docs, ok, report, setNow, warm, quotaView } from './harness'
import { SEED_TIMEOUT, useEmulator } from './fixture'
import { A, COLLECTIONS, HR, REV_DEV, checkinDoc, loadReviewFixture } from './review-fixture'
import { put } from './notify-fixture'

jest.setTimeout(180_000)

const emu = useEmulator({ functions: ['review', 'makeup'] })

const NOTE = '11月24日系统故障，电话报备'
const base = {
  memberIds: ['m1', 'm2', 'm3', 'o1'],
  days: ['2026-11-23', '2026-11-24', '2026-11-25'],
  report,
  channel: 'phone',
  note: NOTE,
}

async function start() {
  loadReviewFixture(
    emu,
    [
      // m1 has an open request for the 25th
      { memberId: 'm1', day: '2026-11-25', submittedAt: '2026-11-26T01:00:00Z' },
      // o1 used all three units of the month already
      ...['2026-11-16', '2026-11-17', '2026-11-18'].map((day) => ({
        memberId: 'o1',
        day,
        submittedAt: '2026-11-19T01:00:00Z',
        status: 'approved' as const,
      })),
    ],
    [],
    // m3 checked in on the 23rd
    [checkinDoc('m3', '2026-11-23')],
  )
  // the outage: a maintenance window on the 24th
  put(emu, COLLECTIONS.maintenance, [
    {
      _id: 'mt-1',
      companyId: 'c1',
      start: new Date('2026-11-24T01:00:00Z'),
      end: new Date('2026-11-24T05:00:00Z'),
      note: '系统升级',
    } satisfies MaintenanceDoc,
  ])
  // m2 withdrew their health-data consent
  const [m2] = docs<MemberDoc>(emu, COLLECTIONS.members, { _id: 'm2' })
  put(emu, COLLECTIONS.members, [
    {
      ...m2,
      healthConsent: { version: 1, at: new Date('2026-01-05T02:00:00Z'), withdrawnAt: new Date(FRIDAY_10) },
    },
  ])
  await setNow(emu, FRIDAY_10)
}

const outcome = (items: BatchItemView[]) =>
  items.map(
    (i) =>
      `${i.memberId} ${i.day} ${i.ok ? (i.already ? 'already' : i.charged ? 'charged' : 'free') : i.code}`,
  )

const EXPECTED = [
  'm1 2026-11-23 charged',
  'm1 2026-11-24 free',
  'm1 2026-11-25 DAY_HAS_OPEN_REQUEST',
  'm2 2026-11-23 SUBJECT_CONSENT_REQUIRED',
  'm2 2026-11-24 SUBJECT_CONSENT_REQUIRED',
  'm2 2026-11-25 SUBJECT_CONSENT_REQUIRED',
  'm3 2026-11-23 DAY_ALREADY_CHECKED',
  'm3 2026-11-24 free',
  'm3 2026-11-25 charged',
  'o1 2026-11-23 QUOTA_EXHAUSTED',
  'o1 2026-11-24 free',
  'o1 2026-11-25 QUOTA_EXHAUSTED',
]

const snapshot = () =>
  JSON.stringify([
    docs(emu, COLLECTIONS.checkins),
    docs(emu, COLLECTIONS.makeups),
    // refused attempts are recorded (reviewAction); nothing else may change
    docs<{ action: string }>(emu, COLLECTIONS.audit).filter((a) => a.action !== 'refused'),
  ])

describe('review.batchPreview / batchOnBehalf', () => {
  beforeEach(() => start())

  it('previews every item (created, charged or not, refused and why) and writes nothing', async () => {
    const before = snapshot()
    const { result, roundTrips } = await call(emu, 'review', 'batchPreview', base, HR)
    if (!result.ok) throw new Error(result.code)
    expect(outcome(result.data.items)).toEqual(EXPECTED)
    expect(result.data.items[0]).toMatchObject({ name: '员工m1' })
    expect(result.data.items[3].message).toContain('尚未同意')
    expect(snapshot()).toBe(before)
    // the reviewer (1) and one aggregation of the members, records, quota documents and maintenance (1)
    expect(roundTrips).toBe(2)
  })

  it('enters what the preview said, item by item, as on-behalf records', async () => {
    const preview = await ok(emu, 'review', 'batchPreview', base, HR)
    const { result, roundTrips } = await call(
      emu,
      'review',
      'batchOnBehalf',
      { ...base, batchId: 'batch-0001' },
      HR,
    )
    if (!result.ok) throw new Error(result.code)
    expect(outcome(result.data.items)).toEqual(outcome(preview.items))
    const created = docs<{ _id: string; source: string; onBehalf: { batchId: string; charged: boolean } }>(
      emu,
      COLLECTIONS.checkins,
      { source: 'hr' },
    )
    expect(created.map((c) => `${c._id} ${c.onBehalf.charged}`).sort()).toEqual([
      'm1_2026-11-23 true',
      'm1_2026-11-24 false',
      'm3_2026-11-24 false',
      'm3_2026-11-25 true',
      'o1_2026-11-24 false',
    ])
    expect(created.every((c) => c.onBehalf.batchId === 'batch-0001')).toBe(true)
    const quota = (id: string) => quotaView(emu, id)
    expect(quota('m1_2026-11')).toMatchObject({ used: 2, madeUpDays: ['2026-11-23', '2026-11-24'] })
    expect(quota('m3_2026-11')).toMatchObject({ used: 1 })
    expect(quota('o1_2026-11').used).toBe(3)
    expect(quota('o1_2026-11').madeUpDays).toContain('2026-11-24')
    // one audit entry per record, with the channel only (the note stays on the record)
    const audit = docs<AuditDoc>(emu, COLLECTIONS.audit, { action: 'onBehalf' })
    expect(audit).toHaveLength(5)
    expect(JSON.stringify(audit)).not.toContain(NOTE)
    // reviewer (1), the plan's read (1), then one transaction per record: start, read record, insert the claim on
    // day and unit, insert record, insert audit entry, commit
    expect(roundTrips).toBe(2 + 6 * 5)
  })

  it('a retry of the same batch (the first answer lost) reports the entered items and writes nothing twice', async () => {
    await ok(emu, 'review', 'batchOnBehalf', { ...base, batchId: 'batch-0002' }, HR)
    const after = snapshot()
    const again = await ok(emu, 'review', 'batchOnBehalf', { ...base, batchId: 'batch-0002' }, HR)
    expect(outcome(again.items)).toEqual(EXPECTED.map((e) => e.replace(/ (charged|free)$/, ' already')))
    expect(snapshot()).toBe(after)
    // another batch of the same days is refused for them
    const other = await ok(emu, 'review', 'batchOnBehalf', { ...base, batchId: 'batch-0003' }, HR)
    expect(other.items.filter((i) => i.ok)).toHaveLength(0)
    expect(snapshot()).toBe(after)
  })

  it(
    'concurrent calls of one batch enter each item once; every caller gets the per-item answer',
    async () => {
      await warm(emu, 'review', 4)
      for (let round = 0; round < 4; round++) {
        await start()
        const input = { ...base, batchId: `batch-race-${round}` }
        const results = await Promise.all(
          Array.from({ length: 4 }, () => call(emu, 'review', 'batchOnBehalf', input, HR)),
        )
        for (const r of results) {
          if (!r.result.ok) throw new Error(r.result.code)
          expect(
            outcome(r.result.data.items).map((o) =>
              o.replace(/ already$/, ' ok').replace(/ (charged|free)$/, ' ok'),
            ),
          ).toEqual(EXPECTED.map((e) => e.replace(/ (charged|free)$/, ' ok')))
        }
        expect(docs(emu, COLLECTIONS.checkins, { source: 'hr' })).toHaveLength(5)
        expect(docs(emu, COLLECTIONS.audit, { action: 'onBehalf' })).toHaveLength(5)
        expect(quotaView(emu, 'm1_2026-11')).toMatchObject({ used: 2 })
      }
    },
    SEED_TIMEOUT,
  )

  it('a batch racing the member’s own make-up of the same day: exactly one of them holds the day, 6 times over', async () => {
    for (let round = 0; round < 6; round++) {
      loadReviewFixture(emu, [], [], [], {
        attachments: { rule: 'none', maxCount: 3, maxBytes: 1024 * 1024, types: ['jpg'] },
      })
      await setNow(emu, FRIDAY_10)
      const [batch, submit] = await Promise.all([
        call(
          emu,
          'review',
          'batchOnBehalf',
          { ...base, memberIds: ['m1'], days: ['2026-11-24'], batchId: `batch-vs-submit-${round}` },
          HR,
        ),
        call(
          emu,
          'makeup',
          'submit',
          {
            day: '2026-11-24',
            report,
            reason: '忘记打卡',
            attachments: [],
            clientRequestId: `own-${round}-x1`,
          },
          A,
        ),
      ])
      if (!batch.result.ok) throw new Error(batch.result.code)
      const item = batch.result.data.items[0]
      const outcomes = [item.ok ? 'OK' : item.code, submit.result.ok ? 'OK' : submit.result.code]
      expect([
        ['OK', 'DAY_ALREADY_CHECKED'],
        // the member's insert met the entry's claim while the entry's transaction had not yet committed
        ['OK', 'DAY_HAS_OPEN_REQUEST'],
        ['DAY_HAS_OPEN_REQUEST', 'OK'],
      ]).toContainEqual(outcomes)
      const q = quotaView(emu, 'm1_2026-11')
      expect(q.used).toBe(1)
      expect(docs(emu, COLLECTIONS.checkins, { _id: 'm1_2026-11-24' })).toHaveLength(item.ok ? 1 : 0)
      expect(docs(emu, COLLECTIONS.makeups, { memberId: 'm1', day: '2026-11-24' })).toHaveLength(
        item.ok ? 0 : 1,
      )
    }
  })

  describe('refusals of the whole batch change nothing', () => {
    it.each([
      ['a reviewer', REV_DEV, base, 'FORBIDDEN'],
      [
        'more than 50 items',
        HR,
        {
          ...base,
          memberIds: Array.from({ length: 17 }, (_, i) => `m${i}`),
          days: ['2026-11-23', '2026-11-24', '2026-11-25'],
        },
        'BATCH_TOO_LARGE',
      ],
      [
        'a report without what the policy asks',
        HR,
        { ...base, report: { status: 'well' } },
        'FIELD_REQUIRED',
      ],
      [
        'an impossible temperature',
        HR,
        { ...base, report: { ...report, temperature: 45 } },
        'TEMPERATURE_OUT_OF_RANGE',
      ],
      ['no note', HR, { ...base, note: ' ' }, 'INVALID_INPUT'],
      ['no members', HR, { ...base, memberIds: [] }, 'INVALID_INPUT'],
      ['a malformed day', HR, { ...base, days: ['2026-13-40'] }, 'INVALID_INPUT'],
    ] as const)('%s → %s', async (_label, who, input, expected) => {
      const before = snapshot()
      expect(await codeOf(emu, 'review', 'batchPreview', input as never, who)).toBe(expected)
      expect(
        await codeOf(emu, 'review', 'batchOnBehalf', { ...input, batchId: 'batch-0009' } as never, who),
      ).toBe(expected)
      expect(snapshot()).toBe(before)
    })

    it('the run needs a batch id', async () => {
      const before = snapshot()
      expect(await codeOf(emu, 'review', 'batchOnBehalf', base as never, HR)).toBe('INVALID_INPUT')
      expect(snapshot()).toBe(before)
    })
  })
})
