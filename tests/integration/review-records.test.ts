// HR corrections of effective records (old and new values kept), records entered on behalf of an employee who
// reported by phone or e-mail, and the audit trail per employee and per request.
import { EJSON } from 'bson'
import type { AuditDoc } from '@core/makeup'
import type { ReviewedCheckin } from '@core/review'
import { COMPANY, FRIDAY_10, call, codeOf, docs, makeupInput, ok, report, setNow, quotaView } from './harness'
import { useEmulator } from './fixture'
import { A, COLLECTIONS, HR, HR2, checkinDoc, loadReviewFixture } from './review-fixture'

jest.setTimeout(120_000)

const emu = useEmulator({
  functions: ['checkin', 'makeup', 'review'],
  files: true,
  data: () => reload(),
  at: FRIDAY_10,
})

const record = (id: string) => docs<ReviewedCheckin>(emu, COLLECTIONS.checkins, { _id: id })[0]
const quota = (memberId: string, cycle = '2026-11') => quotaView(emu, `${memberId}_${cycle}`)
const fever = { ...report, temperature: 37.4, note: '下午复测' }

const reload = () =>
  loadReviewFixture(
    emu,
    [{ memberId: 'm2', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z' }],
    [],
    [checkinDoc('m1', '2026-11-20'), checkinDoc('h1', '2026-11-20')],
  )

describe('review.record', () => {
  it('shows HR the record with every correction, read-only, and logs the view for the member', async () => {
    const day = { memberId: 'm1', day: '2026-11-20' }
    expect(await ok(emu, 'review', 'record', day, HR)).toMatchObject({ source: 'daily', corrections: [] })
    await ok(emu, 'review', 'correct', { ...day, report: fever, note: '员工电话说明体温录错' }, HR)
    const before = EJSON.stringify(docs(emu, COLLECTIONS.checkins, {}))
    const { result, roundTrips } = await call(emu, 'review', 'record', day, HR)
    if (!result.ok) throw new Error(result.code)
    expect(result.data?.report.temperature).toBe(37.4)
    expect(result.data?.corrections).toEqual([
      expect.objectContaining({ by: 'h1', before: report, after: fever, note: '员工电话说明体温录错' }),
    ])
    // the caller, the member and the record in one aggregation, then the access-log entry; nothing else written
    expect(roundTrips).toBe(2)
    expect(EJSON.stringify(docs(emu, COLLECTIONS.checkins, {}))).toBe(before)
    const views = docs<{ subject: string; what: string }>(emu, 'access_log', {
      what: 'checkin:m1_2026-11-20',
    })
    expect(views.map((v) => v.subject)).toEqual(['m1', 'm1'])
  })

  it('answers null for a day without a record, without logging a view', async () => {
    expect(await ok(emu, 'review', 'record', { memberId: 'm1', day: '2026-11-19' }, HR)).toBeNull()
    expect(docs(emu, 'access_log', { what: 'checkin:m1_2026-11-19' })).toHaveLength(0)
  })

  it.each([
    ['an employee', 'm1', A, 'FORBIDDEN'],
    ['HR of another company', 'm1', HR2, 'MEMBER_NOT_FOUND'],
    ['an unknown member', 'nobody', HR, 'MEMBER_NOT_FOUND'],
  ])('refuses %s', async (_what, memberId, who, expected) => {
    expect(await codeOf(emu, 'review', 'record', { memberId, day: '2026-11-20' }, who)).toBe(expected)
    expect(docs(emu, 'access_log', {})).toHaveLength(0)
  })
})

describe('review.correct', () => {
  it('replaces the record’s content and keeps every earlier version on the record; the audit log names the fields', async () => {
    const first = await ok(
      emu,
      'review',
      'correct',
      { memberId: 'm1', day: '2026-11-20', report: fever, note: '员工电话说明体温录错' },
      HR,
    )
    expect(first.report.temperature).toBe(37.4)
    expect(first.corrections).toHaveLength(1)
    expect(first.corrections[0]).toMatchObject({
      by: 'h1',
      before: report,
      after: fever,
      note: '员工电话说明体温录错',
    })
    const second = await ok(
      emu,
      'review',
      'correct',
      { memberId: 'm1', day: '2026-11-20', report: { ...fever, temperature: 36.9 }, note: '再次更正' },
      HR,
    )
    expect(second.corrections.map((c) => [c.before.temperature, c.after.temperature])).toEqual([
      [36.6, 37.4],
      [37.4, 36.9],
    ])
    expect(record('m1_2026-11-20')).toMatchObject({ source: 'daily', report: { temperature: 36.9 } })
    const entries = docs<AuditDoc & { fields?: string[]; before?: unknown }>(emu, COLLECTIONS.audit, {
      action: 'correct',
    })
    // HR's note stays on the record (purged with it), never in the audit log
    expect(entries.map((e) => [e.subjectId, e.to, e.reason])).toEqual([
      ['m1_2026-11-20', 'corrected', ''],
      ['m1_2026-11-20', 'corrected', ''],
    ])
    // the audit log names what changed; the values stay on the record
    expect(entries.map((e) => e.fields)).toEqual([['temperature', 'note'], ['temperature']])
    expect(entries[0].before).toBeUndefined()
  })

  it.each([
    ['a day without a record', { day: '2026-11-19' }, HR, 'RECORD_NOT_FOUND'],
    ['no note', { note: '' }, HR, 'INVALID_INPUT'],
    ['an impossible temperature', { report: { ...report, temperature: 43 } }, HR, 'TEMPERATURE_OUT_OF_RANGE'],
    ['their own record', { memberId: 'h1' }, HR, 'FORBIDDEN'],
    ['HR of another company', {}, HR2, 'MEMBER_NOT_FOUND'],
    ['an employee', {}, A, 'FORBIDDEN'],
    ['a $-operator member id', { memberId: { $gt: '' } }, HR, 'INVALID_INPUT'],
  ])('refuses %s, changing nothing', async (_l, over, who, expected) => {
    const input = { memberId: 'm1', day: '2026-11-20', report: fever, note: '更正', ...over }
    expect(await codeOf(emu, 'review', 'correct', input, who)).toBe(expected)
    expect(record('m1_2026-11-20').report).toEqual(report)
    expect(docs(emu, COLLECTIONS.audit, { action: 'correct' })).toHaveLength(0)
  })
})

describe('review.onBehalf', () => {
  it('enters the day for an employee who reported by phone, marked as such; the calendar shows it', async () => {
    const view = await ok(
      emu,
      'review',
      'onBehalf',
      { memberId: 'm1', day: '2026-11-23', report, channel: 'phone', note: '系统维护期间电话报备' },
      HR,
    )
    expect(view).toMatchObject({
      source: 'hr',
      onBehalf: { by: 'h1', channel: 'phone', note: '系统维护期间电话报备' },
    })
    expect(record('m1_2026-11-23')).toMatchObject({ source: 'hr', onBehalf: { channel: 'phone' } })
    const month = await ok(emu, 'checkin', 'month', { month: '2026-11' }, A)
    expect(month.days.find((d) => d.day === '2026-11-23')?.state).toBe('madeUp')
    expect(docs<AuditDoc>(emu, COLLECTIONS.audit, { action: 'onBehalf' })[0]).toMatchObject({
      memberId: 'm1',
      reason: 'phone',
    })
  })

  it('counts the entry as a make-up: the day is made up on the quota document and one unit is used', async () => {
    expect(quota('m1')).toMatchObject({ used: 0, madeUpDays: [] })
    const view = await ok(
      emu,
      'review',
      'onBehalf',
      { memberId: 'm1', day: '2026-11-23', report, channel: 'phone', note: '电话报备' },
      HR,
    )
    expect(view.onBehalf?.charged).toBe(true)
    expect(quota('m1')).toMatchObject({ used: 1, openDays: [], madeUpDays: ['2026-11-23'] })
    // the employee cannot make the day up again
    const again = await call(emu, 'makeup', 'submit', makeupInput('2026-11-23'), A)
    expect(again.result.ok ? 'OK' : again.result.code).toBe('DAY_ALREADY_CHECKED')
  })

  it('does not charge a day in a maintenance window, nor when HR says so; the choice is on record and audit', async () => {
    emu.store.putDocument(
      COLLECTIONS.maintenance,
      EJSON.serialize({
        _id: 'mw1',
        companyId: COMPANY,
        start: new Date('2026-11-24T01:00:00Z'),
        end: new Date('2026-11-24T05:00:00Z'),
        note: '系统升级',
      }) as never,
    )
    const entry = (day: string, over: object = {}) =>
      ok(
        emu,
        'review',
        'onBehalf',
        { memberId: 'm1', day, report, channel: 'email', note: '报备', ...over },
        HR,
      )
    expect((await entry('2026-11-24')).onBehalf?.charged).toBe(false)
    expect((await entry('2026-11-25', { charged: false })).onBehalf?.charged).toBe(false)
    expect(quota('m1')).toMatchObject({ used: 0, madeUpDays: ['2026-11-24', '2026-11-25'] })
    expect(record('m1_2026-11-25').onBehalf).toMatchObject({ charged: false })
    const reasons = docs<AuditDoc>(emu, COLLECTIONS.audit, { action: 'onBehalf' }).map((e) => e.reason)
    expect(reasons).toEqual(['email（不计入补卡次数）', 'email（不计入补卡次数）'])
  })

  it('refuses a charged entry at the quota cap, writing nothing; a waived one still goes in', async () => {
    const days = ['2026-11-16', '2026-11-17', '2026-11-18']
    for (const day of days)
      await ok(emu, 'review', 'onBehalf', { memberId: 'm1', day, report, channel: 'phone', note: '报备' }, HR)
    expect(quota('m1').used).toBe(3)
    const input = { memberId: 'm1', day: '2026-11-19', report, channel: 'phone', note: '报备' }
    expect(await codeOf(emu, 'review', 'onBehalf', input, HR)).toBe('QUOTA_EXHAUSTED')
    expect(record('m1_2026-11-19')).toBeUndefined()
    expect(quota('m1')).toMatchObject({ used: 3, madeUpDays: days })
    await ok(emu, 'review', 'onBehalf', { ...input, charged: false }, HR)
    expect(quota('m1')).toMatchObject({ used: 3, madeUpDays: [...days, '2026-11-19'] })
  })

  it('races an employee’s make-up of the same day: exactly one of the two wins, 10 times over', async () => {
    for (let round = 0; round < 10; round++) {
      reload()
      await setNow(emu, '2026-11-27T02:00:00Z')
      const [hr, employee] = await Promise.all([
        call(
          emu,
          'review',
          'onBehalf',
          { memberId: 'm1', day: '2026-11-26', report, channel: 'phone', note: '电话报备' },
          HR,
        ),
        call(emu, 'makeup', 'submit', makeupInput('2026-11-26'), A),
      ])
      const outcomes = [hr.result, employee.result].map((r) => (r.ok ? 'OK' : r.code))
      expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1)
      expect(outcomes).toContainEqual(expect.stringMatching(/^(DAY_ALREADY_CHECKED|DAY_HAS_OPEN_REQUEST)$/))
      const q = quota('m1')
      expect(q.used).toBe(1)
      if (hr.result.ok) {
        expect(q).toMatchObject({ openDays: [], madeUpDays: ['2026-11-26'] })
        expect(docs(emu, COLLECTIONS.makeups, { memberId: 'm1', day: '2026-11-26' })).toHaveLength(0)
      } else {
        expect(q.openDays).toEqual(['2026-11-26'])
        expect(record('m1_2026-11-26')).toBeUndefined()
      }
    }
  })

  it.each([
    ['a day that already has a record', { day: '2026-11-20' }, 'DAY_ALREADY_CHECKED'],
    ['a day with an open make-up request', { memberId: 'm2', day: '2026-11-24' }, 'DAY_HAS_OPEN_REQUEST'],
    ['a future day', { day: '2026-11-30' }, 'DAY_IN_FUTURE'],
    ['an unknown channel', { channel: 'fax' }, 'INVALID_INPUT'],
  ])('refuses %s', async (_l, over, expected) => {
    const input = { memberId: 'm1', day: '2026-11-23', report, channel: 'email', note: '邮件报备', ...over }
    const before = docs(emu, COLLECTIONS.checkins).length
    expect(await codeOf(emu, 'review', 'onBehalf', input, HR)).toBe(expected)
    expect(docs(emu, COLLECTIONS.checkins)).toHaveLength(before)
  })
})

describe('HR writes of health data need the member’s consent', () => {
  const correction = { memberId: 'm1', day: '2026-11-20', report: fever, note: '更正' }
  const entry = { memberId: 'm1', day: '2026-11-23', report, channel: 'phone', note: '电话报备' }
  const withoutConsent = (consent: object | null, legalBasis?: string) => {
    const [m1] = docs<Record<string, unknown>>(emu, COLLECTIONS.members, { _id: 'm1' })
    emu.store.putDocument(COLLECTIONS.members, EJSON.serialize({ ...m1, healthConsent: consent }) as never)
    if (legalBasis) {
      const [c1] = docs<Record<string, unknown>>(emu, COLLECTIONS.companies, { _id: COMPANY })
      emu.store.putDocument(
        COLLECTIONS.companies,
        EJSON.serialize({ ...c1, privacy: { legalBasis } }) as never,
      )
    }
  }
  const withdrawn = { version: 1, at: new Date('2026-01-05T02:00:00Z'), withdrawnAt: new Date('2026-11-01') }

  it.each([
    ['never consented', null],
    ['withdrew consent', withdrawn],
    ['consented to an older text', { version: 0, at: new Date('2025-01-01'), withdrawnAt: null }],
  ])('refuses corrections and entries for a member who %s, writing nothing', async (_l, consent) => {
    withoutConsent(consent)
    expect(await codeOf(emu, 'review', 'correct', correction, HR)).toBe('SUBJECT_CONSENT_REQUIRED')
    expect(await codeOf(emu, 'review', 'onBehalf', entry, HR)).toBe('SUBJECT_CONSENT_REQUIRED')
    expect(record('m1_2026-11-20').report).toEqual(report)
    expect(record('m1_2026-11-23')).toBeUndefined()
    expect(quota('m1')).toMatchObject({ used: 0, madeUpDays: [] })
    expect(docs(emu, COLLECTIONS.audit, { action: { $in: ['correct', 'onBehalf'] } })).toHaveLength(0)
  })

  it('allows them when the company processes health data on the HR-management basis', async () => {
    withoutConsent(withdrawn, 'hrManagement')
    expect((await ok(emu, 'review', 'correct', correction, HR)).report).toEqual(fever)
    expect((await ok(emu, 'review', 'onBehalf', entry, HR)).source).toBe('hr')
  })
})

describe('review.audit', () => {
  it('shows one employee’s trail newest first with the actor’s name, paged by cursor', async () => {
    for (let i = 0; i < 32; i++)
      await ok(
        emu,
        'review',
        'correct',
        {
          memberId: 'm1',
          day: '2026-11-20',
          report: { ...report, temperature: 36 + i / 10 },
          note: `第${i}次`,
        },
        HR,
      )
    // the entries hold no note (it stays on the record): they are told apart by time
    const page1 = await ok(emu, 'review', 'audit', { memberId: 'm1' }, HR)
    expect(page1.items).toHaveLength(30)
    expect(page1.items[0]).toMatchObject({ action: 'correct', actor: { id: 'h1', name: '陈思' } })
    const page2 = await ok(emu, 'review', 'audit', { memberId: 'm1', cursor: page1.next! }, HR)
    expect(page2.items).toHaveLength(2)
    expect(page2.next).toBeNull()
    const times = [...page1.items, ...page2.items].map((i) => i.at)
    expect(new Set(times).size).toBe(32)
    expect([...times].sort().reverse()).toEqual(times)
  })

  it('shows one request’s trail, and needs exactly one subject', async () => {
    await ok(emu, 'review', 'decide', { id: 'm2_2026-11-24', decision: 'approve' }, HR)
    const trail = await ok(emu, 'review', 'audit', { requestId: 'm2_2026-11-24' }, HR)
    expect(trail.items.map((i) => `${i.action}:${i.to}`)).toEqual(['approve:approved', 'submit:pending'])
    expect(await codeOf(emu, 'review', 'audit', {}, HR)).toBe('INVALID_INPUT')
    expect(await codeOf(emu, 'review', 'audit', { memberId: 'm1', requestId: 'x' }, HR)).toBe('INVALID_INPUT')
  })
})
