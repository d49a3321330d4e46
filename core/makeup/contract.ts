// The `makeup` function's contract: requests, their timeline, special handling of past-window days.
import type { LocalDay } from '../shared'
import type { HealthReport } from '../health'
import type { AttachmentKind, Policy, SlotsView } from '../policy'
import type { MakeupReasonKind } from './reasons'

export type MakeupStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn' | 'revoked'

/** HR's revocation of an approved request: the listed reason (code and label) and HR's short note. */
export interface RevocationView {
  code: string
  label: string
  note: string
  at: string // ISO instant
}

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
  /** set when HR revoked the approval */
  revocation?: RevocationView
  /** the approval chain (审批流程): its steps and where the request stands */
  chain?: ChainView
}

/** One failed attempt the app recorded itself (time and error), kept as evidence for a later make-up. */
export interface FailureEvidence {
  at: string // ISO instant
  error: string
}

/** What can happen to a request (core/makeup/requests.ts says from which status to which). */
export type RequestAction =
  | 'submit'
  | 'autoApprove'
  | 'approve'
  | 'reject'
  | 'return'
  | 'withdraw'
  | 'resubmit'
  | 'revoke'
  | 'advance'
  | 'transfer'
  | 'addSigner'

export interface TimelineEntry {
  action: RequestAction
  from: MakeupStatus | null
  to: MakeupStatus
  actor: { kind: 'member' | 'reviewer' | 'system'; id: string }
  at: string // ISO instant
  reason: string
  /** the chain step it happened at (0-based), and the member a step was handed or added to */
  step?: number
  assignee?: string
}

/** One step of the request's approval chain as people see it. */
export interface ChainStepView {
  label: string
  kind: 'reviewers' | 'hr' | 'member'
  /** how the step came to be: the policy's, 转交, 加签 before / after */
  via?: 'transfer' | 'before' | 'after'
  state: 'done' | 'current' | 'waiting'
  decidedBy?: string
  /** a named member's step: who (the label is their name) */
  memberId?: string
}

/** The request's approval chain: its steps, and who is copied on the outcome (names). */
export interface ChainView {
  steps: ChainStepView[]
  cc: string[]
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

/** The member's request to have make-up enabled (申请开通) and HR's answer. */
export interface AccessRequestView {
  status: 'pending' | 'granted' | 'declined'
  requestedAt: string // ISO instant
  decidedAt?: string
  note?: string
}

export interface MakeupApi {
  /** `lastReport` prefills the make-up form ("one-click") */
  slots: [
    ClientInfo,
    SlotsView & {
      lastReport: LastReport | null
      /** what the policy of the member's region accepts as attachments: the uploader follows it */
      attachments: Policy['attachments']
    },
  ]
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
  /** ask HR to enable make-up for me (申请开通) when the policy opens it only to enabled members */
  requestAccess: [{ reason?: string } & ClientInfo, AccessRequestView]
}
