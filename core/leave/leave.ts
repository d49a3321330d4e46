// Leave-aware days: HR records leave (请假), business trips (出差) and exempt days (免打卡) for a member. Such a
// working day is neither missed nor reminded, calendars show its kind, and a make-up of it is refused before any
// write. One document per member and day (`<memberId>_<day>`, like check-ins), so the member's facts read them by
// id in the aggregation they already run, and recording a range twice is harmless. No free text is stored: the kind
// is the category (a note could carry health details).
import { DomainError, type LocalDay } from '../shared'
import { dayRange, daysBetween, isLocalDay } from '../calendar'

export const LEAVE_KINDS = ['leave', 'trip', 'exempt'] as const
export type LeaveKind = (typeof LEAVE_KINDS)[number]

export const LEAVE_LABELS: Record<LeaveKind, string> = { leave: '请假', trip: '出差', exempt: '免打卡' }

export const LEAVE_COLLECTION = 'leaves'

/** The longest range one entry may cover (natural days, both ends included). */
export const MAX_LEAVE_DAYS = 62

export interface LeaveDoc {
  _id: string
  companyId: string
  memberId: string
  day: LocalDay
  kind: LeaveKind
  /** the entry (form or import row) that recorded it: a range is removed or audited as one */
  entryId: string
  /** the HR admin who recorded it */
  by: string
  at: Date
}

/** `<memberId>_<day>`: the separator of every per-member-and-day id (core/makeup MEMBER_ID_SEPARATOR). */
export const leaveDocId = (memberId: string, day: LocalDay) => `${memberId}_${day}`

/** The days of a range HR enters, or LEAVE_RANGE_INVALID (reversed, malformed or longer than MAX_LEAVE_DAYS). */
export function leaveRange(from: LocalDay, to: LocalDay): LocalDay[] {
  if (!isLocalDay(from) || !isLocalDay(to) || to < from || daysBetween(from, to) + 1 > MAX_LEAVE_DAYS)
    throw new DomainError('LEAVE_RANGE_INVALID', `${from}~${to}`)
  return dayRange(from, to)
}

const KIND_NAMES: Record<string, LeaveKind> = {
  请假: 'leave',
  休假: 'leave',
  leave: 'leave',
  出差: 'trip',
  公出: 'trip',
  trip: 'trip',
  免打卡: 'exempt',
  exempt: 'exempt',
}

/** A kind as a sheet or a person writes it ('请假', 'trip', …), or null. */
export function leaveKindOf(cell: string): LeaveKind | null {
  const t = cell.trim()
  return KIND_NAMES[t] ?? KIND_NAMES[t.toLowerCase()] ?? null
}

/** day → kind, for the days given (a later entry of the same day wins, as its document does). */
export function leaveByDay(docs: { day: LocalDay; kind: LeaveKind }[]): Map<LocalDay, LeaveKind> {
  return new Map(docs.map((d) => [d.day, d.kind]))
}
