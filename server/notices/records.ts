// What the notice machinery stores: the outbox (one document per notice and recipient, which is also the in-app
// notice list), the database ledger of one-time authorisations, and the cursor of each reminder run.
import type { NoticeKind, NoticeStatus, NoticeValues } from '@core/notices'

export const OUTBOX = 'outbox'
export const SUBSCRIPTIONS = 'subscriptions'
export const REMINDER_RUNS = 'reminderRuns'

/** Who a fan-out notice goes to; the dispatcher expands it into one document per recipient. */
export type Audience =
  | { kind: 'member'; memberId: string }
  /** the reviewers of this member's department (else the HR admins), never the member */
  | { kind: 'reviewersOf'; memberId: string }
  /** the HR admins, never `about` (the applicant, when an HR admin's own request waits for the HR step) */
  | { kind: 'hrAdmins'; about?: string }
  /** these members (a request's copied members, 抄送), about `about` (the applicant), never `about` itself */
  | { kind: 'members'; memberIds: string[]; about: string }

/** Why a notice did not end as a WeChat message. */
export type NoticeReason =
  | 'noAuthorisation' // 43101 or the ledger says none left: in-app only
  | 'notBound' // the member has no WeChat user
  | 'configError' // 47003 / 40037 / 41030: template id, fields or page are wrong
  | 'invalidRecipient' // 40003
  | 'retriesExhausted' // timeouts and system errors, K times
  | 'noRecipient' // nobody to send a fan-out notice to
  | 'format' // the values could not be fitted to the template

export type OutboxStatus = 'sending' | 'expanded' | NoticeStatus

export interface OutboxDoc {
  /** the idempotency key (core/notices noticeKey), '.<memberId>' appended for each recipient of a fan-out */
  _id: string
  companyId: string
  kind: NoticeKind
  values: NoticeValues
  /** the recipient; null on a fan-out document */
  memberId: string | null
  audience?: Audience
  status: OutboxStatus
  /** next attempt (pending) or the end of the sender's lease (sending) */
  dueAt: Date
  attempts: number
  reason?: NoticeReason
  /** WeChat's errcode and message of the last failure */
  detail?: string
  /** sent to a delegate or HR admin because the first recipient could not be reached */
  fallback?: boolean
  /** the member the notice is about (a requester), never one of its recipients */
  about?: string
  /** how many recipients the fan-out it came from had */
  fanout?: number
  title: string
  body: string
  page: string
  read: boolean
  at: Date
  msgid?: string
  sentAt?: Date
}

/** _id = `${memberId}_${templateId}`: accepted one-time authorisations not yet used. */
export interface SubscriptionDoc {
  _id: string
  companyId: string
  memberId: string
  templateId: string
  remaining: number
  updatedAt: Date
}

/** _id = `${companyId}_${job}_${day}`: where a reminder run got to, so the next run continues there. */
export interface ReminderRunDoc {
  _id: string
  companyId: string
  job: string
  day: string
  /** last member id handled (members are paged by _id) */
  cursor: string | null
  done: boolean
  sent: number
  fallenBack: number
  updatedAt: Date
}
