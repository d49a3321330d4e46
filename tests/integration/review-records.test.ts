// HR corrections of effective records (old and new values kept), records entered on behalf of an employee who
// reported by phone or e-mail, and the audit trail per employee and per request.
import type { Emulator } from '../../emulator'
import type { AuditDoc } from '@core/records'
import type { ReviewedCheckin } from '@core/review'
import { codeOf, docs, ok, report, setNow, startFunctionsEmulator } from './harness'
import { A, COLLECTIONS, HR, HR2, checkinDoc, loadReviewFixture } from './review-fixture'

jest.setTimeout(120_000)

let emu: Emulator
beforeAll(async () => {
  emu = await startFunctionsEmulator()
}, 60_000)
afterAll(() => emu?.close())

const record = (id: string) => docs<ReviewedCheckin>(emu, COLLECTIONS.checkins, { _id: id })[0]
const fever = { ...report, temperature: 37.4, note: '下午复测' }

beforeEach(async () => {
  loadReviewFixture(
    emu,
    [{ memberId: 'm2', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z' }],
    [],
    [checkinDoc('m1', '2026-11-20'), checkinDoc('h1', '2026-11-20')],
  )
  await setNow(emu, '2026-11-27T02:00:00Z')
})

describe('review.correct', () => {
  it('replaces the record’s content and keeps every earlier version, on the record and in the audit log', async () => {
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
    expect(entries.map((e) => [e.subjectId, e.to, e.reason])).toEqual([
      ['m1_2026-11-20', 'corrected', '员工电话说明体温录错'],
      ['m1_2026-11-20', 'corrected', '再次更正'],
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
      reason: 'phone: 系统维护期间电话报备',
    })
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
    const page1 = await ok(emu, 'review', 'audit', { memberId: 'm1' }, HR)
    expect(page1.items).toHaveLength(30)
    expect(page1.items[0]).toMatchObject({
      action: 'correct',
      reason: '第31次',
      actor: { id: 'h1', name: '陈思' },
    })
    const page2 = await ok(emu, 'review', 'audit', { memberId: 'm1', cursor: page1.next! }, HR)
    expect(page2.items.map((i) => i.reason)).toEqual(['第1次', '第0次'])
    expect(page2.next).toBeNull()
  })

  it('shows one request’s trail, and needs exactly one subject', async () => {
    await ok(emu, 'review', 'decide', { id: 'm2_2026-11-24', decision: 'approve' }, HR)
    const trail = await ok(emu, 'review', 'audit', { requestId: 'm2_2026-11-24' }, HR)
    expect(trail.items.map((i) => `${i.action}:${i.to}`)).toEqual(['approve:approved', 'submit:pending'])
    expect(await codeOf(emu, 'review', 'audit', {}, HR)).toBe('INVALID_INPUT')
    expect(await codeOf(emu, 'review', 'audit', { memberId: 'm1', requestId: 'x' }, HR)).toBe('INVALID_INPUT')
  })
})
