// Special-handling requests ("超时" → HR) and the grants they turn into; maintenance windows.
import {
  type AuditDoc,
  COLLECTIONS,
  type MaintenanceDoc,
  type SpecialDoc,
  type SpecialRequestView,
} from '@core/makeup'
import { isoShanghai } from '@core/calendar'
import { DomainError } from '@core/shared'
import type { Interval } from '@core/policy'
import { discardedFiles } from '@core/privacy'
import { find, getById, insert, replace, withTransaction, type Db } from '../sdk'

export function specialsOf(db: Db, companyId: string, memberId: string) {
  return find<SpecialDoc>(
    db,
    COLLECTIONS.specials,
    { companyId, memberId },
    { orderBy: ['day', 'desc'], limit: 100 },
  )
}

/** Unused grants of the member (the slots view and the submit judge them against their deadlines). */
export async function grantsOf(db: Db, companyId: string, memberId: string) {
  const docs = await find<SpecialDoc>(
    db,
    COLLECTIONS.specials,
    { companyId, memberId, status: 'granted', used: false },
    { limit: 100 },
  )
  return docs.filter((d) => d.grantDeadline)
}

export async function maintenanceSince(db: Db, companyId: string, from: Date): Promise<Interval[]> {
  const _ = db.command
  const docs = await find<MaintenanceDoc>(
    db,
    COLLECTIONS.maintenance,
    { companyId, end: _.gte(from) },
    { orderBy: ['end', 'desc'], limit: 50 },
  )
  return docs.map((d) => ({ start: d.start, end: d.end }))
}

/** The first maintenance window that is active at `now` or starts within `horizonMs`. */
export async function upcomingMaintenance(db: Db, companyId: string, now: Date, horizonMs: number) {
  const _ = db.command
  const docs = await find<MaintenanceDoc>(
    db,
    COLLECTIONS.maintenance,
    { companyId, end: _.gte(now) },
    { orderBy: ['end', 'asc'], limit: 10 },
  )
  return nextMaintenance(docs, now, horizonMs)
}

/** Of the given windows, the first (by end) that is active at `now` or starts within `horizonMs`. */
export function nextMaintenance(
  windows: MaintenanceDoc[],
  now: Date,
  horizonMs: number,
): MaintenanceDoc | null {
  return (
    windows
      .filter((d) => d.end.getTime() >= now.getTime())
      .sort((a, b) => a.end.getTime() - b.end.getTime())
      .find((d) => d.start.getTime() <= now.getTime() + horizonMs) ?? null
  )
}

/**
 * Files a special-handling request. Its _id is the member and day, so one transaction on that one document
 * decides: the same client request id gets its document back, a live request (pending, or granted and unused)
 * refuses another, and a denied or consumed one makes way for a new filing (the audit log keeps that it existed;
 * its evidence the new filing does not reuse is listed in `discardedFiles` for deletion, server/privacy/files.ts).
 */
export async function createSpecial(db: Db, filing: SpecialDoc): Promise<SpecialDoc> {
  return withTransaction(db, async (tx) => {
    const current = await getById<SpecialDoc>(tx, COLLECTIONS.specials, filing._id)
    if (current && current.clientRequestId === filing.clientRequestId) return current
    if (current && (current.status === 'pending' || (current.status === 'granted' && !current.used)))
      throw new DomainError('SPECIAL_ALREADY_REQUESTED', filing.day)
    const doc: SpecialDoc = current
      ? { ...filing, discardedFiles: discardedFiles(current, current.evidence, filing.evidence) }
      : filing
    await replace(tx, COLLECTIONS.specials, doc)
    await insert<AuditDoc>(tx, COLLECTIONS.audit, {
      companyId: doc.companyId,
      subject: 'special',
      subjectId: doc._id,
      memberId: doc.memberId,
      action: 'requestSpecial',
      from: current?.status ?? null,
      to: 'pending',
      actor: { kind: 'member', id: doc.memberId },
      at: doc.submittedAt,
      // the member's reason stays on the request (purged with it), never in the audit log
      reason: '',
    })
    return doc
  })
}

export function specialView(doc: SpecialDoc): SpecialRequestView {
  return {
    id: doc._id,
    day: doc.day,
    status: doc.status,
    reason: doc.reason,
    evidence: doc.evidence,
    submittedAt: isoShanghai(doc.submittedAt),
    grantDeadline: doc.grantDeadline ? isoShanghai(doc.grantDeadline) : undefined,
  }
}
