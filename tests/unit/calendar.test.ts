import { hasOfficialSchedule, isWorkingDay, nthWorkingDayAfter, EMPTY_CALENDAR } from '@core/calendar'

describe('working days: China official calendar 2026', () => {
  it.each([
    ['2026-10-01', false], // National Day
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true], // adjusted workday (Saturday)
    ['2026-09-20', true], // adjusted workday (Sunday)
    ['2026-02-14', true], // adjusted workday before Spring Festival
    ['2026-02-17', false], // Spring Festival
    ['2026-02-28', true], // adjusted workday after Spring Festival
    ['2026-05-01', false],
    ['2026-05-09', true],
    ['2026-11-28', false], // ordinary Saturday
    ['2026-11-27', true],
  ])('%s working: %s', (day, expected) => {
    expect(isWorkingDay(day, EMPTY_CALENDAR)).toBe(expected)
  })

  it('company holidays are days off', () => {
    expect(isWorkingDay('2026-11-27', { companyHolidays: ['2026-11-27'], official: {} })).toBe(false)
  })

  it('years after the package data fall back to weekends until HR loads the official schedule', () => {
    expect(hasOfficialSchedule(2027, EMPTY_CALENDAR)).toBe(false)
    expect(isWorkingDay('2027-01-01', EMPTY_CALENDAR)).toBe(true) // Friday, unknown holiday
    const cal = {
      companyHolidays: [],
      official: { '2027': { holidays: ['2027-01-01'], workdays: ['2027-01-09'] } },
    }
    expect(hasOfficialSchedule(2027, cal)).toBe(true)
    expect(isWorkingDay('2027-01-01', cal)).toBe(false)
    expect(isWorkingDay('2027-01-09', cal)).toBe(true) // Saturday made a workday
    expect(isWorkingDay('2027-01-10', cal)).toBe(false)
  })

  it('an HR-entered schedule for a known year replaces the package data', () => {
    const cal = { companyHolidays: [], official: { '2026': { holidays: [], workdays: [] } } }
    expect(isWorkingDay('2026-10-01', cal)).toBe(true) // Thursday, no holiday in that schedule
  })

  it('nthWorkingDayAfter skips the National Day holiday', () => {
    expect(nthWorkingDayAfter('2026-09-30', 0, EMPTY_CALENDAR)).toBe('2026-09-30')
    expect(nthWorkingDayAfter('2026-09-30', 1, EMPTY_CALENDAR)).toBe('2026-10-08')
    expect(nthWorkingDayAfter('2026-09-30', 3, EMPTY_CALENDAR)).toBe('2026-10-10')
    expect(nthWorkingDayAfter('2026-11-27', 1, EMPTY_CALENDAR)).toBe('2026-11-30')
  })
})
