// Leave import: a sheet of 工号, 类型 (请假 / 出差 / 免打卡), 开始日期, 结束日期, validated row by row like the member
// import (line number, employee number when readable, catalogued code, field). Members are matched by the function.
import type { CsvRecord } from './csv'
import type { RowError } from './import'
import { DomainError, type ErrorCode, type LocalDay } from '../shared'
import { isLocalDay } from '../calendar'
import { leaveKindOf, leaveRange, type LeaveKind } from '../leave'

export interface LeaveImportRow {
  line: number
  employeeNo: string
  kind: LeaveKind
  from: LocalDay
  to: LocalDay
}

type LeaveColumn = 'employeeNo' | 'kind' | 'from' | 'to'

const HEADERS: Record<string, LeaveColumn> = {
  工号: 'employeeNo',
  员工编号: 'employeeNo',
  employeeno: 'employeeNo',
  类型: 'kind',
  类别: 'kind',
  kind: 'kind',
  开始日期: 'from',
  开始: 'from',
  from: 'from',
  结束日期: 'to',
  结束: 'to',
  to: 'to',
}
const REQUIRED: LeaveColumn[] = ['employeeNo', 'kind', 'from', 'to']
export const MAX_LEAVE_IMPORT_ROWS = 2000
/** days one import may write (each a document): larger sheets are split by the sender */
export const MAX_LEAVE_IMPORT_DAYS = 3000
const EMPLOYEE_NO = /^[A-Za-z0-9-]{1,20}$/

const dayCell = (s: string) => s.trim().replace(/\//g, '-')

export function validateLeaveRows(records: CsvRecord[]): { valid: LeaveImportRow[]; errors: RowError[] } {
  if (records.length === 0) throw new DomainError('IMPORT_FILE_INVALID', 'empty file')
  if (records.length - 1 > MAX_LEAVE_IMPORT_ROWS)
    throw new DomainError('IMPORT_FILE_INVALID', 'too many rows')
  if (records[0].malformed) throw new DomainError('IMPORT_FILE_INVALID', 'malformed header')
  const cols = records[0].cells.map((h) => {
    const t = h.trim().replace(/^\uFEFF/, '')
    return HEADERS[t] ?? HEADERS[t.toLowerCase()] ?? null
  })
  const missing = REQUIRED.filter((c) => !cols.includes(c))
  if (missing.length > 0)
    throw new DomainError('IMPORT_FILE_INVALID', `missing columns: ${missing.join(', ')}`)
  const valid: LeaveImportRow[] = []
  const errors: RowError[] = []
  records.slice(1).forEach(({ cells, malformed }, i) => {
    const line = i + 2
    if (cells.every((c) => c.trim() === '')) return
    const get = (c: LeaveColumn) => (cells[cols.indexOf(c)] ?? '').trim()
    const employeeNo = get('employeeNo')
    const fail = (code: ErrorCode, field: LeaveColumn | null) =>
      errors.push({ line, employeeNo: EMPLOYEE_NO.test(employeeNo) ? employeeNo : null, code, field })
    if (malformed || cells.length !== cols.length) return fail('IMPORT_ROW_MALFORMED', null)
    if (!EMPLOYEE_NO.test(employeeNo)) return fail('IMPORT_ROW_INVALID', 'employeeNo')
    const kind = leaveKindOf(get('kind'))
    if (!kind) return fail('IMPORT_ROW_INVALID', 'kind')
    const from = dayCell(get('from'))
    if (!isLocalDay(from)) return fail('IMPORT_ROW_INVALID', 'from')
    const to = dayCell(get('to'))
    if (!isLocalDay(to)) return fail('IMPORT_ROW_INVALID', 'to')
    try {
      leaveRange(from, to)
    } catch {
      return fail('LEAVE_RANGE_INVALID', 'to')
    }
    valid.push({ line, employeeNo, kind, from, to })
  })
  return { valid, errors }
}
