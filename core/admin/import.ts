// Member import: a parsed sheet (header record + data records, all strings) validated row by row. Every bad row is
// reported with its line number, the employee number when readable, a catalogued code and the field; good rows
// become ImportRows that the function upserts by employee number (so importing the same file twice is harmless).
import type { CsvRecord } from './csv'
import { DomainError, type ErrorCode, isPlainText, type LocalDay, type Role } from '../shared'
import { isLocalDay } from '../calendar'

export interface ImportRow {
  /** line in the file (the header is line 1) */
  line: number
  employeeNo: string
  name: string
  dept: string
  region: string
  roles: Role[]
  joinedOn: LocalDay | null
  /** mainland mobile number from the roster, only until the function hashes it (never stored in clear) */
  phone: string | null
}

export interface RowError {
  line: number
  employeeNo: string | null
  code: ErrorCode
  field: string | null
}

export type Column = 'employeeNo' | 'name' | 'dept' | 'region' | 'roles' | 'joinedOn' | 'phone'

const HEADERS: Record<string, Column> = {
  工号: 'employeeNo',
  员工编号: 'employeeNo',
  employeeno: 'employeeNo',
  姓名: 'name',
  name: 'name',
  部门: 'dept',
  dept: 'dept',
  department: 'dept',
  地区: 'region',
  region: 'region',
  角色: 'roles',
  roles: 'roles',
  入职日期: 'joinedOn',
  joinedon: 'joinedOn',
  手机号: 'phone',
  手机: 'phone',
  phone: 'phone',
}
const REQUIRED: Column[] = ['employeeNo', 'name', 'dept', 'region']

const ROLE_NAMES: Record<string, Role> = {
  employee: 'employee',
  员工: 'employee',
  reviewer: 'reviewer',
  审核人: 'reviewer',
  hr: 'hr',
  HR: 'hr',
  hr管理员: 'hr',
  HR管理员: 'hr',
}

export const MAX_IMPORT_ROWS = 20_000
const EMPLOYEE_NO = /^[A-Za-z0-9-]{1,20}$/

/** Maps the header row to columns; refuses a file without the required ones. */
export function columnsOf(header: string[]): (Column | null)[] {
  const cols = header.map(
    (h) =>
      HEADERS[
        h
          .trim()
          .replace(/^\uFEFF/, '')
          .toLowerCase()
      ] ??
      HEADERS[h.trim()] ??
      null,
  )
  const missing = REQUIRED.filter((c) => !cols.includes(c))
  if (missing.length > 0)
    throw new DomainError('IMPORT_FILE_INVALID', `missing columns: ${missing.join(', ')}`)
  return cols
}

function parseRoles(cell: string): Role[] | null {
  const parts = cell
    .split(/[;；,，、|/\s]+/)
    .map((p) => p.trim())
    .filter(Boolean)
  if (parts.length === 0) return ['employee']
  const roles = parts.map((p) => ROLE_NAMES[p] ?? ROLE_NAMES[p.toLowerCase()])
  if (roles.some((r) => !r)) return null
  const set = new Set<Role>(['employee', ...roles])
  return [...set]
}

/** '138 0013 8000', '+86-13800138000' → '13800138000'; '' → null (no number); anything else → undefined */
export function normalisePhone(cell: string): string | null | undefined {
  const digits = cell.replace(/[\s-]/g, '').replace(/^\+?86/, '')
  if (digits === '') return null
  return /^1\d{10}$/.test(digits) ? digits : undefined
}

const fieldText = (s: string, max: number) => s.length >= 1 && s.length <= max && isPlainText(s)

/**
 * Validates every data row. `knownDepts` null means the company keeps no department list (any name goes);
 * duplicates within the file are refused after their first occurrence.
 */
export function validateRows(
  records: CsvRecord[],
  knownDepts: Set<string> | null,
): { valid: ImportRow[]; errors: RowError[] } {
  if (records.length === 0) throw new DomainError('IMPORT_FILE_INVALID', 'empty file')
  if (records.length - 1 > MAX_IMPORT_ROWS) throw new DomainError('IMPORT_FILE_INVALID', 'too many rows')
  if (records[0].malformed) throw new DomainError('IMPORT_FILE_INVALID', 'malformed header')
  const cols = columnsOf(records[0].cells)
  const valid: ImportRow[] = []
  const errors: RowError[] = []
  const seen = new Set<string>()
  records.slice(1).forEach(({ cells, malformed }, i) => {
    const line = i + 2
    if (cells.every((c) => c.trim() === '')) return // blank lines are not rows
    const get = (c: Column) => (cells[cols.indexOf(c)] ?? '').trim()
    const employeeNo = get('employeeNo')
    const fail = (code: ErrorCode, field: Column | null) =>
      errors.push({ line, employeeNo: EMPLOYEE_NO.test(employeeNo) ? employeeNo : null, code, field })
    if (malformed || cells.length !== cols.length) return fail('IMPORT_ROW_MALFORMED', null)
    if (!EMPLOYEE_NO.test(employeeNo)) return fail('IMPORT_ROW_INVALID', 'employeeNo')
    // the same rules as the forms' (core/admin/schemas.ts): a file is no back door around them
    const name = get('name')
    if (!fieldText(name, 20)) return fail('IMPORT_ROW_INVALID', 'name')
    const dept = get('dept')
    if (!fieldText(dept, 40) || /^[$.]/.test(dept)) return fail('IMPORT_ROW_INVALID', 'dept')
    if (knownDepts && !knownDepts.has(dept)) return fail('IMPORT_ROW_UNKNOWN_DEPT', 'dept')
    const region = get('region')
    if (!fieldText(region, 40)) return fail('IMPORT_ROW_INVALID', 'region')
    const roles = cols.includes('roles') ? parseRoles(get('roles')) : ['employee' as Role]
    if (!roles) return fail('IMPORT_ROW_INVALID', 'roles')
    const joined = cols.includes('joinedOn') ? get('joinedOn').replace(/\//g, '-') : ''
    if (joined !== '' && !isLocalDay(joined)) return fail('IMPORT_ROW_INVALID', 'joinedOn')
    const phone = cols.includes('phone') ? normalisePhone(get('phone')) : null
    if (phone === undefined) return fail('IMPORT_ROW_INVALID', 'phone')
    if (seen.has(employeeNo)) return fail('IMPORT_ROW_DUPLICATE', 'employeeNo')
    seen.add(employeeNo)
    valid.push({ line, employeeNo, name, dept, region, roles, joinedOn: joined || null, phone })
  })
  return { valid, errors }
}
