// Special-handling requests ("超时" → HR) and the grants they turn into; maintenance windows.
import type { SpecialRequestView } from '../../../core/api'
import { isoShanghai } from '../../../core/dates'
import { DomainError } from '../../../core/errors'
import { COLLECTIONS, type AuditDoc, type MaintenanceDoc, type SpecialDoc } from '../../../core/records'
import type { Interval } from '../../../core/slots'
import { find, getById, insert, withTransaction, type Db } from '../sdk'

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
  return docs.find((d) => d.start.getTime() <= now.getTime() + horizonMs) ?? null
}

/** Files a special-handling request once per client request id, and at most one live request per day. */
export async function createSpecial(db: Db, doc: SpecialDoc): Promise<SpecialDoc> {
  const existing = await getById<SpecialDoc>(db, COLLECTIONS.specials, doc._id)
  if (existing) return existing
  const sameDay = (await specialsOf(db, doc.companyId, doc.memberId)).filter(
    (s) => s.day === doc.day && (s.status === 'pending' || (s.status === 'granted' && !s.used)),
  )
  if (sameDay.length > 0) throw new DomainError('SPECIAL_ALREADY_REQUESTED', doc.day)
  return withTransaction(db, async (tx) => {
    const again = await getById<SpecialDoc>(tx, COLLECTIONS.specials, doc._id)
    if (again) return again
    await insert(tx, COLLECTIONS.specials, doc)
    await insert<AuditDoc>(tx, COLLECTIONS.audit, {
      companyId: doc.companyId,
      subject: 'special',
      subjectId: doc._id,
      memberId: doc.memberId,
      action: 'requestSpecial',
      from: null,
      to: 'pending',
      actor: { kind: 'member', id: doc.memberId },
      at: doc.submittedAt,
      reason: doc.reason,
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
