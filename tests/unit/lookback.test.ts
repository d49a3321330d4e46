import { addDays, daysBetween, isWorkingDay, localDay } from '@core/calendar'
import {
  allowedSlots,
  DEFAULT_POLICY,
  EMPTY_FACTS,
  LOOKBACK_DAYS,
  lookbackDays,
  type MemberProfile,
  type Policy,
} from '@core/policy'

// Friday 2026-11-27, 10:00 in Shanghai
const friday = new Date('2026-11-27T02:00:00Z')
const today = localDay(friday)
const member: MemberProfile = {
  companyId: 'c1',
  memberId: 'm1',
  joinedOn: '2025-01-01',
  region: '北京',
  makeupEnabled: true,
  identityBound: false,
  extraVerified: false,
}
const withWindow = (days: number, unit: 'natural' | 'working'): Policy => ({
  ...DEFAULT_POLICY,
  window: { days, unit },
  cutoffDay: null,
  quota: { ...DEFAULT_POLICY.quota, cap: null },
})

describe('allowed days follow the policy window, however long', () => {
  it('never looks back fewer than 31 days; a window adds what maintenance can extend (7 days)', () => {
    expect(lookbackDays(withWindow(3, 'working'), today)).toBe(LOOKBACK_DAYS)
    expect(lookbackDays(withWindow(24, 'natural'), today)).toBe(LOOKBACK_DAYS)
    expect(lookbackDays(withWindow(31, 'natural'), today)).toBe(38)
    expect(lookbackDays(withWindow(90, 'natural'), today)).toBe(97)
    expect(lookbackDays(withWindow(180, 'natural'), today)).toBe(187)
  })

  it('a working-day window is counted back over the company calendar (weekends and holidays skipped)', () => {
    const p = withWindow(60, 'working')
    const back = lookbackDays(p, today)
    // the 60th working day before today, counted by hand
    let d = today
    for (let n = 0; n < 60;) {
      d = addDays(d, -1)
      if (isWorkingDay(d, p.calendar)) n++
    }
    expect(back).toBe(daysBetween(d, today) + 7)
    expect(back).toBeGreaterThan(60 + 7)
  })

  it('lists the oldest days a long window still allows, and none past it', () => {
    const p = withWindow(90, 'natural')
    const view = allowedSlots(member, p, friday, EMPTY_FACTS)
    const days = view.slots.map((s) => s.day).sort()
    // every working day from 90 days ago to yesterday (today's check-in is still open at 10:00)
    const working = Array.from({ length: 90 }, (_, i) => addDays(today, -90 + i)).filter((x) =>
      isWorkingDay(x, p.calendar),
    )
    expect(days).toEqual(working)
    // the working days before it are judged too, and their window has passed
    const passed = view.blocked.filter((b) => b.day < addDays(today, -90)).map((b) => b.code)
    expect(passed.length).toBeGreaterThan(0)
    expect(new Set(passed)).toEqual(new Set(['MAKEUP_WINDOW_PASSED']))
  })
})
