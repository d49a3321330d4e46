// The one date helper. Every company-local date is an Asia/Shanghai calendar day, computed with a fixed +08:00
// offset (China has no DST). The dayjs timezone plugin is deliberately not used: it relies on Intl time zones,
// which are wrong on Android WeChat.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import type { LocalDay } from '../shared'

dayjs.extend(utc)

export const SHANGHAI_OFFSET_MINUTES = 480
const DAY_MS = 86_400_000
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** dayjs in Shanghai local time for an instant. */
export function shanghai(instant: Date | number | string) {
  return dayjs.utc(instant).utcOffset(SHANGHAI_OFFSET_MINUTES)
}

/** The Shanghai calendar day of an instant. */
export function localDay(now: Date | number): LocalDay {
  return shanghai(now).format('YYYY-MM-DD')
}

/** The instant as ISO with the +08:00 offset, e.g. 2026-11-28T23:59:59.999+08:00. */
export function isoShanghai(instant: Date | number): string {
  return shanghai(instant).format('YYYY-MM-DDTHH:mm:ss.SSSZ')
}

/**
 * The years a day or month may name: day arithmetic (next month, a window's end) and its ISO text stay inside
 * four-digit years (9999-12 + 1 month is "+010000-01"), and Date.UTC reads years below 100 as 19xx.
 */
export const YEAR_MIN = 1900
export const YEAR_MAX = 2099
const inYearRange = (year: string) => +year >= YEAR_MIN && +year <= YEAR_MAX

export function isLocalDay(s: string): boolean {
  const m = DAY_RE.exec(s)
  if (!m || !inYearRange(m[1])) return false
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
}

/** Days are handled as UTC midnights internally: pure calendar arithmetic, no offsets involved. */
function toUtcMidnight(day: LocalDay): number {
  const m = DAY_RE.exec(day)
  if (!m) throw new Error(`not a local day: ${day}`)
  return Date.UTC(+m[1], +m[2] - 1, +m[3])
}

function fromUtcMidnight(ms: number): LocalDay {
  return new Date(ms).toISOString().slice(0, 10)
}

export function addDays(day: LocalDay, n: number): LocalDay {
  return fromUtcMidnight(toUtcMidnight(day) + n * DAY_MS)
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: LocalDay, b: LocalDay): number {
  return Math.round((toUtcMidnight(b) - toUtcMidnight(a)) / DAY_MS)
}

/** Inclusive list of days from..to (empty when from > to). */
export function dayRange(from: LocalDay, to: LocalDay): LocalDay[] {
  const out: LocalDay[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: LocalDay): number {
  return new Date(toUtcMidnight(day)).getUTCDay()
}

/** First instant of the Shanghai day. */
export function startOfLocalDay(day: LocalDay): Date {
  return new Date(toUtcMidnight(day) - SHANGHAI_OFFSET_MINUTES * 60_000)
}

/** Last millisecond of the Shanghai day. */
export function endOfLocalDay(day: LocalDay): Date {
  return new Date(startOfLocalDay(addDays(day, 1)).getTime() - 1)
}

/** The instant at HH:mm Shanghai time on a day. */
export function atLocalTime(day: LocalDay, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number)
  return new Date(startOfLocalDay(day).getTime() + (h * 60 + m) * 60_000)
}

export function monthOf(day: LocalDay): string {
  return day.slice(0, 7)
}

/** 'YYYY-MM' → its first and last day. */
export function monthBounds(month: string): { first: LocalDay; last: LocalDay } {
  const first = `${month}-01`
  const [y, m] = month.split('-').map(Number)
  const last = fromUtcMidnight(Date.UTC(y, m, 0))
  return { first, last }
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 + n, 1))
  return d.toISOString().slice(0, 7)
}

export function quarterOf(day: LocalDay): string {
  const month = Number(day.slice(5, 7))
  return `${day.slice(0, 4)}-Q${Math.ceil(month / 3)}`
}

/** The day S of a month, clamped to the month's last day (S = 31 in February → 28/29). */
export function clampedDayOfMonth(month: string, s: number): LocalDay {
  const { last } = monthBounds(month)
  const lastDate = Number(last.slice(8))
  return `${month}-${String(Math.min(s, lastDate)).padStart(2, '0')}`
}

/** Start day of the custom cycle (a month starting on day S) that contains `day`. */
export function customCycleStart(day: LocalDay, startDay: number): LocalDay {
  const thisMonthStart = clampedDayOfMonth(monthOf(day), startDay)
  return day >= thisMonthStart ? thisMonthStart : clampedDayOfMonth(addMonths(monthOf(day), -1), startDay)
}

/** Parses a 'YYYY-MM' month. */
export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s) && inYearRange(s.slice(0, 4))
}
