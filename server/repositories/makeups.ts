// Make-up requests, which hold their own reservation (day and quota unit, by unique keys), and the events of their
// transitions (audit entries and notices, moved out by the notify timer).
import { DomainError, type LocalDay } from '@core/shared'
import {
  type Actor,
  type AuditDoc,
  type AuditEntry,
  type CheckinDoc,
  checkinId,
  claimId,
  COLLECTIONS,
  duplicateIndex,
  holdKeys,
  MAKEUP_REASONS,
  type MakeupDoc,
  type MakeupRequestView,
  type MakeupStatus,
  quotaDelta,
  reasonKindOf,
  releasedKey,
  type RequestAction,
  type RequestEvent,
  type TimelineEntry,
  transition,
} from '@core/makeup'
import { isoShanghai } from '@core/calendar'
import type { Policy } from '@core/policy'
import { discardedFiles } from '@core/privacy'
import { chainView, REVOKE_REASONS, type RevokeReason } from '@core/review'
import type { NewNotice } from '../notices/outbox'
import {
  aggregate,
  find,
  getById,
  insert,
  patch,
  replace,
  subPipeline,
  updateWhere,
  withTransaction,
  type Db,
  type DocStore,
} from '../sdk'
import { type Caller, callerOf, callerStages, type CallerRow } from './members'

export function getRequest(store: DocStore, id: string): Promise<MakeupDoc | null> {
  return getById<MakeupDoc>(store, COLLECTIONS.makeups, id)
}

/**
 * The caller and one of their requests (by _id) in ONE aggregation. The request is read before the caller is
 * known, so its owner is checked here before anything of it is used (others' ids read as not found).
 */
export async function callerWithRequest(
  db: Db,
  openid: string,
  id: string,
): Promise<Caller & { doc: MakeupDoc }> {
  const [row] = await aggregate<CallerRow & { requests: MakeupDoc[] }>(db, COLLECTIONS.bindings, (p) =>
    callerStages(p, openid).lookup({
      from: COLLECTIONS.makeups,
      pipeline: subPipeline(db, { _id: id }, { limit: 1 }),
      as: 'requests',
    }),
  )
  const caller = callerOf(row)
  if (!caller) throw new DomainError('NOT_BOUND')
  const doc = row.requests[0]
  if (!doc) throw new DomainError('REQUEST_NOT_FOUND')
  ownedBy(caller.company._id, caller.member._id)(doc)
  return { ...caller, doc }
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

export function timeline(db: Db, companyId: string, requestId: string) {
  return find<AuditDoc>(
    db,
    COLLECTIONS.audit,
    { companyId, subject: 'makeup', subjectId: requestId },
    { orderBy: ['at', 'asc'], limit: 100 },
  )
}

/** An audit entry's shape of a transition, with the notices it causes (a request event, RequestEvent). */
export function eventOf(entry: AuditEntry, notice?: NewNotice | NewNotice[] | null): RequestEvent {
  const notices = notice ? [notice].flat() : []
  return {
    ...entry,
    id: `${entry.action}@${entry.at.getTime()}`,
    ...(notices.length === 1 ? { notice: notices[0] } : notices.length > 1 ? { notice: notices } : {}),
  }
}

/** The audit document of a request's event: its _id derives from both, so a second copy is a duplicate. */
export function auditOfEvent(
  doc: Pick<MakeupDoc, '_id' | 'companyId' | 'memberId'>,
  e: RequestEvent,
): AuditDoc {
  return {
    _id: `${doc._id}#${e.id}`,
    companyId: doc.companyId,
    subject: 'makeup',
    subjectId: doc._id,
    memberId: doc.memberId,
    action: e.action,
    from: e.from,
    to: e.to,
    actor: e.actor,
    at: e.at,
    reason: e.reason,
    ...(e.step !== undefined ? { step: e.step } : {}),
    ...(e.assignee ? { assignee: e.assignee } : {}),
  }
}

/** The update operators that append events to a request (and flag it for the notify timer). */
export function appended(db: Db, events: RequestEvent[]): object {
  const _ = db.command
  return { events: _.push(events), eventsDue: true, eventsSeq: _.inc(1) }
}

function pick<T, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>
}

/**
 * The effective records of approved requests in one insert; when one of the days has a record already (an
 * earlier attempt wrote it), each is written on its own instead.
 */
export async function insertRecords(db: Db, docs: MakeupDoc[], now: Date): Promise<void> {
  try {
    await db.collection(COLLECTIONS.checkins).add({ data: docs.map((d) => effectiveRecord(d, now)) })
  } catch {
    await Promise.all(docs.map((d) => writeEffectiveRecord(db, d, now)))
  }
}

/** Writes the day's effective record from an approved request (a repeat writes the same record). */
export async function writeEffectiveRecord(store: DocStore, doc: MakeupDoc, now: Date): Promise<void> {
  await replace<CheckinDoc>(store, COLLECTIONS.checkins, effectiveRecord(doc, now))
}

export function effectiveRecord(doc: MakeupDoc, now: Date): CheckinDoc {
  return {
    _id: checkinId(doc.memberId, doc.day),
    companyId: doc.companyId,
    memberId: doc.memberId,
    day: doc.day,
    report: doc.report,
    source: 'makeup',
    requestId: doc._id,
    at: now,
  }
}

/** The keys a transition gives back: the day when the request closes unapproved, the unit when it refunds. */
function releasedKeys(doc: MakeupDoc, to: MakeupStatus, refund: boolean): Partial<MakeupDoc> {
  const gone = releasedKey(doc._id)
  return {
    ...(to === 'rejected' || to === 'withdrawn' || to === 'revoked' ? { dayKey: gone } : {}),
    ...(refund ? { slotKey: gone } : {}),
  }
}

export interface NewRequest {
  /** the request as judged, without its keys */
  doc: Omit<MakeupDoc, 'dayKey' | 'slotKey' | 'quotaKey'>
  autoApprove: boolean
  /** the quota units it may take, lowest first (freeSlots); [null] when it is not charged */
  slots: (number | null)[]
  /** the special-handling grant this submission consumes */
  grantId?: string
  /** the notice the submission causes (built from the stored request) */
  notice?: (stored: MakeupDoc) => NewNotice | NewNotice[] | null
}

/**
 * Creates a request with ONE insert that is its own reservation: the document holds its day (`dayKey`) and a unit
 * of quota (`slotKey`) under unique indexes, so the insert is the arbiter (core/README.md). A unit taken by a
 * concurrent submission (duplicate `slotKey`) moves on to the next free one; none left is QUOTA_EXHAUSTED; the
 * day held by another request is DAY_HAS_OPEN_REQUEST, and the same _id (the same client request id) too, after
 * which the caller returns the first request. Its audit entries and notice are events in the document, moved out
 * by the notify timer. With review off it is approved at once and its effective record written next.
 */
export async function createRequest(db: Db, req: NewRequest, actor: Actor): Promise<MakeupDoc> {
  const { doc, autoApprove, slots, grantId, notice } = req
  const at = doc.submittedAt
  // the audit entry carries the reason's category, never the member's words (they may be health text)
  const entries = [transition(null, 'submit', actor, at, MAKEUP_REASONS[reasonKindOf(doc)])]
  if (autoApprove) entries.push(transition('pending', 'autoApprove', { kind: 'system', id: 'policy' }, at))
  const status = entries[entries.length - 1].to
  if (slots.length === 0) throw new DomainError('QUOTA_EXHAUSTED', doc.cycle)
  for (const slot of slots) {
    const keys = holdKeys(doc._id, doc.memberId, doc.day, doc.cycle, slot)
    const held: MakeupDoc = { ...doc, ...keys, status, ...(autoApprove ? { recordDue: true } : {}) }
    const stored: MakeupDoc = {
      ...held,
      events: entries.map((e, i) => eventOf(e, i === 0 ? notice?.(held) : null)),
      eventsDue: true,
      eventsSeq: 1,
    }
    try {
      await insert(db, COLLECTIONS.makeups, stored)
    } catch (e) {
      const index = duplicateIndex(e)
      if (index === 'by_slot_key') continue
      // the day is held: by HR's on-behalf entry of it (its claim: the day has a record now), else by a request
      if (index === 'by_day_key' && (await getById(db, COLLECTIONS.makeups, claimId(doc.memberId, doc.day))))
        throw new DomainError('DAY_ALREADY_CHECKED', doc.day)
      if (index) throw new DomainError('DAY_HAS_OPEN_REQUEST', doc.day)
      throw e
    }
    if (autoApprove) await writeEffectiveRecord(db, stored, at)
    if (grantId) await patch(db, COLLECTIONS.specials, grantId, { used: true })
    return stored
  }
  throw new DomainError('QUOTA_EXHAUSTED', doc.cycle)
}

/** What a guarded transition writes besides the status and the keys it releases. */
export interface TransitionOptions {
  policy: Pick<Policy, 'quota'>
  /** the audit entry's category (never free text) */
  reason?: string
  /** extra fields of the request */
  changes?: Partial<MakeupDoc>
  /** the notices the change causes, built from the updated request */
  notice?: (updated: MakeupDoc) => NewNotice | NewNotice[] | null
  /** what the audit entry records of the approval chain (the step, a member it was handed or added to) */
  mark?: Pick<AuditEntry, 'step' | 'assignee'>
}

/**
 * Applies one transition with ONE update guarded by the state it was judged on (`status` and `updatedAt` as read):
 * of concurrent callers exactly one matches (`updated` 1); the others get null and re-read to say why. The update
 * sets the new status, gives back the keys the transition releases and appends the event (audit entry + notices)
 * — all of it or nothing. An approval then writes its effective record (`recordDue` lets the notify timer redo
 * it after a crash between the two).
 */
export async function applyTransition(
  db: Db,
  doc: MakeupDoc,
  action: RequestAction,
  actor: Actor,
  now: Date,
  { policy, reason = '', changes = {}, notice, mark }: TransitionOptions,
): Promise<MakeupDoc | null> {
  const entry = { ...transition(doc.status, action, actor, now, reason), ...mark }
  const refund = doc.charged && quotaDelta(action, policy) < 0
  const set: Partial<MakeupDoc> = {
    ...changes,
    ...releasedKeys(doc, entry.to, refund),
    ...(changes.attachments
      ? { discardedFiles: discardedFiles(doc, doc.attachments, changes.attachments) }
      : {}),
    ...(entry.to === 'approved' ? { recordDue: true } : {}),
    status: entry.to,
    updatedAt: now,
  }
  const updated: MakeupDoc = { ...doc, ...set }
  const event = eventOf(entry, notice?.(updated))
  const guard = pick(doc, ['_id', 'companyId', 'memberId', 'status', 'updatedAt'])
  const won = await updateWhere(db, COLLECTIONS.makeups, guard, { ...set, ...appended(db, [event]) })
  if (won === 0) return null
  if (entry.to === 'approved') await writeEffectiveRecord(db, updated, now)
  return { ...updated, events: [...(doc.events ?? []), event], eventsDue: true }
}

/**
 * Applies one transition in a transaction that re-reads the request (resubmission, revocation, the system's
 * withdrawal of a purged member's request): status, released keys, audit entry, the effective record removed on
 * revocation. `changes` are extra fields; `alsoWrite` adds writes to the same transaction (its notice).
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
    const refund = doc.charged && quotaDelta(action, policy) < 0
    const updated: MakeupDoc = {
      ...doc,
      ...changes,
      ...releasedKeys(doc, entry.to, refund),
      status: entry.to,
      updatedAt: now,
      // the timer checks a minute on that no late write of the approval's record brought it back
      ...(entry.to === 'revoked' ? { recordDue: true } : {}),
    }
    // replaced attachments are listed for deletion (server/privacy/files.ts) in the same write
    if (changes.attachments)
      updated.discardedFiles = discardedFiles(doc, doc.attachments, changes.attachments)
    // the approval's record goes with the approval: while the day is held no other write can create one, and a
    // concurrent correction of it conflicts with this transaction
    if (entry.to === 'revoked') {
      const recordId = checkinId(doc.memberId, doc.day)
      // the approving call writes the record right after its update: until it has, a revocation could be
      // overtaken by that write (a revoked day with a record), so it waits for the record (or the timer's check)
      if (doc.recordDue && !(await getById(tx, COLLECTIONS.checkins, recordId)))
        throw new DomainError('RECORD_SETTLING')
      await tx.collection(COLLECTIONS.checkins).doc(recordId).remove()
    }
    await replace(tx, COLLECTIONS.makeups, updated)
    await insert(tx, COLLECTIONS.audit, auditOfEvent(updated, eventOf(entry)))
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
    chain: chainView(doc),
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

/**
 * Audit entries with the events their requests still hold (the notify timer moves them within a minute), each
 * once (a moved event's audit entry has the event's id), newest first.
 */
export function withWaitingEvents<T extends { _id?: string; at: Date }>(
  entries: T[],
  requests: Pick<MakeupDoc, '_id' | 'companyId' | 'memberId' | 'events'>[],
): T[] {
  const moved = new Set(entries.map((e) => e._id))
  const waiting = requests
    .flatMap((r) => (r.events ?? []).map((e) => auditOfEvent(r, e) as unknown as T))
    .filter((a) => !moved.has(a._id))
  return [...entries, ...waiting].sort((a, b) => b.at.getTime() - a.at.getTime())
}

/**
 * A request's timeline: its audit entries and the events still waiting in the document for the notify timer
 * (each once: a moved event's audit entry has the event's id), oldest first.
 */
export function timelineView(
  entries: AuditDoc[],
  doc?: Pick<MakeupDoc, '_id' | 'companyId' | 'memberId' | 'events'>,
): TimelineEntry[] {
  // oldest first; a change's events at one instant keep their order (submit, then autoApprove)
  return withWaitingEvents(entries, doc ? [doc] : [])
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((e) => ({
      action: e.action as TimelineEntry['action'],
      from: e.from as MakeupStatus | null,
      to: e.to as MakeupStatus,
      actor: { kind: e.actor.kind, id: e.actor.id },
      at: isoShanghai(e.at),
      reason: e.reason,
      ...(e.step !== undefined ? { step: e.step } : {}),
      ...(e.assignee ? { assignee: e.assignee } : {}),
    }))
}
