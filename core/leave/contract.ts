// What HR reads and writes about leave-aware days (the `admin` function's leave actions).
import type { ErrorCode, LocalDay } from '../shared'
import type { LeaveKind } from './leave'

export interface LeaveEntryView {
  memberId: string
  kind: LeaveKind
  from: LocalDay
  to: LocalDay
  /** days written (every natural day of the range) */
  days: number
}

export interface LeaveDayView {
  day: LocalDay
  kind: LeaveKind
}

export interface LeaveImportView {
  /** data rows read, rows written, days written */
  total: number
  recorded: number
  days: number
  /** rows refused, in file order: line number (header = 1), employee number when readable, code, field */
  errors: { line: number; employeeNo: string | null; code: ErrorCode; field: string | null }[]
}
