// The monthly report's numbers agree with the calendar they come from: every working day of the month from joining
// until today falls in exactly one bucket, records and leave are counted where they are, and the derived numbers
// (on leave, make-ups used) are the sums they claim to be.
import fc from 'fast-check'
import { dayRange, EMPTY_CALENDAR, isWorkingDay, localDay, monthBounds } from '@core/calendar'
import { monthSummary, monthView, type DayState } from '@core/checkin'
import { LEAVE_KINDS } from '@core/leave'

const MONTHS = ['2026-02', '2026-05', '2026-10', '2026-11', '2026-12']

const arbCase = fc.constantFrom(...MONTHS).chain((month) => {
  const days = dayRange(monthBounds(month).first, monthBounds(month).last)
  const anyDay = fc.constantFrom(...days)
  return fc.record({
    month: fc.constant(month),
    // now: any hour of any day of the month, or well after it
    now: fc.oneof(
      fc
        .tuple(anyDay, fc.integer({ min: 0, max: 23 }))
        .map(([d, h]) => new Date(`${d}T00:00:00+08:00`).getTime() + h * 3600_000),
      fc.constant(new Date(`${monthBounds(month).last}T12:00:00+08:00`).getTime() + 40 * 86400_000),
    ),
    joinedOn: fc.oneof(anyDay, fc.constant('2025-06-01')),
    records: fc.uniqueArray(fc.record({ day: anyDay, source: fc.constantFrom('daily', 'makeup', 'hr') }), {
      selector: (r) => r.day,
      maxLength: 20,
    }),
    openDays: fc.uniqueArray(anyDay, { maxLength: 6 }),
    grantedDays: fc.uniqueArray(anyDay, { maxLength: 4 }),
    leave: fc.uniqueArray(fc.record({ day: anyDay, kind: fc.constantFrom(...LEAVE_KINDS) }), {
      selector: (r) => r.day,
      maxLength: 12,
    }),
  })
})

describe('monthSummary agrees with the month calendar', () => {
  it('counts every working day from joining until today exactly once, and each record where it is', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const now = new Date(c.now)
        const today = localDay(now)
        const working = (d: string) => isWorkingDay(d, EMPTY_CALENDAR)
        // open requests and grants exist only for working days (a rest day cannot be made up)
        const openDays = c.openDays.filter(working)
        const view = monthView(c.month, now, c.joinedOn, EMPTY_CALENDAR, {
          records: c.records as { day: string; source: 'daily' | 'makeup' | 'hr' }[],
          requests: [],
          openDays,
          // a grant is for a past day
          grantedDays: c.grantedDays.filter((d) => working(d) && d < today),
          leave: c.leave,
        })
        const s = view.summary
        expect(s).toEqual(monthSummary(view))

        const past = view.days.map((d) => d.day).filter((d) => d <= today)
        const recorded = new Map(c.records.filter((r) => r.day <= today).map((r) => [r.day, r.source]))
        const span = past.filter((d) => d >= c.joinedOn && working(d))
        const buckets = s.checked + s.madeUp + s.missed + s.leave + s.trip + s.exempt + s.pending + s.open
        // working days since joining, plus the records outside them (a check-in on a rest day counts)
        expect(buckets).toBe(span.length + [...recorded.keys()].filter((d) => !span.includes(d)).length)
        expect(s.checked).toBe([...recorded.values()].filter((v) => v === 'daily').length)
        expect(s.madeUp).toBe([...recorded.values()].filter((v) => v !== 'daily').length)
        const away = span.filter((d) => !recorded.has(d) && c.leave.some((l) => l.day === d))
        expect(s.onLeave).toBe(away.length)
        expect(s.onLeave).toBe(s.leave + s.trip + s.exempt)
        const waiting = span.filter((d) => !recorded.has(d) && !away.includes(d) && openDays.includes(d))
        expect(s.pending).toBe(waiting.length)
        expect(s.open).toBe(
          span.includes(today) && !recorded.has(today) && !away.includes(today) && !waiting.includes(today)
            ? 1
            : 0,
        )
        expect(s.makeupsUsed).toBe(s.madeUp + s.pending)
        // and each bucket is exactly the calendar's days in that state (granted days are still missed)
        const counted = (...states: DayState[]) =>
          view.days.filter((d) => d.day <= today && states.includes(d.state)).length
        expect(s.missed).toBe(counted('missed', 'granted'))
        expect([s.leave, s.trip, s.exempt]).toEqual([counted('leave'), counted('trip'), counted('exempt')])
        expect(s.checked).toBe(counted('checked'))
      }),
      { numRuns: 300 },
    )
  })
})
