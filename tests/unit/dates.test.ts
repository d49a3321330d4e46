import fc from 'fast-check'
import {
  addDays,
  addMonths,
  atLocalTime,
  customCycleStart,
  dayRange,
  daysBetween,
  endOfLocalDay,
  isLocalDay,
  isoShanghai,
  localDay,
  monthBounds,
  quarterOf,
  startOfLocalDay,
  weekday,
} from '@core/calendar'

const instant = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2099-12-31T00:00:00Z'),
  noInvalidDate: true,
})
const day = instant.map((d) => d.toISOString().slice(0, 10))

describe('localDay: Asia/Shanghai whatever the server clock', () => {
  it.each([
    ['2026-11-28T15:59:59.999Z', '2026-11-28'],
    ['2026-11-28T16:00:00.000Z', '2026-11-29'],
    ['2026-11-28T23:59:59.999Z', '2026-11-29'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2026-03-31T16:30:00.000Z', '2026-04-01'],
    ['2026-02-28T17:00:00.000Z', '2026-03-01'],
  ])('%s is %s in Shanghai', (iso, expected) => {
    expect(localDay(new Date(iso))).toBe(expected)
  })

  it('is the UTC date of the instant plus eight hours, for any instant', () => {
    fc.assert(
      fc.property(
        instant,
        (d) => localDay(d) === new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
      ),
    )
  })

  it('formats instants as Shanghai wall-clock time with +08:00', () => {
    const d = new Date('2026-11-28T20:00:00Z')
    expect(isoShanghai(d)).toBe('2026-11-29T04:00:00.000+08:00')
  })
})

describe('day arithmetic', () => {
  it('addDays and daysBetween are inverse', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (d, n) => daysBetween(d, addDays(d, n)) === n),
    )
  })

  it('startOfLocalDay/endOfLocalDay bound exactly the instants of that day', () => {
    fc.assert(
      fc.property(day, (d) => {
        const s = startOfLocalDay(d)
        const e = endOfLocalDay(d)
        return (
          localDay(s) === d &&
          localDay(e) === d &&
          localDay(new Date(s.getTime() - 1)) === addDays(d, -1) &&
          localDay(new Date(e.getTime() + 1)) === addDays(d, 1)
        )
      }),
    )
  })

  it('atLocalTime is Shanghai wall-clock time', () => {
    expect(atLocalTime('2026-11-28', '10:00').toISOString()).toBe('2026-11-28T02:00:00.000Z')
  })

  it('dayRange is inclusive and empty when reversed', () => {
    expect(dayRange('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ])
    expect(dayRange('2026-03-02', '2026-03-01')).toEqual([])
  })

  it('weekday: 2026-11-28 is a Saturday', () => {
    expect(weekday('2026-11-28')).toBe(6)
  })

  it('validates days', () => {
    expect(isLocalDay('2026-02-29')).toBe(false)
    expect(isLocalDay('2028-02-29')).toBe(true)
    expect(isLocalDay('2026-13-01')).toBe(false)
    expect(isLocalDay('2026-1-01')).toBe(false)
  })
})

describe('cycles', () => {
  it('months and quarters', () => {
    expect(monthBounds('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' })
    expect(monthBounds('2028-02').last).toBe('2028-02-29')
    expect(addMonths('2026-12', 1)).toBe('2027-01')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(quarterOf('2026-03-31')).toBe('2026-Q1')
    expect(quarterOf('2026-04-01')).toBe('2026-Q2')
    expect(quarterOf('2026-12-31')).toBe('2026-Q4')
  })

  it('custom cycles start on day S, clamped to short months', () => {
    expect(customCycleStart('2026-11-05', 5)).toBe('2026-11-05')
    expect(customCycleStart('2026-11-04', 5)).toBe('2026-10-05')
    expect(customCycleStart('2026-03-01', 31)).toBe('2026-02-28')
    expect(customCycleStart('2026-02-28', 31)).toBe('2026-02-28')
    expect(customCycleStart('2026-02-27', 31)).toBe('2026-01-31')
  })

  it('a custom cycle start is never after the day and less than a month before it', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 31 }), (d, s) => {
        const start = customCycleStart(d, s)
        return start <= d && daysBetween(start, d) < 31
      }),
    )
  })
})
