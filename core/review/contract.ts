// The `review` function's contract: HR admins and reviewers — the queue, decisions, special handling, delegation,
// records, audit trail, dashboard, exports.
import type { MonthSummary } from '../checkin'
import type { LocalDay } from '../shared'
import type { HealthReport } from '../health'
import type { MonthView } from '../checkin'
import type {
  MakeupReasonKind,
  MakeupRequestDetail,
  MakeupRequestView,
  MakeupStatus,
  SpecialRequestView,
  SpecialStatus,
} from '../makeup'

/** Who a review item or detail is about. */
export interface MemberBrief {
  id: string
  name: string
  dept: string
  employeeNo: string
}

export type ReviewDecision = 'approve' | 'reject' | 'return'
/** Listed rejection reasons (labels in core/review/reasons.ts REJECT_REASONS); 'other' needs a text. */
export type RejectReasonCode =
  'attachmentUnclear' | 'attachmentMismatch' | 'infoIncorrect' | 'reasonInsufficient' | 'duplicate' | 'other'

export interface ReviewQueueInput {
  /** default 'pending' */
  status?: MakeupStatus
  dept?: string
  dayFrom?: LocalDay
  dayTo?: LocalDay
  hasAttachments?: boolean
  reasonKind?: MakeupReasonKind
  /** opaque: the `next` of the previous page */
  cursor?: string
  /** default 20, at most 50 */
  limit?: number
}

export interface ReviewQueueItem extends MakeupRequestView {
  member: MemberBrief
}

export interface ReviewQueuePage {
  items: ReviewQueueItem[]
  /** cursor of the next page, null on the last one */
  next: string | null
  /** pending requests in the caller's scope (the badge), regardless of filters other than department; counted on
   * the first page only (null on later pages: the count is a scan the badge needs once) */
  pendingCount: number | null
  /** 'company' for HR admins, else the departments the caller reviews today (own and delegated) */
  scope: 'company' | string[]
}

export interface ReviewDetail extends MakeupRequestDetail {
  member: MemberBrief
  /** the member's month around the requested day */
  month: MonthView
  /** quota of the request's cycle; cap -1 when the policy sets no cap */
  quota: { cycle: string; cap: number; used: number; remaining: number }
  /** who the request is routed to (reviewers of the department, else HR admins) */
  reviewers: { id: string; name: string }[]
  /** whether the caller may decide it now (pending, in scope, not their own) */
  canDecide: boolean
  decidedByName?: string
}

export interface BulkItemResult {
  id: string
  ok: boolean
  code?: string
  message?: string
}

export interface ReviewSpecialItem extends SpecialRequestView {
  member: MemberBrief
  /** when granted: whether the make-up counts against the quota */
  charged?: boolean
  decisionNote?: string
}

export type ReportChannel = 'phone' | 'email' | 'other'

/** One member's effective record of one day, with every HR correction (old and new values). */
export interface RecordView {
  memberId: string
  day: LocalDay
  report: HealthReport
  source: 'daily' | 'makeup' | 'hr'
  corrections: { at: string; by: string; before: HealthReport; after: HealthReport; note: string }[]
  onBehalf?: { by: string; channel: ReportChannel; note: string; at: string; charged?: boolean }
}

/** `monthly`: the monthly report of a whole month (from = its first day, to = its last), counts only */
export type ExportKind = 'checkins' | 'makeups' | 'audit' | 'monthly'
export type ExportFormat = 'csv' | 'xlsx'

export interface ExportJobView {
  jobId: string
  kind: ExportKind
  format: ExportFormat
  from: LocalDay
  to: LocalDay
  status: 'running' | 'done'
  rows: number
  total: number
  /** when done: a short-lived download link of the file (never store it) */
  url?: string
  fileID?: string
}

export interface DashboardView {
  today: LocalDay
  depts: { dept: string; members: number; checked: number }[]
  pending: { count: number; oldestSubmittedAt: string | null; oldestAgeHours: number | null }
  /** make-ups of this month's days, by the reason employees gave (top 8) */
  reasons: { reason: MakeupReasonKind; count: number }[]
  /** the last 30 days, oldest first */
  trend: { day: LocalDay; checkins: number; makeups: number }[]
}

export interface AuditEntryView {
  id: string
  at: string
  subject: string
  subjectId: string
  memberId: string
  action: string
  from: string | null
  to: string
  actor: { kind: string; id: string; name?: string }
  reason: string
  /** health fields a correction or on-behalf entry wrote (names only; the values stay on the record) */
  fields?: (keyof HealthReport)[]
}

export interface DelegationView {
  to: MemberBrief
  start: LocalDay
  until: LocalDay
}

export interface ReviewApi {
  queue: [ReviewQueueInput, ReviewQueuePage]
  detail: [{ id: string }, ReviewDetail]
  decide: [
    { id: string; decision: ReviewDecision; reasonCode?: RejectReasonCode; note?: string },
    MakeupRequestView,
  ]
  /** each id decided on its own (atomic per item); results in the order given */
  bulkApprove: [{ ids: string[] }, { results: BulkItemResult[] }]
  specials: [{ status?: SpecialStatus; cursor?: string }, { items: ReviewSpecialItem[]; next: string | null }]
  decideSpecial: [
    { id: string; decision: 'grant' | 'deny'; deadline?: LocalDay; charged?: boolean; reason?: string },
    ReviewSpecialItem,
  ]
  /** hand my review scope to another member for a date range; `to: null` ends it */
  delegate: [{ to: string | null; start?: LocalDay; until?: LocalDay }, DelegationView | null]
  /** HR admins: correct an effective record; the earlier content is kept and shown */
  correct: [{ memberId: string; day: LocalDay; report: HealthReport; note: string }, RecordView]
  /**
   * HR admins: enter a day's record for an employee who reported it by phone or e-mail. It is a make-up: it
   * counts against the member's quota unless the day lies in a maintenance window or `charged` is false.
   */
  onBehalf: [
    {
      memberId: string
      day: LocalDay
      report: HealthReport
      channel: ReportChannel
      note: string
      charged?: boolean
    },
    RecordView,
  ]
  /** HR admins: the audit trail of one employee or one request, newest first */
  audit: [
    { memberId?: string; requestId?: string; cursor?: string },
    { items: AuditEntryView[]; next: string | null },
  ]
  /** HR admins: today's completion by department, the backlog, this month's reasons, a 30-day trend */
  dashboard: [Record<string, never>, DashboardView]
  /** HR admins: start a CSV (default) or XLSX export of a date range; call exportContinue until 'done' */
  export: [
    { kind: ExportKind; from: LocalDay; to: LocalDay; format?: ExportFormat; dept?: string },
    ExportJobView,
  ]
  exportContinue: [{ jobId: string }, ExportJobView]
  /** HR admins: the monthly report — each active member's month in numbers, by department and name, 50 a page */
  monthly: [{ month: string; dept?: string; offset?: number }, MonthlyReportPage]
}

export interface MonthlyReportRow {
  member: MemberBrief
  summary: MonthSummary
}

export interface MonthlyReportPage {
  month: string
  items: MonthlyReportRow[]
  /** the offset of the next page, null on the last */
  next: number | null
}
