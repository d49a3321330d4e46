// CSV and XLSX exports of check-ins, make-ups and the audit log for a date range, pure: the columns, the escaping
// and the job's progress. The review function reads the rows in range-paged batches and writes one part per call,
// so a 300 k-row export never holds more than one part in memory nor runs past a function's time limit.
import type { ExportFormat, ExportKind } from './contract'
import type { HealthReport } from '../health'
import {
  type AuditDoc,
  type CheckinDoc,
  MAKEUP_REASONS,
  type MakeupDoc,
  type MakeupStatus,
  type MemberDoc,
  reasonKindOf,
} from '../makeup'
import { isoShanghai } from '../calendar'
import type { MonthSummary } from '../checkin'

export interface ExportJobDoc {
  _id: string
  companyId: string
  kind: ExportKind
  /** absent on jobs started before XLSX existed: CSV */
  format?: ExportFormat
  from: string
  to: string
  /** the audit log narrowed to one member ('' when the 工号 named nobody: no rows) and/or one action */
  scope?: { memberId?: string; action?: string }
  status: 'running' | 'done'
  /** rows written so far, and how many the range holds (counted when the job starts) */
  rows: number
  total: number
  /** where the next batch starts: the last row's sort key ('YYYY-MM-DD' or epoch ms) and _id */
  cursor: { key: string; id: string } | null
  /**
   * the part files written so far, in order: CSV text, or for XLSX the sheet's deflated XML (the finished file
   * wraps their concatenation)
   */
  parts: string[]
  /** XLSX: CRC-32 and sizes of the sheet stream written so far */
  sheet?: { crc: number; size: number; compressed: number }
  /** the single file once done */
  fileID?: string
  /** monthly: only this department's members */
  dept?: string
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

const SOURCE: Record<CheckinDoc['source'], string> = { daily: '按时打卡', makeup: '补卡', hr: 'HR 代登记' }
const STATUS: Record<MakeupStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  returned: '退回修改',
  withdrawn: '已撤回',
  revoked: '已撤销',
}
const CODE = { green: '绿码', yellow: '黄码', red: '红码' }
// a field the policy did not ask for is absent, as is the whole report after a retention purge
/** temperature, region, health code: the report's columns in both sheets */
const reportCells = (r?: HealthReport) => [r?.temperature, r?.region, r?.healthCode ? CODE[r.healthCode] : '']

export const HEADERS: Record<ExportKind, string[]> = {
  checkins: ['工号', '姓名', '部门', '日期', '来源', '健康状况', '体温', '地区', '健康码', '记录时间'],
  makeups: [
    '工号',
    '姓名',
    '部门',
    '补卡日期',
    '状态',
    '原因类别',
    '原因',
    '体温',
    '地区',
    '健康码',
    '附件数',
    '提交时间',
    '处理时间',
    '处理人',
    '处理意见',
  ],
  audit: [
    '时间',
    '对象',
    '对象编号',
    '工号',
    '姓名',
    '操作',
    '原状态',
    '新状态',
    '操作人',
    '说明',
    '变更（原 → 新）',
  ],
  monthly: [
    '工号',
    '姓名',
    '部门',
    '月份',
    '已打卡',
    '已补卡',
    '漏打卡',
    '请假/出差/免打卡',
    '请假',
    '出差',
    '免打卡',
    '审核中',
    '补卡次数',
  ],
}

/** XLSX: the sheet's name and its columns' widths (in characters; Chinese characters count double) */
export const SHEET_NAMES: Record<ExportKind, string> = {
  checkins: '打卡记录',
  makeups: '补卡申请',
  audit: '审计日志',
  monthly: '月度报表',
}
export const COLUMN_WIDTHS: Record<ExportKind, number[]> = {
  checkins: [10, 10, 12, 12, 12, 10, 8, 10, 8, 20],
  makeups: [10, 10, 12, 12, 10, 14, 24, 8, 10, 8, 8, 20, 20, 10, 24],
  audit: [20, 10, 28, 10, 10, 12, 10, 12, 10, 30, 48],
  monthly: [10, 10, 12, 10, 8, 8, 8, 16, 6, 6, 8, 8, 10],
}

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break; a leading = + - @, tab or carriage return
 * (before which a spreadsheet still reads a formula) is defused.
 */
export function csvField(value: unknown): string {
  let s = value === undefined || value === null ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const csvLine = (fields: unknown[]) => `${fields.map(csvField).join(',')}\r\n`

/** The first part starts with a BOM (so spreadsheet apps read UTF-8) and the header line. */
export const csvHead = (kind: ExportKind) => `\uFEFF${csvLine(HEADERS[kind])}`

type Who = (id: string) => Pick<MemberDoc, 'employeeNo' | 'name' | 'dept'> | undefined
const time = (d: Date | undefined) => (d ? isoShanghai(d).slice(0, 19).replace('T', ' ') : '')

export function checkinRow(r: CheckinDoc, who: Who): unknown[] {
  const m = who(r.memberId)
  return [
    m?.employeeNo,
    m?.name,
    m?.dept,
    r.day,
    SOURCE[r.source],
    // a purged record keeps its day and source, not its report
    r.report ? (r.report.status === 'well' ? '健康' : '不适') : '',
    ...reportCells(r.report),
    time(r.at),
  ]
}

export function makeupRow(r: MakeupDoc, who: Who): unknown[] {
  const m = who(r.memberId)
  return [
    m?.employeeNo,
    m?.name,
    m?.dept,
    r.day,
    STATUS[r.status],
    MAKEUP_REASONS[reasonKindOf(r)],
    r.reason,
    ...reportCells(r.report),
    r.attachments?.length ?? 0,
    time(r.submittedAt),
    time(r.decidedAt),
    r.decidedBy ? (who(r.decidedBy)?.name ?? r.decidedBy) : '',
    r.decisionNote ?? '',
  ]
}

export function auditRow(a: AuditDoc, who: Who): unknown[] {
  const m = who(a.memberId)
  return [
    time(a.at),
    a.subject,
    a.subjectId,
    m?.employeeNo,
    m?.name,
    a.action,
    a.from ?? '',
    a.to,
    who(a.actor.id)?.name ?? a.actor.id,
    a.reason,
    // an admin edit's fields, before → after (ids, settings and flags: never a health value)
    (a.changes ?? []).join('；'),
  ]
}

/** One member's month: counts only, never a health value. The same numbers as the calendar's (monthSummary). */
export function monthlyRow(
  m: Pick<MemberDoc, 'employeeNo' | 'name' | 'dept'>,
  s: MonthSummary,
): (string | number)[] {
  return [
    m.employeeNo,
    m.name,
    m.dept,
    s.month,
    s.checked,
    s.madeUp,
    s.missed,
    s.onLeave,
    s.leave,
    s.trip,
    s.exempt,
    s.pending,
    s.makeupsUsed,
  ]
}
