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
/** Listed revocation reasons (labels in core/review/reasons.ts REVOKE_REASONS); 'other' needs a note. */
export type RevokeReasonCode =
  'approvedByMistake' | 'evidenceInvalid' | 'actuallyAbsent' | 'duplicateRecord' | 'memberAsked' | 'other'

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
  /** whether the caller may decide it now (pending, its current step theirs, not their own) */
  canDecide: boolean
  /** whether the caller may hand its current step over (转交 / 加签, review.assignees): who may decide it, HR admins */
  canHandOver: boolean
  /** whether the caller may revoke it now (approved, an HR admin, not their own) */
  canRevoke?: boolean
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
  /** the list only: the evidence with short-lived preview links, in the order of `evidence`; never stored */
  previews?: { fileID: string; url: string | null }[]
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
  pending: {
    count: number
    /** pending longer than the company's review reminder (NoticeSettings.reviewRemindAfterHours) */
    overdue: number
    oldestSubmittedAt: string | null
    oldestAgeHours: number | null
  }
  /** make-ups of this month's days, by the reason employees gave (top 8) */
  reasons: { reason: MakeupReasonKind; count: number }[]
  /** the last 30 days, oldest first */
  trend: { day: LocalDay; checkins: number; makeups: number }[]
}

/** A department's members without today's check-in (active, joined by today), for HR's reminder. */
export interface NotCheckedInView {
  day: LocalDay
  dept: string
  /** `bound`: false when the member has not bound WeChat yet (no reminder can reach them) */
  members: (MemberBrief & { bound: boolean })[]
}

export interface CheckinReminderResult {
  /** reminders queued now: sent by subscribe message where the member authorised one, in-app otherwise */
  queued: number
  /** already reminded today (by the daily reminder or an earlier tap): not reminded twice */
  alreadyReminded: number
  /** not bound to WeChat: nobody to remind */
  unbound: number
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

/** The 代审 page: my hand-over, the hand-overs to me, and who could take mine. */
export interface DelegationsView {
  /** my live or planned hand-over; null when I review my own scope */
  mine: DelegationView | null
  /** colleagues who hand me their scope now or later */
  toMe: { from: MemberBrief; start: LocalDay; until: LocalDay }[]
  /** who can take over: the company's active reviewers and HR admins, me excepted (at most 200, by name) */
  colleagues: MemberBrief[]
}

/** HR's batch entry: these members × these days, one report (the policy's asked fields), one channel and note. */
export interface BatchEntryInput {
  memberIds: string[]
  days: LocalDay[]
  report: HealthReport
  channel: ReportChannel
  note: string
  /** false: none of the items is charged (HR waives it); else each is charged unless maintenance covered it */
  charged?: boolean
}

/** One item of a batch: what will be / was created (charged or not), or the refusal and why. */
export interface BatchItemView {
  memberId: string
  /** empty when the member is not found */
  name: string
  day: LocalDay
  ok: boolean
  charged?: boolean
  /** entered by an earlier call of the same batch (a retry): nothing written now */
  already?: boolean
  code?: string
  message?: string
}

export type HandOverMode = 'transfer' | 'before' | 'after'

export interface ReviewApi {
  queue: [ReviewQueueInput, ReviewQueuePage]
  detail: [{ id: string }, ReviewDetail]
  decide: [
    { id: string; decision: ReviewDecision; reasonCode?: RejectReasonCode; note?: string },
    MakeupRequestView,
  ]
  /** each id decided on its own (atomic per item); results in the order given */
  bulkApprove: [{ ids: string[] }, { results: BulkItemResult[] }]
  /**
   * whoever may decide the current step: 转交 ('transfer': `to` decides it instead) or 加签 ('before': `to` decides
   * a new step first; 'after': `to` decides a new step after this one). `to`: an active reviewer or HR admin.
   */
  handOver: [{ id: string; to: string; mode: HandOverMode }, MakeupRequestView]
  /** whom 转交 / 加签 of this request may name: the company's active reviewers and HR admins (not its member, not the
   * caller) */
  assignees: [{ id: string }, { items: { id: string; name: string; dept: string }[] }]
  specials: [{ status?: SpecialStatus; cursor?: string }, { items: ReviewSpecialItem[]; next: string | null }]
  decideSpecial: [
    { id: string; decision: 'grant' | 'deny'; deadline?: LocalDay; charged?: boolean; reason?: string },
    ReviewSpecialItem,
  ]
  /** hand my review scope to another member for a date range; `to: null` ends it */
  delegate: [{ to: string | null; start?: LocalDay; until?: LocalDay }, DelegationView | null]
  delegations: [Record<string, never>, DelegationsView]
  /** HR admins: a member's record of a day with its corrections, read-only (null: no record); the read is logged */
  record: [{ memberId: string; day: LocalDay }, RecordView | null]
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
  /** HR admins: who in a department has not checked in today */
  notCheckedIn: [{ dept: string }, NotCheckedInView]
  /** HR admins: one tap reminds them (once a day per member, shared with the daily reminder) */
  remindCheckin: [{ dept: string }, CheckinReminderResult]
  /** HR admins: start a CSV (default) or XLSX export of a date range; call exportContinue until 'done' */
  export: [
    {
      kind: ExportKind
      from: LocalDay
      to: LocalDay
      format?: ExportFormat
      /** the monthly report only: one department */
      dept?: string
      /** the audit log only: narrowed as on the audit page (one member by 工号, one action) */
      employeeNo?: string
      /** an entry's action name (`action` routes the call) */
      operation?: string
    },
    ExportJobView,
  ]
  exportContinue: [{ jobId: string }, ExportJobView]
  /**
   * HR admins: revoke an approved make-up with a listed reason: the day is missed again (its effective record is
   * removed), its unit of quota returns when the policy's `quota.revokeRefunds` says so, the member is notified
   */
  revoke: [{ id: string; reasonCode: RevokeReasonCode; note?: string }, MakeupRequestView]
  /** HR admins: what a batch entry would create, charge or refuse (nothing written) */
  batchPreview: [BatchEntryInput, { items: BatchItemView[] }]
  /**
   * HR admins: enter a batch as on-behalf records (at most 50 items), each on its own (one refusal does not stop
   * the others); `batchId` makes it idempotent per item: a retry reports entered items as `already`
   */
  batchOnBehalf: [BatchEntryInput & { batchId: string }, { items: BatchItemView[] }]
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
