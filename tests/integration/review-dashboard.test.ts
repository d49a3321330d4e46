// The HR dashboard through the function: today's completion by department, the backlog and its oldest age,
// this month's make-ups by reason, the 30-day trend.
import { ok, setNow } from './harness'
import { useEmulator } from './fixture'
import { HR, checkinDoc, loadReviewFixture } from './review-fixture'

jest.setTimeout(120_000)

const emu = useEmulator({ functions: ['checkin', 'makeup', 'review'] })

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
