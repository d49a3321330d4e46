// The member's month calendar: one state per day, from their records, requests and grants.
import type { DayState, MonthView } from './contract'
import type { LocalDay } from '../shared'
import { isOpen, type MakeupStatus } from '../makeup'
import { type CompanyCalendar, dayRange, isWorkingDay, localDay, monthBounds } from '../calendar'
import { leaveByDay, type LeaveKind } from '../leave'
import { monthSummary } from './summary'

export interface MonthFacts {
  records: { day: LocalDay; source: 'daily' | 'makeup' | 'hr' }[]
  requests: { day: LocalDay; status: MakeupStatus }[]
  /** days with an open (pending or returned) request, when known without the requests (quota documents) */
  openDays?: LocalDay[]
  /** days with an unused special-handling grant */
  grantedDays: LocalDay[]
  /** days HR recorded as leave, business trip or exempt */
  leave?: { day: LocalDay; kind: LeaveKind }[]
}

export function monthView(
  month: string,
  now: Date,
  joinedOn: LocalDay,
  calendar: CompanyCalendar,
  facts: MonthFacts,
): MonthView {
  const today = localDay(now)
  const { first, last } = monthBounds(month)
  const recordOf = new Map(facts.records.map((r) => [r.day, r.source]))
  // a returned request still holds its day: it is waiting on the employee, not missed
  const openDays = new Set([
    ...facts.requests.filter((r) => isOpen(r.status)).map((r) => r.day),
    ...(facts.openDays ?? []),
  ])
  const granted = new Set(facts.grantedDays)
  const leave = leaveByDay(facts.leave ?? [])
  const stateOf = (day: LocalDay): DayState => {
    const record = recordOf.get(day)
    if (record) return record === 'daily' ? 'checked' : 'madeUp'
    // recorded leave shows ahead too (planned days), on the working days it covers
    const kind = leave.get(day)
    if (kind && day >= joinedOn && isWorkingDay(day, calendar)) return kind
    if (day > today) return 'future'
    if (day < joinedOn) return 'beforeJoin'
    if (openDays.has(day)) return 'pending'
    if (granted.has(day)) return 'granted'
    if (!isWorkingDay(day, calendar)) return 'rest'
    return day === today ? 'open' : 'missed'
  }
  const days = dayRange(first, last).map((day) => ({ day, state: stateOf(day) }))
  return { month, today, days, summary: monthSummary({ month, today, days }) }
}
