// Working days: China's official calendar (the `chinese-days` package, with adjusted workdays) plus company
// holidays, plus an HR-loadable official schedule for years the package does not know yet (its data ends with 2026).
import { isWorkday as officialIsWorkday } from 'chinese-days'
import type { LocalDay } from '../shared'
import { addDays, weekday } from './dates'

/** The last year whose official schedule ships with the installed `chinese-days`. */
export const PACKAGE_LAST_YEAR = 2026

export interface YearSchedule {
  /** official days off that fall on weekdays (or all holiday days; weekends are off anyway) */
  holidays: LocalDay[]
  /** adjusted workdays (调休) that fall on weekends */
  workdays: LocalDay[]
}

export interface CompanyCalendar {
  /** extra company days off */
  companyHolidays: LocalDay[]
  /** official schedules entered by HR, by year ('2027'); a year present here replaces the package's data */
  official: Record<string, YearSchedule>
}

export const EMPTY_CALENDAR: CompanyCalendar = { companyHolidays: [], official: {} }

export function isWorkingDay(day: LocalDay, cal: CompanyCalendar): boolean {
  if (cal.companyHolidays.includes(day)) return false
  const schedule = cal.official[day.slice(0, 4)]
  if (schedule) {
    if (schedule.workdays.includes(day)) return true
    if (schedule.holidays.includes(day)) return false
    return isMondayToFriday(day)
  }
  if (Number(day.slice(0, 4)) > PACKAGE_LAST_YEAR) return isMondayToFriday(day)
  return officialIsWorkday(day)
}

function isMondayToFriday(day: LocalDay): boolean {
  const w = weekday(day)
  return w >= 1 && w <= 5
}

/** Whether the calendar knows the official schedule for the year (else weekends are the only days off). */
export function hasOfficialSchedule(year: number, cal: CompanyCalendar): boolean {
  return year <= PACKAGE_LAST_YEAR || Boolean(cal.official[String(year)])
}

/** The n-th working day after `day` (n = 0 → `day` itself). */
export function nthWorkingDayAfter(day: LocalDay, n: number, cal: CompanyCalendar): LocalDay {
  let d = day
  for (let left = n; left > 0;) {
    d = addDays(d, 1)
    if (isWorkingDay(d, cal)) left--
  }
  return d
}
