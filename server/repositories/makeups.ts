// Make-up requests, the quota documents they reserve, and the audit log of their transitions.
import { DomainError, type LocalDay } from '@core/shared'
import {
  type Actor,
  type AuditDoc,
  type CheckinDoc,
  checkinId,
  COLLECTIONS,
  emptyQuota,
  MAKEUP_REASONS,
  type MakeupDoc,
  type MakeupRequestView,
  type MakeupStatus,
  quotaDelta,
  type QuotaDoc,
  quotaId,
  reasonKindOf,
  releaseOnQuota,
  type RequestAction,
  reserveOnQuota,
  revokeOnQuota,
  type TimelineEntry,
  transition,
} from '@core/makeup'
import { isoShanghai } from '@core/calendar'
import type { Policy } from '@core/policy'
import { discardedFiles } from '@core/privacy'
import { REVOKE_REASONS, type RevokeReason } from '@core/review'
import { find, getById, insert, patch, replace, withTransaction, type Db, type DocStore } from '../sdk'

export function getRequest(store: DocStore, id: string): Promise<MakeupDoc | null> {
  return getById<MakeupDoc>(store, COLLECTIONS.makeups, id)
}

/** A transition guard: only the member's own request (others' ids read as not found: no existence leak). */
export function ownedBy(companyId: string, memberId: string) {
  return (doc: MakeupDoc): void => {
    if (doc.companyId !== companyId || doc.memberId !== memberId) throw new DomainError('REQUEST_NOT_FOUND')
  }
}

export function requestsBetween(db: Db, companyId: string, memberId: string, from: LocalDay, to: LocalDay) {
  const _ = db.command
  return find<MakeupDoc>(
    db,
    COLLECTIONS.makeups,
    { companyId, memberId, day: _.and(_.gte(from), _.lte(to)) },
    { orderBy: ['day', 'desc'], limit: 200 },
  )
}

export function listRequests(db: Db, companyId: string, memberId: string, status?: MakeupStatus) {
  return find<MakeupDoc>(
    db,
    COLLECTIONS.makeups,
    status ? { companyId, memberId, status } : { companyId, memberId },
    { orderBy: ['submittedAt', 'desc'], limit: 100 },
  )
}

export function quotasFor(db: Db, companyId: string, memberId: string, cycles: string[]) {
  const _ = db.command
  return find<QuotaDoc>(db, COLLECTIONS.quotas, { companyId, memberId, cycle: _.in(cycles) }, { limit: 20 })
}

export function timeline(db: Db, companyId: string, requestId: string) {
  return find<AuditDoc>(
    db,
    COLLECTIONS.audit,
    { companyId, subject: 'makeup', subjectId: requestId },
    { orderBy: ['at', 'asc'], limit: 100 },
  )
}

function auditOf(doc: MakeupDoc, entry: ReturnType<typeof transition>): AuditDoc {
  return {
    companyId: doc.companyId,
    subject: 'makeup',
    subjectId: doc._id,
    memberId: doc.memberId,
    action: entry.action,
    from: entry.from,
    to: entry.to,
    actor: entry.actor,
    at: entry.at,
    reason: entry.reason,
  }
}

async function loadQuota(tx: DocStore, doc: MakeupDoc, now: Date): Promise<QuotaDoc> {
  return (
    (await getById<QuotaDoc>(tx, COLLECTIONS.quotas, quotaId(doc.memberId, doc.cycle))) ??
    emptyQuota(doc.companyId, doc.memberId, doc.cycle, now)
  )
}

/**
 * Closes a request's day on its quota document (releaseOnQuota's effect) with update operators, which need no
 * read: they commute with any concurrent change, and the request document the transition read and rewrites is
 * what serialises transitions. A missing quota document (a request stored without one) is written whole.
 */
async function releaseDay(
  db: Db,
  tx: DocStore,
  doc: MakeupDoc,
  refund: boolean,
  approved: boolean,
  now: Date,
): Promise<void> {
  const _ = db.command
  const id = quotaId(doc.memberId, doc.cycle)
  const changed = await patch(tx, COLLECTIONS.quotas, id, {
    ...(refund ? { used: _.inc(-1) } : {}),
    openDays: _.pull(doc.day),
    ...(approved ? { madeUpDays: _.addToSet(doc.day) } : {}),
    updatedAt: now,
  })
  // nothing changed: either no document, or one already in this state (then it is left as it is)
  if (changed === 0 && !(await getById<QuotaDoc>(tx, COLLECTIONS.quotas, id))) {
    const empty = emptyQuota(doc.companyId, doc.memberId, doc.cycle, now)
    await replace(tx, COLLECTIONS.quotas, releaseOnQuota(empty, doc.day, refund, now, approved))
  }
}

/**
 * Undoes an approval's effects on the quota document (the day no longer made up, the unit back when `refund`),
 * with update operators as releaseDay does, and removes the day's effective record. That record is the approval's:
 * while the day is marked made up no other write can create one (submit, on-behalf and check-in refuse it), and
 * a concurrent correction of it conflicts with this transaction.
 */
async function revokeDay(db: Db, tx: DocStore, doc: MakeupDoc, refund: boolean, now: Date): Promise<void> {
  const _ = db.command
  const id = quotaId(doc.memberId, doc.cycle)
  const changed = await patch(tx, COLLECTIONS.quotas, id, {
    ...(refund ? { used: _.inc(-1) } : {}),
    madeUpDays: _.pull(doc.day),
    updatedAt: now,
  })
  if (changed === 0 && !(await getById<QuotaDoc>(tx, COLLECTIONS.quotas, id))) {
    const empty = emptyQuota(doc.companyId, doc.memberId, doc.cycle, now)
    await replace(tx, COLLECTIONS.quotas, revokeOnQuota(empty, doc.day, refund, now))
  }
  await tx.collection(COLLECTIONS.checkins).doc(checkinId(doc.memberId, doc.day)).remove()
}

/** Writes the day's effective record from an approved request. */
async function writeEffectiveRecord(tx: DocStore, doc: MakeupDoc, now: Date): Promise<void> {
  await replace<CheckinDoc>(tx, COLLECTIONS.checkins, {
    _id: checkinId(doc.memberId, doc.day),
    companyId: doc.companyId,
    memberId: doc.memberId,
    day: doc.day,
    report: doc.report,
    source: 'makeup',
    requestId: doc._id,
    at: now,
  })
}

export interface NewRequest {
  doc: MakeupDoc
  autoApprove: boolean
  cap: number | null
  /** the special-handling grant this submission consumes */
  grantId?: string
  /** more writes that belong to the same step (e.g. a notice in the outbox), run inside the transaction */
  alsoWrite?: (tx: DocStore, stored: MakeupDoc) => Promise<void>
}

/**
 * Creates a request in one transaction on the cycle's single quota document: reserve the day and the quota,
 * insert the request, append the audit entries, and with review off approve at once and write the effective
 * record. Its _id is derived from the client request id: the caller looks the id up before (in the same read
 * as the facts); a concurrent duplicate either finds the day reserved here (a refusal, after which the caller
 * returns the first request) or fails the insert of the same _id, so it never creates a second request.
 */
export async function createRequest(
  db: Db,
  req: NewRequest,
  actor: Actor,
): Promise<{ doc: MakeupDoc; duplicate: boolean }> {
  const { doc, autoApprove, cap, grantId, alsoWrite } = req
  const at = doc.submittedAt
  return withTransaction(db, async (tx) => {
    const quota = reserveOnQuota(await loadQuota(tx, doc, at), doc.day, doc.charged, cap, at)
    // the audit entry carries the reason's category, never the member's words (they may be health text)
    const entries = [transition(null, 'submit', actor, at, MAKEUP_REASONS[reasonKindOf(doc)])]
    if (autoApprove) entries.push(transition('pending', 'autoApprove', { kind: 'system', id: 'policy' }, at))
    const final: MakeupDoc = { ...doc, status: entries[entries.length - 1].to }
    const closed = autoApprove ? releaseOnQuota(quota, doc.day, false, at, true) : quota
    await replace(tx, COLLECTIONS.quotas, closed)
    await insert(tx, COLLECTIONS.makeups, final)
    for (const e of entries) await insert(tx, COLLECTIONS.audit, auditOf(final, e))
    if (autoApprove) await writeEffectiveRecord(tx, final, at)
    if (grantId) await patch(tx, COLLECTIONS.specials, grantId, { used: true })
    if (alsoWrite) await alsoWrite(tx, final)
    return { doc: final, duplicate: false }
  })
}

/**
 * Applies one transition to an existing request in a transaction: status, quota document (day released and
 * quota refunded when the request closes), audit entry, effective record on approval. `changes` are extra
 * fields (e.g. corrected content on resubmit, decision note); `alsoWrite` adds writes to the same transaction (the
 * notice the transition causes).
 */
export async function transitionRequest(
  db: Db,
  id: string,
  action: RequestAction,
  actor: Actor,
  now: Date,
  reason: string,
  policy: Pick<Policy, 'quota'>,
  guard: (doc: MakeupDoc) => void,
  changes: Partial<MakeupDoc> = {},
  alsoWrite?: (tx: DocStore, updated: MakeupDoc) => Promise<void>,
): Promise<MakeupDoc> {
  return withTransaction(db, async (tx) => {
    const doc = await getRequest(tx, id)
    if (!doc) throw new DomainError('REQUEST_NOT_FOUND')
    guard(doc)
    const entry = transition(doc.status, action, actor, now, reason)
    const updated: MakeupDoc = { ...doc, ...changes, status: entry.to, updatedAt: now }
    // replaced attachments are listed for deletion (server/privacy/files.ts) in the same write
    if (changes.attachments)
      updated.discardedFiles = discardedFiles(doc, doc.attachments, changes.attachments)
    const refund = doc.charged && quotaDelta(action, policy) < 0
    if (entry.to === 'revoked') await revokeDay(db, tx, doc, refund, now)
    else if (entry.to !== 'pending' && entry.to !== 'returned')
      await releaseDay(db, tx, doc, refund, entry.to === 'approved', now)
    await replace(tx, COLLECTIONS.makeups, updated)
    await insert(tx, COLLECTIONS.audit, auditOf(updated, entry))
    if (entry.to === 'approved') await writeEffectiveRecord(tx, updated, now)
    if (alsoWrite) await alsoWrite(tx, updated)
    return updated
  })
}

export function requestView(doc: MakeupDoc): MakeupRequestView {
  return {
    id: doc._id,
    day: doc.day,
    status: doc.status,
    report: doc.report,
    reason: doc.reason,
    reasonKind: reasonKindOf(doc),
    attachments: doc.attachments,
    attachmentKind: doc.attachmentKind,
    failures: doc.failures,
    charged: doc.charged,
    submittedAt: isoShanghai(doc.submittedAt),
    decidedAt: doc.decidedAt ? isoShanghai(doc.decidedAt) : undefined,
    decidedBy: doc.decidedBy,
    decisionNote: doc.decisionNote,
    ...(doc.revokedAt
      ? {
          revocation: {
            code: doc.revokeCode ?? '',
            label: REVOKE_REASONS[doc.revokeCode as RevokeReason] ?? '',
            note: doc.revokeNote ?? '',
            at: isoShanghai(doc.revokedAt),
          },
        }
      : {}),
  }
}

export function timelineView(entries: AuditDoc[]): TimelineEntry[] {
  return entries.map((e) => ({
    action: e.action as TimelineEntry['action'],
    from: e.from as MakeupStatus | null,
    to: e.to as MakeupStatus,
    actor: { kind: e.actor.kind, id: e.actor.id },
    at: isoShanghai(e.at),
    reason: e.reason,
  }))
}
