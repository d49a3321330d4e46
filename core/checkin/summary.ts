// The monthly report's numbers, computed from the member's month calendar and nothing else: the employee's calendar,
// HR's report page and the export all call this on the same calendar, so they cannot disagree.
import type { DayState, MonthSummary, MonthView } from './contract'

const BUCKET: Partial<Record<DayState, Exclude<keyof MonthSummary, 'month' | 'onLeave' | 'makeupsUsed'>>> = {
  checked: 'checked',
  madeUp: 'madeUp',
  missed: 'missed',
  // a granted day is still missed until it is made up
  granted: 'missed',
  leave: 'leave',
  trip: 'trip',
  exempt: 'exempt',
  pending: 'pending',
  open: 'open',
}

export function monthSummary(view: Pick<MonthView, 'month' | 'today' | 'days'>): MonthSummary {
  const s: MonthSummary = {
    month: view.month,
    checked: 0,
    madeUp: 0,
    missed: 0,
    onLeave: 0,
    leave: 0,
    trip: 0,
    exempt: 0,
    pending: 0,
    open: 0,
    makeupsUsed: 0,
  }
  for (const { day, state } of view.days) {
    // leave recorded ahead shows on the calendar but is not counted before its day comes
    const bucket = day <= view.today ? BUCKET[state] : undefined
    if (bucket) s[bucket] += 1
  }
  s.onLeave = s.leave + s.trip + s.exempt
  s.makeupsUsed = s.madeUp + s.pending
  return s
}
