// Who may review what: roles come from the caller's member record (never from the event), a request is routed to
// the reviewers of the member's department (or to the HR admins when that department has none), a reviewer may
// hand their departments to a delegate for a date range, and nobody reviews their own request. Pure.
import type { HealthReport } from '../health'
import { DomainError, type LocalDay, type Role } from '../shared'
import type { ReportChannel } from './contract'
import { localDay } from '../calendar'
import { checkinId, type AuditDoc, type CheckinDoc, type MakeupDoc, type MemberDoc } from '../makeup'
import { REJECT_REASONS, type RejectReason, type RevokeReason } from './reasons'

/** A member as the review rules see it; `reviewDepts` widens a reviewer's scope beyond their own department. */
export type ReviewerRecord = Pick<MemberDoc, '_id' | 'companyId' | 'dept' | 'roles' | 'status'> & {
  reviewDepts?: string[]
}

/** A reviewer hands their review scope to another member for the days `from`..`until` (inclusive). */
export interface DelegationDoc {
  /** = the delegating reviewer's member id: one live delegation per reviewer */
  _id: string
  companyId: string
  from: string
  to: string
  start: LocalDay
  until: LocalDay
  createdAt: Date
}

/** What a caller may see and decide: the whole company, or these departments. */
export type ReviewScope = { kind: 'company' } | { kind: 'depts'; depts: string[] } | { kind: 'none' }

export const isHrAdmin = (m: Pick<MemberDoc, 'roles'>) => m.roles.includes('hr')
export const isReviewer = (m: Pick<MemberDoc, 'roles'>) => m.roles.includes('reviewer')

/** Departments a reviewer covers by their own role: the listed ones, else their own department. */
export function ownDepts(m: ReviewerRecord): string[] {
  if (!isReviewer(m)) return []
  return m.reviewDepts && m.reviewDepts.length > 0 ? [...m.reviewDepts] : [m.dept]
}

export function isDelegationActive(d: Pick<DelegationDoc, 'start' | 'until'>, today: LocalDay): boolean {
  return d.start <= today && today <= d.until
}

/**
 * The caller's review scope today: HR admins cover the company; reviewers their departments plus those of
 * reviewers who delegated to them for today; everyone else nothing. A reviewer who delegated keeps their own
 * scope (delegation adds a reviewer, it does not lock the owner out).
 */
export function reviewScope(
  caller: ReviewerRecord,
  delegators: ReviewerRecord[],
  delegations: Pick<DelegationDoc, 'from' | 'to' | 'start' | 'until' | 'companyId'>[],
  today: LocalDay,
): ReviewScope {
  if (caller.status !== 'active') return { kind: 'none' }
  if (isHrAdmin(caller)) return { kind: 'company' }
  const depts = new Set(ownDepts(caller))
  for (const d of delegations) {
    if (d.to !== caller._id || d.companyId !== caller.companyId || !isDelegationActive(d, today)) continue
    const from = delegators.find((m) => m._id === d.from)
    if (from && from.status === 'active' && from.companyId === caller.companyId)
      for (const dept of isHrAdmin(from) ? [] : ownDepts(from)) depts.add(dept)
  }
  return depts.size > 0 ? { kind: 'depts', depts: [...depts].sort() } : { kind: 'none' }
}

export function scopeCovers(scope: ReviewScope, dept: string): boolean {
  return scope.kind === 'company' || (scope.kind === 'depts' && scope.depts.includes(dept))
}

/**
 * The reviewers a request of a member in `dept` is routed to: the active reviewers covering that department,
 * else the company's HR admins. Never empty while the company has an HR admin; the requester is never included.
 */
export function reviewersFor<M extends ReviewerRecord>(
  requester: Pick<MemberDoc, '_id' | 'dept'>,
  members: M[],
): M[] {
  const active = members.filter((m) => m.status === 'active' && m._id !== requester._id)
  const reviewers = active.filter((m) => ownDepts(m).includes(requester.dept))
  return reviewers.length > 0 ? reviewers : active.filter(isHrAdmin)
}

/**
 * Refuses unless the caller may decide this member's request: same company, a scope covering the member's
 * department, and not their own request. HR admins cover the whole company; reviewers of a department that is
 * routed to HR (no reviewers of its own) cannot see it unless it is in their scope.
 */
export function assertMayReview(
  scope: ReviewScope,
  caller: Pick<MemberDoc, '_id' | 'companyId'>,
  requester: Pick<MemberDoc, '_id' | 'companyId' | 'dept'>,
): void {
  if (requester.companyId !== caller.companyId) throw new DomainError('REQUEST_NOT_FOUND')
  if (!scopeCovers(scope, requester.dept)) throw new DomainError('FORBIDDEN', 'outside review scope')
  if (requester._id === caller._id) throw new DomainError('OWN_REQUEST')
}

export function assertHasScope(scope: ReviewScope): void {
  if (scope.kind === 'none') throw new DomainError('FORBIDDEN', 'not a reviewer')
}

export function roleOf(m: Pick<MemberDoc, 'roles'>): Role {
  return isHrAdmin(m) ? 'hr' : isReviewer(m) ? 'reviewer' : 'employee'
}

/** The reason stored and shown for a rejection: the listed label, then the reviewer's text. */
export function rejectionText(code: RejectReason, text: string): string {
  const t = text.trim()
  if (code === 'other' && t === '') throw new DomainError('FIELD_REQUIRED', 'reason text')
  return t === '' ? REJECT_REASONS[code] : `${REJECT_REASONS[code]}：${t}`
}

/**
 * Refuses unless the caller may revoke this approved request: an HR admin of the request's company, not about
 * their own request, and the request approved (an already revoked one names who did it). Checked before the
 * write and again on the stored document inside it (a concurrent revocation or decision got there first).
 */
export function assertMayRevoke(
  caller: Pick<MemberDoc, '_id' | 'companyId' | 'roles'>,
  request: Pick<MakeupDoc, 'companyId' | 'memberId' | 'status' | 'revokedBy'>,
): void {
  if (request.companyId !== caller.companyId) throw new DomainError('REQUEST_NOT_FOUND')
  if (!isHrAdmin(caller)) throw new DomainError('FORBIDDEN', 'HR admins only')
  if (request.memberId === caller._id) throw new DomainError('OWN_REQUEST')
  if (request.status === 'revoked') throw new DomainError('ALREADY_REVOKED', request.revokedBy ?? '')
  if (request.status !== 'approved') throw new DomainError('REQUEST_NOT_APPROVED', request.status)
}

/** HR's note on a revocation, trimmed; the listed reason 'other' needs one. */
export function revocationNote(code: RevokeReason, note: string): string {
  const t = note.trim()
  if (code === 'other' && t === '') throw new DomainError('FIELD_REQUIRED', 'revocation note')
  return t
}

/** Validates a delegation: to someone else in the company, a sane range, at most 90 days. */
export function checkDelegation(
  from: ReviewerRecord,
  to: ReviewerRecord | null,
  start: LocalDay,
  until: LocalDay,
  today: LocalDay,
): void {
  if (!isReviewer(from) && !isHrAdmin(from)) throw new DomainError('FORBIDDEN', 'only reviewers delegate')
  if (!to || to.companyId !== from.companyId || to.status !== 'active')
    throw new DomainError('MEMBER_NOT_FOUND')
  if (to._id === from._id) throw new DomainError('INVALID_INPUT', 'delegate to self')
  if (until < start || until < today) throw new DomainError('INVALID_INPUT', 'range')
  const days = (a: LocalDay, b: LocalDay) => (Date.parse(b) - Date.parse(a)) / 86_400_000
  if (days(start, until) > 90) throw new DomainError('INVALID_INPUT', 'range too long')
  // a leave planned ahead, not a standing rule decades away
  if (days(today, start) > 365) throw new DomainError('INVALID_INPUT', 'start too far ahead')
}

/** Audit entries the review function writes besides request transitions: special decisions, refusals, delegation. */
export type ReviewAuditDoc = Omit<AuditDoc, 'action' | 'subject'> & {
  subject: AuditDoc['subject'] | 'review' | 'checkin'
  action: AuditDoc['action'] | 'grant' | 'deny' | 'refused' | 'delegate' | 'correct' | 'onBehalf' | 'export'
  /**
   * for corrections and on-behalf entries: the names of the health fields written. The values themselves stay on
   * the record (`corrections`), which only its member's reviewers and HR admins can read: never in the audit log.
   */
  fields?: (keyof HealthReport)[]
}

/** A record HR changed after the fact: what it said before, what it says now, who, when, why. */
export interface Correction {
  at: Date
  by: string
  before: HealthReport
  after: HealthReport
  note: string
}

/** The effective record as HR corrections and on-behalf entries extend it. */
export type ReviewedCheckin = CheckinDoc & {
  corrections?: Correction[]
  /**
   * set when HR entered the record for an employee who reported by phone or e-mail; `charged`: whether the day
   * counts against the member's make-up quota (not in a maintenance window, and HR did not waive it)
   */
  onBehalf?: {
    by: string
    channel: ReportChannel
    note: string
    at: Date
    charged?: boolean
    /** the batch entry that wrote it (core/review/batch.ts): a retry of the batch finds it */
    batchId?: string
  }
}

/** The fields whose values differ between two reports (all of `after`'s when there is no `before`). */
export function changedFields(before: HealthReport | null, after: HealthReport): (keyof HealthReport)[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])] as (keyof HealthReport)[]
  return keys.filter((k) => before?.[k] !== after[k])
}

/** Corrects a record: the new report replaces the effective one, every earlier version stays in `corrections`. */
export function correctRecord(
  record: ReviewedCheckin,
  report: HealthReport,
  by: string,
  note: string,
  at: Date,
): ReviewedCheckin {
  if (note.trim() === '') throw new DomainError('FIELD_REQUIRED', 'note')
  const correction: Correction = { at, by, before: record.report, after: report, note: note.trim() }
  return { ...record, report, corrections: [...(record.corrections ?? []), correction] }
}

/** The record HR enters for an employee who reported the day by phone or e-mail (never a future day). */
export function onBehalfRecord(
  member: Pick<MemberDoc, '_id' | 'companyId' | 'joinedOn'>,
  day: LocalDay,
  report: HealthReport,
  entry: { by: string; channel: ReportChannel; note: string; charged: boolean },
  at: Date,
): ReviewedCheckin {
  if (day > localDay(at)) throw new DomainError('DAY_IN_FUTURE')
  if (day < member.joinedOn) throw new DomainError('DAY_BEFORE_JOINING')
  if (entry.note.trim() === '') throw new DomainError('FIELD_REQUIRED', 'note')
  return {
    _id: checkinId(member._id, day),
    companyId: member.companyId,
    memberId: member._id,
    day,
    report,
    source: 'hr',
    at,
    onBehalf: { ...entry, note: entry.note.trim(), at },
  }
}
