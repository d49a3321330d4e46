// HR's changes to effective records: corrections (the earlier content kept on the record, the audit log names the fields) and
// records entered on behalf of an employee who reported by phone or e-mail. Both are single-document transactions
// on the day's record, so a concurrent check-in, approval or second correction cannot be lost.
import type { HealthReport } from '@core/health'
import { DomainError, type LocalDay } from '@core/shared'
import {
  checkinId,
  claimId,
  type ClaimDoc,
  COLLECTIONS,
  duplicateIndex,
  freeSlots,
  type Holder,
  holdKeys,
  quotaId,
  quotasOf,
  type MaintenanceDoc,
  type MemberDoc,
  type QuotaDoc,
} from '@core/makeup'
import { changedFields, correctRecord, type ReviewAuditDoc, type ReviewedCheckin } from '@core/review'
import { keysetPage } from '../paging'
import {
  aggregate,
  type DocStore,
  find,
  getById,
  insert,
  replace,
  subPipeline,
  withTransaction,
  type Db,
} from '../sdk'

interface Change {
  companyId: string
  memberId: string
  day: LocalDay
  by: string
  at: Date
}

function auditOf(
  c: Change,
  action: 'correct' | 'onBehalf',
  before: HealthReport | null,
  after: HealthReport,
  reason: string,
) {
  const entry: ReviewAuditDoc = {
    companyId: c.companyId,
    subject: 'checkin',
    subjectId: checkinId(c.memberId, c.day),
    memberId: c.memberId,
    action,
    from: before ? 'recorded' : null,
    to: action === 'correct' ? 'corrected' : 'recorded',
    actor: { kind: 'reviewer', id: c.by, role: 'hr' },
    at: c.at,
    reason,
    fields: changedFields(before, after),
  }
  return entry
}

export async function correctCheckin(db: Db, c: Change, report: HealthReport, note: string) {
  return withTransaction(db, async (tx) => {
    const record = await getById<ReviewedCheckin>(tx, COLLECTIONS.checkins, checkinId(c.memberId, c.day))
    if (!record || record.companyId !== c.companyId) throw new DomainError('RECORD_NOT_FOUND')
    const corrected = correctRecord(record, report, c.by, note, c.at)
    await replace(tx, COLLECTIONS.checkins, corrected)
    // the note stays on the record's corrections (purged with it); the audit entry names the changed fields
    await insert(tx, COLLECTIONS.audit, auditOf(c, 'correct', record.report, report, ''))
    return corrected
  })
}

/** The quota limits an on-behalf entry is judged by: its cycle and the cap of the member's policy. */
export interface OnBehalfQuota {
  cycle: string
  cap: number | null
}

/** The holders of a member's quota units in one cycle (one indexed read). */
export function holdersOf(db: Db, memberId: string, cycle: string): Promise<Holder[]> {
  return find<Holder>(db, COLLECTIONS.makeups, { quotaKey: quotaId(memberId, cycle) }, { limit: 200 })
}

/**
 * Enters the record unless the day already has one, or an open make-up request HR should decide instead. The
 * entry is a make-up: a claim document among the requests holds its day and, when charged, a unit of quota under
 * the same unique keys a make-up request takes (refused at the cap), so of it and a concurrent make-up of the day
 * exactly one stands. Claim, record and audit entry are one transaction; a unit another write took meanwhile
 * (duplicate key) moves on to the next free one. `holders` are the cycle's holders as read before; the claim
 * joins them, so the caller's next entry of the cycle starts at the next free unit.
 */
export async function enterOnBehalf(
  db: Db,
  record: ReviewedCheckin,
  quota: OnBehalfQuota,
  by: string,
  holders: Holder[],
) {
  const c: Change = {
    companyId: record.companyId,
    memberId: record.memberId,
    day: record.day,
    by,
    at: record.at,
  }
  const charged = record.onBehalf?.charged !== false
  const slots = charged ? freeSlots(holders, quota.cap) : [null]
  for (const slot of slots) {
    const id = claimId(record.memberId, record.day)
    const claim: ClaimDoc = {
      _id: id,
      companyId: record.companyId,
      memberId: record.memberId,
      cycle: quota.cycle,
      claimDay: record.day,
      ...holdKeys(id, record.memberId, record.day, quota.cycle, slot),
      at: record.at,
    }
    try {
      return await withTransaction(db, async (tx) => {
        if (await getById(tx, COLLECTIONS.checkins, record._id)) throw new DomainError('DAY_ALREADY_CHECKED')
        await insertClaim(tx, claim)
        await insert(tx, COLLECTIONS.checkins, record)
        await insert(
          tx,
          COLLECTIONS.audit,
          auditOf(c, 'onBehalf', null, record.report, onBehalfReason(record)),
        )
        holders.push(claim)
        return record
      })
    } catch (e) {
      if (!(e instanceof Taken)) throw e
    }
  }
  throw new DomainError('QUOTA_EXHAUSTED', quota.cycle)
}

/** a unit another write holds: the next free one is tried */
class Taken extends DomainError {
  constructor() {
    super('QUOTA_EXHAUSTED')
  }
}

async function insertClaim(tx: DocStore, claim: ClaimDoc): Promise<void> {
  try {
    await insert(tx, COLLECTIONS.makeups, claim)
  } catch (e) {
    const index = duplicateIndex(e)
    if (index === 'by_slot_key') throw new Taken()
    if (index === 'by_day_key') throw new DomainError('DAY_HAS_OPEN_REQUEST', claim.claimDay)
    if (index) throw new DomainError('DAY_ALREADY_CHECKED')
    throw e
  }
}

/** The audit reason: the channel (the note stays on the record), and that the day was not charged when it was not. */
function onBehalfReason(record: ReviewedCheckin): string {
  const entry = record.onBehalf
  const reason = `${entry?.channel}`
  return entry?.charged === false ? `${reason}（不计入补卡次数）` : reason
}

/**
 * One employee's (memberId) or one request's (subjectId) audit trail, newest first, range-paged on (at, _id):
 * served by `by_member_at` and `by_subject`.
 */
export async function auditPage(
  db: Db,
  companyId: string,
  of: { memberId: string } | { subject: string; subjectId: string },
  cursor: string | undefined,
  limit: number,
): Promise<{ docs: (ReviewAuditDoc & { _id: string })[]; next: string | null }> {
  const where = { companyId, ...of }
  return keysetPage<ReviewAuditDoc & { _id: string }>(
    db,
    COLLECTIONS.audit,
    where,
    'at',
    'desc',
    cursor,
    limit,
  )
}

/** What a batch entry's plan reads (core/review planBatch's facts, consent aside), in ONE aggregation. */
export interface BatchRows {
  members: MemberDoc[]
  records: ReviewedCheckin[]
  /** the quota view of the batch's cycles (quotasOf its holders) */
  quotas: QuotaDoc[]
  holders: Holder[]
  maintenance: MaintenanceDoc[]
}

/**
 * The members of a batch, their records of its days (by `_id`) and the holders of its cycles' quota units, and
 * the maintenance windows since its first day: one aggregation rooted at the company document.
 */
export async function batchFacts(
  db: Db,
  companyId: string,
  ids: { members: string[]; records: string[]; quotas: string[] },
  since: Date,
): Promise<BatchRows> {
  const _ = db.command
  const join = (from: string, as: string, where: object, limit: number) => ({
    from,
    pipeline: subPipeline(db, { companyId, ...where }, { limit }),
    as,
  })
  const [row] = await aggregate<Omit<BatchRows, 'quotas'>>(db, COLLECTIONS.companies, (p) =>
    p
      .match({ _id: companyId })
      .lookup(join(COLLECTIONS.members, 'members', { _id: _.in(ids.members) }, ids.members.length))
      .lookup(join(COLLECTIONS.checkins, 'records', { _id: _.in(ids.records) }, ids.records.length))
      .lookup(join(COLLECTIONS.makeups, 'holders', { quotaKey: _.in(ids.quotas) }, 200 * ids.quotas.length))
      .lookup(join(COLLECTIONS.maintenance, 'maintenance', { end: _.gte(since) }, 50))
      .project({ members: 1, records: 1, holders: 1, maintenance: 1 }),
  )
  if (!row) throw new DomainError('NOT_BOUND')
  const { holders, ...rest } = row
  return { ...rest, quotas: quotasOf(holders), holders }
}
