// The `admin` function's contract (HR admins of one company; platform operators for tenants): actions, inputs,
// outputs. core/api.ts includes it as `Api['admin']`; input schemas are in core/admin/schemas.ts.
import type { DeptNode, FaqEntry, HelpContact } from './rules'
import type { ErrorCode, LocalDay, Role } from '../shared'
import type { MemberBrief } from '../review'
import type { Policy, SlotsView } from '../policy'
import type { WebhookEvent } from './webhook'
import type { GroupPreview } from './groups'
import type { AccessRequestView } from '../makeup'
import type { MonthView } from '../checkin'
import type { LeaveEntryView, LeaveImportView, LeaveKind } from '../leave'
import type { NoticeTimes } from '../notices'

export interface AdminMemberView extends MemberBrief {
  region: string
  roles: Role[]
  joinedOn: LocalDay
  makeupEnabled: boolean
  status: 'active' | 'left'
  bound: boolean
  /** identity binding done: by the WeChat phone number matching the roster, or confirmed by HR (audited) */
  identityBound: boolean
  identityBoundBy: 'phone' | 'hr' | null
  /** the member's SOTER verification is valid until (ISO, +08:00); HR cannot stand in for it */
  extraVerifiedUntil: string | null
}

/** A member's request to have make-up enabled (申请开通), as HR sees it. */
export interface AccessRequestAdminView extends AccessRequestView {
  member: MemberBrief
  reason: string
}

export interface ImportJobView {
  id: string
  status: 'running' | 'done'
  total: number
  processed: number
  created: number
  updated: number
  /** rows refused, in file order: line number (header = 1), employee number when readable, code, field */
  errors: { line: number; employeeNo: string | null; code: ErrorCode; field: string | null }[]
}

export interface PreviewDay {
  day: LocalDay
  ok: boolean
  /** why not, from the catalogue (ok = false) */
  code?: ErrorCode
  reason?: string
  /** last instant to submit (ok = true), ISO +08:00 */
  deadline?: string
  charged?: boolean
}

export interface PreviewView extends SlotsView {
  member: AdminMemberView
  /** the instant judged, ISO +08:00 */
  at: string
  policyVersion: number
  /** every working day of the look-back, newest first, with its verdict */
  days: PreviewDay[]
}

export interface MaintenanceView {
  id: string
  start: string
  end: string
  note: string
  active: boolean
}

/** What the audit page narrows the log to (every field optional; `from`/`to` are company-local days). */
export interface AuditFilter {
  employeeNo?: string
  /** an entry's action name ('savePolicy', 'update' …); not `action`, which routes the call */
  operation?: string
  from?: LocalDay
  to?: LocalDay
}

export interface AuditView {
  id: string
  at: string
  subject: string
  action: string
  actor: string
  summary: string
  changes: string[]
}

export interface PolicyView {
  policy: Policy
  versions: { version: number; savedAt: string; savedBy: string }[]
}

export interface HelpView {
  contacts: HelpContact[]
  faq: FaqEntry[]
  canEdit: boolean
}

/** One hour's count of one kind of refusal by one caller (ids and codes only). */
export interface SecurityLogView {
  id: string
  kind: 'forgedTimer' | 'unknownInvite' | 'bindRateLimited'
  fn: string
  /** null: the call had no identity, or the entry counts callers past the hour's cap */
  openid: string | null
  code: string
  count: number
  firstAt: string
  lastAt: string
}

export interface CompanyView {
  id: string
  name: string
  inviteCode: string
}

export interface WebhookView {
  url: string
  events: WebhookEvent[]
  enabled: boolean
  /** the secret is never sent back; this says whether one is set */
  hasSecret: boolean
  /** the delivery log, newest first */
  deliveries: {
    id: string
    event: WebhookEvent
    status: 'pending' | 'delivered' | 'failed'
    attempts: number
    lastStatus: number | null
    lastError: string | null
    createdAt: string
    deliveredAt: string | null
  }[]
}

export interface AdminApi {
  /** who is calling and what they may do here */
  me: [
    Record<string, never>,
    { company: CompanyView; isHr: boolean; isOperator: boolean; policyVersion: number },
  ]
  members: [
    {
      dept?: string
      status?: 'active' | 'left'
      offset?: number
      /** only members holding any of these roles (an approval chain's candidates: reviewers and HR admins) */
      roles?: ('reviewer' | 'hr')[]
    },
    { items: AdminMemberView[]; next: number | null },
  ]
  member: [{ memberId: string }, AdminMemberView]
  updateMember: [
    {
      memberId: string
      dept?: string
      region?: string
      roles?: Role[]
      makeupEnabled?: boolean
      /** HR confirms a member's identity / extra verification by hand (audited) */
      identityBound?: boolean
    },
    AdminMemberView,
  ]
  /** members' requests to have make-up enabled (申请开通), oldest first; default: pending */
  accessRequests: [{ status?: AccessRequestView['status'] }, AccessRequestAdminView[]]
  /** grant (the member's make-up is switched on) or decline; the member is told either way */
  decideAccess: [{ memberId: string; decision: 'grant' | 'decline'; note?: string }, AccessRequestAdminView]
  /** the member leaves: binding released, records and history kept */
  deactivate: [{ memberId: string; reason?: string }, AdminMemberView]
  invite: [{ rotate?: boolean }, { inviteCode: string; path: string }]
  departments: [Record<string, never>, { tree: DeptNode[] }]
  saveDepartment: [{ name: string; parent: string | null }, { tree: DeptNode[] }]
  removeDepartment: [{ name: string }, { tree: DeptNode[] }]
  /** switches make-up for the department and everything under it, members included */
  setDeptMakeup: [{ dept: string; enabled: boolean }, { tree: DeptNode[]; membersUpdated: number }]
  /** file uploaded by the app under companies/<company>/admin/; parsed and validated here */
  importStart: [{ fileID: string }, ImportJobView]
  /** applies the next chunk of rows; call until status is 'done' */
  importContinue: [{ jobId: string }, ImportJobView]
  policy: [Record<string, never>, PolicyView]
  /** saves a new version; refused when someone saved since `baseVersion` */
  savePolicy: [
    { policy: Record<string, unknown>; baseVersion: number },
    { policy: Policy; changes: string[] },
  ]
  /** which days `memberId` could make up on `day`, under the saved policy or a draft */
  preview: [{ memberId: string; day: LocalDay; policy?: Record<string, unknown> }, PreviewView]
  /** before saving: which rule group applies to whom under the draft, and whose rule changes (core groupPreview) */
  groupPreview: [{ policy: Record<string, unknown> }, GroupPreview]
  maintenance: [Record<string, never>, MaintenanceView[]]
  declareMaintenance: [{ start: string; end: string; note: string; allCompanies?: boolean }, MaintenanceView]
  removeMaintenance: [{ id: string }, MaintenanceView[]]
  /** contacts and FAQ of the caller's company: any member reads, HR admins edit */
  help: [Record<string, never>, HelpView]
  saveHelp: [{ contacts: HelpContact[]; faq: FaqEntry[] }, HelpView]
  /** newest first, 30 a page; narrowed to one member (by 工号), one action (`operation`) and a range of company-local days */
  audit: [AuditFilter & { cursor?: string }, { items: AuditView[]; next: string | null }]
  /** the integration webhook and its delivery log */
  webhook: [Record<string, never>, WebhookView]
  /** `secret` (16–128 characters) is required the first time and kept when omitted later */
  saveWebhook: [{ url: string; secret?: string; events: WebhookEvent[]; enabled: boolean }, WebhookView]
  /** platform operators: tenants and their first HR admin */
  companies: [Record<string, never>, CompanyView[]]
  createCompany: [
    { name: string; inviteCode: string; hrEmployeeNo: string; hrName: string },
    { company: CompanyView; hrMemberId: string },
  ]
  /** HR admins: the company's reminder times (template ids are the deployment's, not listed here) */
  noticeTimes: [Record<string, never>, NoticeTimes]
  /** HR admins: save all five (checked; audited with each change); the notify timer follows on its next run */
  saveNoticeTimes: [NoticeTimes, NoticeTimes]
  /** platform operators: refusals that named no company (server/security-log.ts), newest first */
  securityLog: [{ cursor?: string }, { items: SecurityLogView[]; next: string | null }]
  /** HR admins: one member's month calendar with the days recorded as leave (请假 / 出差 / 免打卡) */
  leaves: [{ memberId: string; month: string }, { member: AdminMemberView; month: MonthView }]
  /** HR admins: record leave, a business trip or exempt days for a range (a day recorded again takes the new kind) */
  recordLeave: [{ memberId: string; kind: LeaveKind; from: LocalDay; to: LocalDay }, LeaveEntryView]
  removeLeave: [{ memberId: string; from: LocalDay; to: LocalDay }, { removed: number }]
  /** HR admins: a CSV/XLSX sheet (工号, 类型, 开始日期, 结束日期) uploaded under companies/<company>/admin/ */
  importLeaves: [{ fileID: string }, LeaveImportView]
}
