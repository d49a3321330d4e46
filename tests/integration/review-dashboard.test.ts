// The HR dashboard through the function: today's completion by department, the backlog and its oldest age,
// this month's make-ups by reason, the 30-day trend.
import type { MemberDoc } from '@core/makeup'
import { COMPANY, call, codeOf, docs, ok, setNow } from './harness'
import { useEmulator } from './fixture'
import { COLLECTIONS, HR, REV_DEV, checkinDoc, loadReviewFixture } from './review-fixture'

jest.setTimeout(120_000)

const emu = useEmulator({ functions: ['checkin', 'makeup', 'review', 'admin'] })

it('sums what HR needs at a glance', async () => {
  loadReviewFixture(
    emu,
    [
      { memberId: 'm1', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z', reasonKind: 'network' },
      { memberId: 'm2', day: '2026-11-24', submittedAt: '2026-11-25T02:00:00Z', reasonKind: 'network' },
      { memberId: 'o1', day: '2026-11-25', submittedAt: '2026-11-26T02:00:00Z' },
    ],
    [],
    [checkinDoc('m1', '2026-11-26'), checkinDoc('m1', '2026-11-27'), checkinDoc('r2', '2026-11-27')],
  )
  // Friday 2026-11-27 10:00 in Shanghai
  await setNow(emu, '2026-11-27T02:00:00Z')
  const d = await ok(emu, 'review', 'dashboard', {}, HR)
  expect(d.today).toBe('2026-11-27')
  expect(d.depts).toEqual([
    { dept: '人力资源部', members: 1, checked: 0 },
    { dept: '市场部', members: 1, checked: 1 },
    { dept: '研发部', members: 4, checked: 1 },
    { dept: '运维部', members: 1, checked: 0 },
  ])
  expect(d.pending).toEqual({
    count: 3,
    // pending past the company's review reminder (24 h by default): the last one exactly at it
    overdue: 3,
    oldestSubmittedAt: '2026-11-25T09:00:00.000+08:00',
    oldestAgeHours: 49,
  })
  // by category, most first; a request stored before categories counts as 'other'
  expect(d.reasons).toEqual([
    { reason: 'network', count: 2 },
    { reason: 'other', count: 1 },
  ])
  expect(d.trend).toHaveLength(30)
  expect(d.trend[0].day).toBe('2026-10-29')
  expect(d.trend.slice(-4)).toEqual([
    { day: '2026-11-24', checkins: 0, makeups: 2 },
    { day: '2026-11-25', checkins: 0, makeups: 1 },
    { day: '2026-11-26', checkins: 1, makeups: 0 },
    { day: '2026-11-27', checkins: 2, makeups: 0 },
  ])
})

it('counts as overdue only what waits longer than the review reminder', async () => {
  loadReviewFixture(
    emu,
    [
      { memberId: 'm1', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z' },
      { memberId: 'm2', day: '2026-11-25', submittedAt: '2026-11-26T02:00:00Z' },
    ],
    [],
    [],
  )
  await setNow(emu, '2026-11-27T01:30:00Z')
  expect((await ok(emu, 'review', 'dashboard', {}, HR)).pending).toMatchObject({ count: 2, overdue: 1 })
})

describe('who has not checked in today, and one tap to remind them', () => {
  const DAY = '2026-11-27'
  const dev = () =>
    docs<MemberDoc>(emu, COLLECTIONS.members, {
      companyId: COMPANY,
      dept: '研发部',
      status: 'active',
    }).filter((m) => m.joinedOn <= DAY)
  const reminders = () =>
    docs<{ _id: string; memberId: string; status: string }>(emu, 'outbox', { kind: 'checkinReminder' })

  beforeEach(async () => {
    loadReviewFixture(emu, [], [], [checkinDoc('m1', DAY)])
    await setNow(emu, '2026-11-27T02:00:00Z')
  })

  it('lists the department’s members without today’s record, and whether a reminder can reach them', async () => {
    const { result, roundTrips } = await call(emu, 'review', 'notCheckedIn', { dept: '研发部' }, HR)
    if (!result.ok) throw new Error(result.code)
    const expected = dev().filter((m) => m._id !== 'm1')
    expect(result.data.day).toBe(DAY)
    expect(result.data.members.map((m) => m.id).sort()).toEqual(expected.map((m) => m._id).sort())
    expect(result.data.members.find((m) => m.id === 'r1')).toMatchObject({ name: '李明', bound: true })
    // the caller, then the department with each member's day joined
    expect(roundTrips).toBe(2)
  })

  it('leaves out a member on leave today (no check-in needed): not listed, not reminded', async () => {
    await ok(emu, 'admin', 'recordLeave', { memberId: 'm2', kind: 'leave', from: DAY, to: DAY }, HR)
    const view = await ok(emu, 'review', 'notCheckedIn', { dept: '研发部' }, HR)
    expect(view.members.map((m) => m.id)).not.toContain('m2')
    await ok(emu, 'review', 'remindCheckin', { dept: '研发部' }, HR)
    expect(reminders().map((r) => r.memberId)).not.toContain('m2')
  })

  it('queues one reminder per bound member, once a day however often HR taps (also at once)', async () => {
    const missing = dev().filter((m) => m._id !== 'm1')
    const bound = missing.filter((m) => m.openid)
    const taps = await Promise.all(
      [1, 2, 3].map(() => ok(emu, 'review', 'remindCheckin', { dept: '研发部' }, HR)),
    )
    expect(taps.reduce((n, t) => n + t.queued, 0)).toBe(bound.length)
    for (const t of taps) expect(t).toMatchObject({ unbound: missing.length - bound.length })
    expect(
      reminders()
        .map((r) => r.memberId)
        .sort(),
    ).toEqual(bound.map((m) => m._id).sort())
    // the daily reminder's key: the timer will not remind them a second time today
    expect(
      reminders()
        .map((r) => r._id)
        .sort(),
    ).toEqual(bound.map((m) => `checkinReminder_${m._id}_${DAY}`).sort())
    const again = await ok(emu, 'review', 'remindCheckin', { dept: '研发部' }, HR)
    expect(again).toMatchObject({ queued: 0, alreadyReminded: bound.length })
  })

  it('is for HR admins only, and changes nothing when refused', async () => {
    expect(await codeOf(emu, 'review', 'remindCheckin', { dept: '研发部' }, REV_DEV)).toBe('FORBIDDEN')
    expect(reminders()).toHaveLength(0)
  })
})
