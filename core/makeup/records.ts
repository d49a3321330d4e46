// What the functions store, one interface per collection (database/collections.json lists the same names and
// their indexes), plus the pure rules for the per-member-per-cycle quota document. Every document carries its
// `companyId`: the deployment is multi-company and every query includes it.
import {
  type ApprovalStep,
  type AttachmentKind,
  type CopiedMember,
  hasQuotaLeft,
  type Policy,
  type RequestStep,
} from '../policy'
import type { FailureEvidence, MakeupStatus, SpecialStatus } from './contract'
import type { HealthReport } from '../health'
import { DomainError, type LocalDay, type Role } from '../shared'
import type { MakeupReasonKind } from './reasons'
import { type Actor, type AuditEntry, OPEN_STATUSES, type RequestAction } from './requests'

export const COLLECTIONS = {
  companies: 'companies',
  members: 'members',
  bindings: 'bindings',
  checkins: 'checkins',
  makeups: 'makeups',
  quotas: 'quotas',
  specials: 'specials',
  maintenance: 'maintenance',
  audit: 'audit',
  accessRequests: 'accessRequests',
} as const

export interface CompanyDoc {
  _id: string
  name: string
  /** what employees type to bind (with their employee number and name) */
  inviteCode: string
  policy: Policy
  createdAt: Date
  /** per-company salt of members' phone hashes (created with the first roster that carries numbers) */
  phoneSalt?: string
}

export interface MemberDoc {
  _id: string
  companyId: string
  employeeNo: string
  name: string
  dept: string
  region: string
  roles: Role[]
  joinedOn: LocalDay
  makeupEnabled: boolean
  identityBound: boolean
  /** how the identity was bound: the WeChat phone number matched the roster, or HR confirmed it by hand */
  identityBoundBy?: 'phone' | 'hr'
  /** roster phone number, salted and hashed per company (companies.phoneSalt); never stored in clear */
  phoneHash?: string | null
  /** SOTER verification valid until (the region's `extraVerificationDays` after the last success) */
  extraVerifiedUntil?: Date | null
  /** the one SOTER challenge the member may answer, until it expires */
  soterChallenge?: { value: string; expiresAt: Date } | null
  /** the bound WeChat user, null until bound */
  openid: string | null
  status: 'active' | 'left'
}

/** _id = openid: a WeChat user belongs to one company at a time. */
export interface BindingDoc {
  _id: string
  companyId: string
  memberId: string
  boundAt: Date
}

/** The effective check-in of one member for one day; _id = checkinId(memberId, day) keeps it unique. */
export interface CheckinDoc {
  _id: string
  companyId: string
  memberId: string
  day: LocalDay
  report: HealthReport
  source: 'daily' | 'makeup' | 'hr'
  /** the make-up request that produced it */
  requestId?: string
  clientRequestId?: string
  at: Date
}

/** _id = requestDocId(memberId, clientRequestId): duplicates of one client request collapse into one document. */
export interface MakeupDoc {
  _id: string
  companyId: string
  memberId: string
  /**
   * the member's department, copied at submit and kept current while the request is open (admin's member update):
   * a reviewer's queue is one indexed query on it. Requests stored before it existed lack it (see the seed).
   */
  dept?: string
  day: LocalDay
  status: MakeupStatus
  /** the category of the reason (core/makeup/reasons.ts); absent on requests stored before categories */
  reasonKind?: MakeupReasonKind
  report: HealthReport
  reason: string
  attachments: string[]
  attachmentKind?: AttachmentKind
  failures?: FailureEvidence[]
  cycle: string
  charged: boolean
  granted: boolean
  policyVersion: number
  submittedAt: Date
  updatedAt: Date
  decidedAt?: Date
  decidedBy?: string
  decisionNote?: string
  /** a rejection's listed reason (core/review REJECT_REASONS): what copies of the decision carry, never the note */
  decisionCode?: string
  /** files this request no longer refers to (replaced by a resubmission), deleted once the change is stored */
  discardedFiles?: string[]
  /** set when HR revoked the approval (the decision fields keep the approval) */
  revokedAt?: Date
  revokedBy?: string
  /** the listed revocation reason (core/review REVOKE_REASONS): what copies carry, never the note */
  revokeCode?: string
  /** HR's short note, shown on the request only */
  revokeNote?: string
  /**
   * The reservation the document itself holds (unique indexes on `makeups`, core/README.md): `d:<member>_<day>`
   * while it holds its day (open or approved), `q:<member>_<cycle>_<n>` while it holds unit n of the cycle's
   * quota; a released key is `x:<_id>` (never removed: a unique index treats missing fields as one null value).
   */
  dayKey: string
  slotKey: string
  /** `<member>_<cycle>`: how the member's holders of a cycle are joined (index `by_quota_key`) */
  quotaKey: string
  /** audit entries and notices of the changes, written with them and moved out by the notify timer */
  events?: RequestEvent[]
  /** set while `events` holds something to move (index `by_events_due`) */
  eventsDue?: boolean
  /** counts the changes that appended events: the timer clears only what it moved */
  eventsSeq?: number
  /**
   * the approval chain it started with (core/review chain.ts) and where it stands: the index of the current step,
   * that step's kind and named member (what queues filter on); absent on requests stored before chains (one step)
   */
  chain?: RequestStep[]
  step?: number
  stepKind?: ApprovalStep['kind']
  stepMember?: string | null
  /** members copied (抄送) on the final decision */
  cc?: CopiedMember[]
  /** the bulk approval that decided it (which documents one update approved) */
  decisionId?: string
  /**
   * the effective record is checked by the notify timer once the request is still: an approval's written, a
   * revocation's gone (the deciding call does it right after its update; a crash or a late write is caught here)
   */
  recordDue?: boolean
}

/** What a change leaves to be copied out of its request: its audit entry and, when it causes one, its notice. */
export interface RequestEvent extends AuditEntry {
  /** unique within the request: the action and the time of the change */
  id: string
  /** the notices (server/notices NewNotice), when the change causes any */
  notice?: object | object[]
  /** a bulk approval's reviewer: its notice is built by the timer from the document (the day is each one's own) */
  noticeBy?: string
}

/**
 * An HR on-behalf entry's hold on its day and quota unit, stored among the requests so that the same unique keys
 * arbitrate between it and a member's make-up of the day. It carries no day field, status or content: readers of
 * requests never see it; only the quota view (quotasOf) counts it.
 */
export interface ClaimDoc {
  _id: string
  companyId: string
  memberId: string
  cycle: string
  claimDay: LocalDay
  dayKey: string
  slotKey: string
  quotaKey: string
  at: Date
}

/** One per member per quota cycle; the single document every reservation transaction reads and writes. */
export interface QuotaDoc {
  _id: string
  companyId: string
  memberId: string
  cycle: string
  /** charged requests currently holding quota */
  used: number
  /** days of this cycle with an open (pending / returned) request */
  openDays: LocalDay[]
  /**
   * days of this cycle made up by an approved request: never reserved again. The reservation transaction reads
   * only this document, so this is what keeps a day from being made up twice (e.g. concurrent auto-approvals).
   */
  madeUpDays?: LocalDay[]
  updatedAt: Date
}

/** _id = specialId(memberId, day): one live special-handling request per member and day. */
export interface SpecialDoc {
  _id: string
  /** the filing's client request id: the same id again returns this document */
  clientRequestId?: string
  companyId: string
  memberId: string
  day: LocalDay
  reason: string
  evidence: string[]
  status: SpecialStatus
  submittedAt: Date
  /** set when granted: the day can be made up once until then */
  grantDeadline?: Date
  /** the grant was consumed by a make-up submission */
  used: boolean
  /** set when granted: false = the make-up of the day is not counted against the quota */
  charged?: boolean
  decidedBy?: string
  /** evidence of an earlier filing of the day this one replaced, deleted once the filing is stored */
  discardedFiles?: string[]
}

export interface MaintenanceDoc {
  _id: string
  companyId: string
  start: Date
  end: Date
  note: string
}

export interface AuditDoc {
  _id?: string
  companyId: string
  subject: 'makeup' | 'special' | 'member'
  subjectId: string
  memberId: string
  action: RequestAction | 'bind' | 'requestSpecial' | 'requestAccess' | 'identityBound' | 'extraVerified'
  from: string | null
  to: string
  actor: Actor
  at: Date
  /**
   * a category from a fixed catalogue (reason kind, listed rejection reason …), never a member's or reviewer's
   * free text: the audit log outlives the records it speaks of (core/privacy, PRIVACY.md)
   */
  reason: string
  /** an admin edit's changed fields, "field: before → after" (admin function; ids, settings, flags only) */
  changes?: string[]
  /** a review's chain step, and the member a step was handed or added to (ids only) */
  step?: number
  assignee?: string
}

/**
 * A member's request to have make-up enabled for them (申请开通), where the policy opens it only to members an admin
 * enabled. One per member (_id = member id): a new request after a decline replaces the old one.
 */
export type AccessStatus = 'pending' | 'granted' | 'declined'

export interface AccessRequestDoc {
  _id: string
  companyId: string
  memberId: string
  status: AccessStatus
  reason: string
  requestedAt: Date
  decidedAt?: Date
  decidedBy?: string
  note?: string
}

/** Every per-member document id is the member id, '_', and what makes it unique for that member. */
export const MEMBER_ID_SEPARATOR = '_'
const memberScoped = (memberId: string, key: string) => `${memberId}${MEMBER_ID_SEPARATOR}${key}`
export const checkinId = (memberId: string, day: LocalDay) => memberScoped(memberId, day)
export const requestDocId = (memberId: string, clientRequestId: string) =>
  memberScoped(memberId, clientRequestId)
export const specialId = (memberId: string, day: LocalDay) => memberScoped(memberId, day)
export const quotaId = (memberId: string, cycle: string) => memberScoped(memberId, cycle)
export const claimId = (memberId: string, day: LocalDay) => `hr:${memberScoped(memberId, day)}`

export const dayKeyOf = (memberId: string, day: LocalDay) => `d:${memberScoped(memberId, day)}`
export const slotKeyOf = (memberId: string, cycle: string, n: number) =>
  `q:${memberScoped(memberId, cycle)}_${n}`
/** a key given back: unique to its document, so released keys never collide */
export const releasedKey = (id: string) => `x:${id}`
const held = (key: string | undefined, prefix: 'd:' | 'q:') => Boolean(key?.startsWith(prefix))

/** The keys a new holder takes: its day, and unit `slot` of the cycle (none when not charged). */
export function holdKeys(id: string, memberId: string, day: LocalDay, cycle: string, slot: number | null) {
  return {
    dayKey: dayKeyOf(memberId, day),
    slotKey: slot === null ? releasedKey(id) : slotKeyOf(memberId, cycle, slot),
    quotaKey: quotaId(memberId, cycle),
  }
}

/**
 * Unit numbers 1..cap not held by any of these holders (one cycle's), lowest first; none while `cap` or more are
 * held (a cap lowered below the units held). Without a cap units are still numbered, so `used` stays counted.
 */
export function freeSlots(holders: Pick<MakeupDoc, 'slotKey'>[], cap: number | null): number[] {
  const taken = new Set(
    holders.filter((h) => held(h.slotKey, 'q:')).map((h) => Number(h.slotKey.split('_').pop())),
  )
  const top = cap ?? taken.size + UNCAPPED_SPARE
  if (taken.size >= top) return []
  return Array.from({ length: top }, (_, i) => i + 1).filter((n) => !taken.has(n))
}

/** without a cap, how many units past those held a submission tries (each only if the ones before are taken) */
const UNCAPPED_SPARE = 20

export type Holder = Pick<
  MakeupDoc,
  '_id' | 'companyId' | 'memberId' | 'cycle' | 'dayKey' | 'slotKey' | 'quotaKey'
> &
  Partial<Pick<MakeupDoc, 'day' | 'status' | 'updatedAt'>> &
  Partial<Pick<ClaimDoc, 'claimDay' | 'at'>>

/**
 * The quota view of members' cycles, derived from the documents that hold keys (requests and HR claims): units
 * held, days with an open request, days made up (approved or entered by HR). The same numbers the unique keys
 * enforce, in the shape every reader already uses.
 */
export function quotasOf(holders: Holder[]): QuotaDoc[] {
  const byCycle = new Map<string, QuotaDoc>()
  for (const h of holders) {
    // one view per member and cycle (callers may pass several members' holders)
    const key = quotaId(h.memberId, h.cycle)
    const q = byCycle.get(key) ?? {
      ...emptyQuota(h.companyId, h.memberId, h.cycle, h.updatedAt ?? h.at ?? new Date(0)),
      madeUpDays: [],
    }
    byCycle.set(key, q)
    if (held(h.slotKey, 'q:')) q.used += 1
    if (!held(h.dayKey, 'd:')) continue
    const day = (h.day ?? h.claimDay) as LocalDay
    if (h.status && OPEN_STATUSES.includes(h.status)) q.openDays.push(day)
    else q.madeUpDays!.push(day)
  }
  return [...byCycle.values()]
}

/**
 * Gives requests stored without keys (seeded data, data from before the keys) the keys their status holds, units
 * numbered per member and cycle in submission order: the one-off backfill before the unique indexes exist.
 */
export function withHoldKeys<T extends Omit<MakeupDoc, 'dayKey' | 'slotKey' | 'quotaKey'>>(
  docs: T[],
  quota: { refundOnRejection: boolean; revokeRefunds?: boolean } = { refundOnRejection: true },
): (T & Pick<MakeupDoc, 'dayKey' | 'slotKey' | 'quotaKey'>)[] {
  const next = new Map<string, number>()
  const holdsUnit = (d: T) =>
    d.charged &&
    (OPEN_STATUSES.includes(d.status) ||
      d.status === 'approved' ||
      (d.status === 'rejected' && !quota.refundOnRejection) ||
      (d.status === 'revoked' && quota.revokeRefunds === false))
  const order = [...docs].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())
  const keyed = new Map(
    order.map((d) => {
      const qk = quotaId(d.memberId, d.cycle)
      const n = holdsUnit(d) ? (next.get(qk) ?? 0) + 1 : null
      if (n !== null) next.set(qk, n)
      const holdsDay = OPEN_STATUSES.includes(d.status) || d.status === 'approved'
      const keys = holdKeys(d._id, d.memberId, d.day, d.cycle, n)
      return [d, { ...d, ...keys, ...(holdsDay ? {} : { dayKey: releasedKey(d._id) }) }] as const
    }),
  )
  return docs.map((d) => keyed.get(d)!)
}

/** Which index a duplicate-key error names (`… index: <name> dup key …`), or null for another error. */
export function duplicateIndex(e: unknown): string | null {
  const m = /duplicate key error.*index: (\S+)/i.exec(String((e as Error)?.message ?? e))
  return m ? m[1] : null
}

export function emptyQuota(companyId: string, memberId: string, cycle: string, now: Date): QuotaDoc {
  return { _id: quotaId(memberId, cycle), companyId, memberId, cycle, used: 0, openDays: [], updatedAt: now }
}

/** Reserves the day (and one unit of quota when charged) on the cycle's quota document, or refuses. */
export function reserveOnQuota(
  doc: QuotaDoc,
  day: LocalDay,
  charged: boolean,
  cap: number | null,
  now: Date,
): QuotaDoc {
  if (doc.openDays.includes(day)) throw new DomainError('DAY_HAS_OPEN_REQUEST', day)
  if (doc.madeUpDays?.includes(day)) throw new DomainError('DAY_ALREADY_CHECKED', day)
  if (charged && !hasQuotaLeft(doc.used, cap)) throw new DomainError('QUOTA_EXHAUSTED', doc.cycle)
  return { ...doc, used: doc.used + (charged ? 1 : 0), openDays: [...doc.openDays, day], updatedAt: now }
}

/**
 * Applies a transition's effect to the quota document: the day stops being open when the request closes
 * (approved / rejected / withdrawn), `refund` units (from quotaDelta) go back, and an approved day is marked
 * made up.
 */
/**
 * The effect of revoking an approved request on its quota document: the day is no longer made up (it can be
 * made up again) and, when `refund`, its unit goes back.
 */
export function revokeOnQuota(doc: QuotaDoc, day: LocalDay, refund: boolean, now: Date): QuotaDoc {
  return {
    ...doc,
    used: Math.max(0, doc.used - (refund ? 1 : 0)),
    madeUpDays: (doc.madeUpDays ?? []).filter((d) => d !== day),
    updatedAt: now,
  }
}

export function releaseOnQuota(
  doc: QuotaDoc,
  day: LocalDay,
  refund: boolean,
  now: Date,
  approved = false,
): QuotaDoc {
  return {
    ...doc,
    used: Math.max(0, doc.used - (refund ? 1 : 0)),
    openDays: doc.openDays.filter((d) => d !== day),
    ...(approved ? { madeUpDays: [...(doc.madeUpDays ?? []).filter((d) => d !== day), day] } : {}),
    updatedAt: now,
  }
}
