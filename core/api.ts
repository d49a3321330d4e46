// The contract between the mini program and the cloud functions: function names, actions, payloads, results.
// Inputs are validated by the zod schemas in core/schemas.ts; this file holds the shapes both sides compile against.
import type { AdminApi } from './admin-api'
import type { MakeupReasonKind } from './makeup-reasons'
import type { PrivacyApi } from './privacy-api'

export type { MakeupReasonKind } from './makeup-reasons'

/** Every function answers with this envelope; a refusal carries a catalogued code (core/errors.ts). */
export type Result<T> = { ok: true; data: T } | { ok: false; code: string; message: string; next?: string }

/** A company-local calendar date, 'YYYY-MM-DD' in Asia/Shanghai. */
export type LocalDay = string

export type HealthStatus = 'well' | 'unwell'
export type HealthCodeColour = 'green' | 'yellow' | 'red'
export type Role = 'employee' | 'reviewer' | 'hr' | 'operator'

/** What an employee reports for one day (daily check-in or make-up). */
/**
 * A day's health report. Only `status` is always there: the other fields are asked and kept only when the company's
 * policy requires them (`policy.requiredFields`, minimisation — PRIVACY.md), and a purge removes them all.
 */
export interface HealthReport {
  status: HealthStatus
  /** body temperature in °C, one decimal */
  temperature?: number
  /** region code or name where the employee is that day (itinerary / current region) */
  region?: string
  healthCode?: HealthCodeColour
  note?: string
}

export interface MemberView {
  memberId: string
  name: string
  companyId: string
  companyName: string
  dept: string
  region: string
  roles: Role[]
  joinedOn: LocalDay
  makeupEnabled: boolean
  /** the health fields the company's policy asks for (the form shows only these); absent = all of them */
  reportFields?: AskedField[]
}

/** Health fields a policy can ask for besides the status (always asked) and the optional note. */
export type AskedField = 'temperature' | 'region' | 'healthCode'

export type DayState =
  | 'checked' // on-time check-in
  | 'madeUp' // approved make-up
  | 'pending' // make-up waiting for review
  | 'missed' // nothing recorded
  | 'rest' // not a working day for the company
  | 'future'
  | 'open' // today, check-in not done yet and still open
  | 'beforeJoin'
  | 'granted' // special handling granted by HR: can be made up once, by the grant's deadline

export interface MonthView {
  month: string // 'YYYY-MM'
  today: LocalDay
  days: { day: LocalDay; state: DayState }[]
}

export type MakeupStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn'

export interface MakeupRequestView {
  id: string
  day: LocalDay
  status: MakeupStatus
  report: HealthReport
  reason: string
  reasonKind: MakeupReasonKind
  attachments: string[] // cloud:// file ids
  submittedAt: string // ISO instant
  decidedAt?: string
  decidedBy?: string
  decisionNote?: string
  /** 'healthCode' | 'testReport': what the attachments show */
  attachmentKind?: AttachmentKind
  /** network failures the app recorded for this day, attached as evidence */
  failures?: FailureEvidence[]
  /** whether the request counts against the quota (false for days hit by maintenance) */
  charged?: boolean
}

export type AttachmentKind = 'healthCode' | 'testReport'

export interface MaintenanceNotice {
  start: string // ISO, +08:00
  end: string
  note: string
  active: boolean
}

/** One failed attempt the app recorded itself (time and error), kept as evidence for a later make-up. */
export interface FailureEvidence {
  at: string // ISO instant
  error: string
}

export interface TimelineEntry {
  action: 'submit' | 'autoApprove' | 'approve' | 'reject' | 'return' | 'withdraw' | 'resubmit'
  from: MakeupStatus | null
  to: MakeupStatus
  actor: { kind: 'member' | 'reviewer' | 'system'; id: string }
  at: string // ISO instant
  reason: string
}

export interface MakeupRequestDetail extends MakeupRequestView {
  timeline: TimelineEntry[]
  /** short-lived preview links, in the order of `attachments`; never stored */
  previews: { fileID: string; url: string | null }[]
}

export type SpecialStatus = 'pending' | 'granted' | 'denied'

/** A request to HR to open a past-window day once ("超时" → special handling). */
export interface SpecialRequestView {
  id: string
  day: LocalDay
  status: SpecialStatus
  reason: string
  evidence: string[]
  submittedAt: string
  /** when granted: the day can be made up once until this instant */
  grantDeadline?: string
}

export interface AllowedSlot {
  day: LocalDay
  /** last instant (ISO, +08:00) at which this day can still be submitted */
  deadline: string
  /** true when the day is open thanks to a special-handling grant */
  granted?: boolean
  /** false when the day overlaps a maintenance window and is not charged to the quota */
  charged?: boolean
}

export interface BlockedDay {
  day: LocalDay
  code: string // a catalogue code explaining why it cannot be made up
}

export interface SlotsView {
  today: LocalDay
  slots: AllowedSlot[]
  blocked: BlockedDay[]
  /** cap and remaining are -1 when the policy sets no cap */
  quota: { cycle: string; cap: number; used: number; remaining: number }[]
}

/** The member's most recent effective check-in report (within the slots' lookback), without its note. */
export interface LastReport {
  day: LocalDay
  report: Omit<HealthReport, 'note'>
}

/** Sent by the app with make-up calls so the policy's minimum client version can be enforced. */
export interface ClientInfo {
  clientVersion?: string
}

export interface MakeupSubmitInput extends ClientInfo {
  day: LocalDay
  report: HealthReport
  reason: string
  /** the category of the reason (default: 'network' when failures are attached, else 'other') */
  reasonKind?: MakeupReasonKind
  attachments: string[]
  attachmentKind?: AttachmentKind
  failures?: FailureEvidence[]
  clientRequestId: string
}

/** function name → action → [input (without `action`), output] */
export interface Api {
  checkin: {
    me: [
      Record<string, never>,
      {
        member: MemberView | null
        today: LocalDay
        checkedInToday: boolean
        /** whether today needs a check-in under the company calendar (absent when not bound) */
        todayIsWorkday?: boolean
        /** when today's daily check-in closes (ISO, +08:00), if the policy sets a time */
        checkinClosesAt?: string | null
        /** a maintenance window active now or starting within 24 hours: the app shows a banner, keeps drafts */
        maintenance?: MaintenanceNotice | null
      },
    ]
    /** bind this WeChat user to an employee: company invite code + employee number + name */
    bind: [{ inviteCode: string; employeeNo: string; name: string }, MemberView]
    submit: [{ report: HealthReport; clientRequestId: string }, { day: LocalDay; duplicate: boolean }]
    month: [{ month: string }, MonthView]
  }
  makeup: {
    /** `lastReport` prefills the make-up form ("one-click") */
    slots: [ClientInfo, SlotsView & { lastReport: LastReport | null }]
    submit: [MakeupSubmitInput, MakeupRequestView]
    list: [{ status?: MakeupStatus }, MakeupRequestView[]]
    detail: [{ id: string }, MakeupRequestDetail]
    withdraw: [{ id: string; reason?: string }, MakeupRequestView]
    /** resubmit a returned request with corrected content */
    resubmit: [
      {
        id: string
        report: HealthReport
        reason: string
        reasonKind?: MakeupReasonKind
        attachments: string[]
        attachmentKind?: AttachmentKind
      } & ClientInfo,
      MakeupRequestView,
    ]
    /** ask HR to open a past-window day once */
    special: [
      { day: LocalDay; reason: string; evidence: string[]; clientRequestId: string },
      SpecialRequestView,
    ]
    specials: [Record<string, never>, SpecialRequestView[]]
  }
  /** HR admins and reviewers: the review queue, decisions, special handling, delegation */
  review: {
    queue: [ReviewQueueInput, ReviewQueuePage]
    detail: [{ id: string }, ReviewDetail]
    decide: [
      { id: string; decision: ReviewDecision; reasonCode?: RejectReasonCode; note?: string },
      MakeupRequestView,
    ]
    /** each id decided on its own (atomic per item); results in the order given */
    bulkApprove: [{ ids: string[] }, { results: BulkItemResult[] }]
    specials: [
      { status?: SpecialStatus; cursor?: string },
      { items: ReviewSpecialItem[]; next: string | null },
    ]
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
    export: [{ kind: ExportKind; from: LocalDay; to: LocalDay; format?: ExportFormat }, ExportJobView]
    exportContinue: [{ jobId: string }, ExportJobView]
  }
  /** HR admins: members, departments, import, policy (versioned, preview), maintenance, help; operators: tenants */
  admin: AdminApi
  /** everyone: in-app notices and subscribe-message authorisations (the app calls `subscribed` after a prompt) */
  notify: {
    subscribed: [{ templateIds: string[] }, SubscriptionsView]
    inbox: [{ cursor?: string; limit?: number }, InboxPage]
    markRead: [{ ids?: string[]; all?: boolean }, { unread: number }]
  }
  /** every member, about their own data: health-data consent, status, export, deletion request */
  privacy: PrivacyApi
  /** help-centre tickets: members open and follow their own; HR admins answer the company's */
  help: {
    open: [
      { category: TicketCategory; text: string; screenshots: string[]; clientRequestId: string },
      TicketView,
    ]
    mine: [Record<string, never>, TicketView[]]
    detail: [{ id: string }, TicketDetail]
    /** HR admins: the company's open tickets, oldest first */
    queue: [Record<string, never>, TicketView[]]
    /** HR admins: answer a ticket (open → answered), `close` ends it */
    reply: [{ id: string; text: string; close?: boolean }, TicketDetail]
  }
}

export type TicketCategory =
  'entryMissing' | 'overdue' | 'wrongInfo' | 'network' | 'maintenance' | 'crossRegion' | 'other'
export type TicketStatus = 'open' | 'answered' | 'closed'

export interface TicketView {
  id: string
  category: TicketCategory
  text: string
  status: TicketStatus
  memberName: string
  createdAt: string
  updatedAt: string
  replyCount: number
}

export interface TicketDetail extends TicketView {
  /** short-lived preview links of the screenshots, in order (null when a file is gone) */
  screenshots: { fileID: string; url: string | null }[]
  replies: { byName: string; text: string; at: string }[]
}

/** The caller's one-time subscribe-message authorisations as the database ledger counts them. */
export interface SubscriptionsView {
  /** template id → sends left */
  remaining: Record<string, number>
  /** template ids to request on the next meaningful tap: the employee's submit, the reviewer's approve / reject */
  ask: { submit: string[]; review: string[] }
  /** a reviewer with fewer than 2 "new request" notices left: the app prompts them to top up */
  low: boolean
}

export type NoticeStatus = 'pending' | 'delivered' | 'fallenBack' | 'failed'

export interface NoticeView {
  id: string
  kind: string
  title: string
  body: string
  at: string // ISO instant
  read: boolean
  /** whether the WeChat message went out ('fallenBack': no authorisation, shown here only) */
  status: NoticeStatus
  /** the mini-program page the notice opens */
  page: string
}

/** A notice that could not be sent because of the configuration (template id, fields): shown to HR admins. */
export interface NoticeProblem {
  id: string
  kind: string
  reason: string
  detail: string
  at: string
}

export interface InboxPage {
  items: NoticeView[]
  unread: number
  next: string | null
  subscriptions: SubscriptionsView
  /** HR admins only: recent configuration errors */
  problems: NoticeProblem[]
}

/** Who a review item or detail is about. */
export interface MemberBrief {
  id: string
  name: string
  dept: string
  employeeNo: string
}

export type ReviewDecision = 'approve' | 'reject' | 'return'
/** Listed rejection reasons (labels in core/review.ts REJECT_REASONS); 'other' needs a text. */
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

export type ExportKind = 'checkins' | 'makeups' | 'audit'
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

export type FunctionName = keyof Api
export type ActionOf<F extends FunctionName> = keyof Api[F] & string
export type InputOf<F extends FunctionName, A extends ActionOf<F>> = Api[F][A] extends [infer I, unknown]
  ? I
  : never
export type OutputOf<F extends FunctionName, A extends ActionOf<F>> = Api[F][A] extends [unknown, infer O]
  ? O
  : never
