// The `privacy` function's contract (every bound member, for their own data): consent, status, export, deletion.
// core/api.ts includes it as `Api['privacy']`; input schemas are in core/privacy/schemas.ts.
import type { HealthReport } from '../health'
import type { LocalDay } from '../shared'
import type { LeaveKind } from '../leave'
import type { MakeupStatus, SpecialStatus } from '../makeup'
import type { MemberView } from '../checkin'
import type { ConsentText, LegalBasis, RETENTION_CHOICES } from './rules'

export interface ConsentView {
  version: number
  /** ISO instant of the consent */
  at: string
  withdrawnAt: string | null
  /** consented to the version in force and not withdrawn */
  current: boolean
}

/** One view of my health data by someone (reviewer detail, export). */
export interface AccessView {
  at: string
  viewer: { id: string; name: string }
  what: string
}

export interface PrivacyStatus {
  consent: ConsentView | null
  /** the text to consent to (version in force, with the company's retention) */
  text: ConsentText
  retentionDays: number
  /** the oldest record still holding health details and the day they will be removed */
  nextRemoval: { day: LocalDay; removedOn: LocalDay } | null
  viewers: AccessView[]
  deletionRequestedAt: string | null
}

export interface ExportedRecord {
  day: LocalDay
  source: string
  at: string
  report: HealthReport | null
}

export interface ExportedRequest {
  id: string
  day: LocalDay
  status: MakeupStatus
  report: HealthReport | null
  reason: string | null
  attachments: string[]
  submittedAt: string
  decidedAt: string | null
}

export interface ExportedSpecial {
  id: string
  day: LocalDay
  status: SpecialStatus
  reason: string | null
  evidence: string[]
  submittedAt: string
}

/** All and only the caller's data. */
export interface MyDataExport {
  exportedAt: string
  member: MemberView & { employeeNo: string }
  consent: ConsentView | null
  consentHistory: { action: string; version: number; at: string }[]
  checkins: ExportedRecord[]
  makeups: ExportedRequest[]
  specials: ExportedSpecial[]
  /** days HR recorded as leave, business trip or exempt (kind and day only) */
  leaves: { day: LocalDay; kind: LeaveKind }[]
  accessLog: AccessView[]
}

export interface PrivacyApi {
  /** record (grant, for the version shown) or withdraw my health-data consent */
  consent: [{ decision: 'grant' | 'withdraw'; version: number }, ConsentView]
  status: [Record<string, never>, PrivacyStatus]
  exportMine: [Record<string, never>, MyDataExport]
  /** on leaving: asks HR to delete my health data (HR confirms) */
  requestDeletion: [{ reason?: string }, { requestedAt: string }]
  /** HR admins: the company's retention (30 / 90 / 180 days) and legal basis (changes the consent text only) */
  settings: [
    { retentionDays?: (typeof RETENTION_CHOICES)[number]; legalBasis?: LegalBasis },
    { retentionDays: number; legalBasis: LegalBasis },
  ]
  /** HR admins: members of the company who asked for deletion, oldest request first */
  deletionRequests: [Record<string, never>, DeletionRequestView[]]
  /** HR admins: confirms a member's deletion request; their health details and files are removed now */
  confirmDeletion: [{ memberId: string }, DeletionResult]
}

export interface DeletionRequestView {
  memberId: string
  name: string
  employeeNo: string
  status: 'active' | 'left'
  requestedAt: string
}

export interface DeletionResult {
  memberId: string
  confirmedAt: string
  checkins: number
  makeups: number
  specials: number
  files: number
}
