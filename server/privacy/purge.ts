// The retention purge of one company: health details and attachments of records older than the company's
// retention are removed; day, status and who decided stay. Each record is purged on its own (files first, then the
// fields, with `purgedAt` set), so an interrupted run leaves nothing half-done that a re-run would not finish, and
// a re-run finds only what is left (`purgedAt` absent). The run is audited with counts, never values.
// Open requests in scope are closed first (withdrawn by the system, quota released as a withdrawal does), so that
// nothing in scope keeps its details. Copies hold no free text by design (audit entries, notices and webhook
// payloads carry ids and categories); what older versions wrote into them is cleared here too (copies.ts), and
// export files, which hold health data by design, are deleted (exports.ts). Help tickets are free text a member
// and HR write (a ticket may say why someone is ill): a deleted member's tickets, and tickets with no activity
// since the cutoff, are deleted with their screenshots.
import { DomainError, type LocalDay } from '@core/shared'
import { startOfLocalDay } from '@core/calendar'
import {
  filesOf,
  PURGE_REASONS,
  PURGED_FIELDS,
  purgeCutoffDay,
  retentionDaysOf,
  type PrivacySettings,
  type PurgedKind,
} from '@core/privacy'
import { COLLECTIONS, type CompanyDoc, type MakeupDoc, type SpecialDoc } from '@core/makeup'
import { TICKETS, type TicketDoc } from '@core/help'
import type { ReviewAuditDoc } from '@core/review'
import type { Policy } from '@core/policy'
import { LEAVE_COLLECTION } from '@core/leave'
import { transitionRequest } from '../repositories/makeups'
import { insert, updateWhere, type Db } from '../sdk'
import { scrubCopies } from './copies'
import { expireExports } from './exports'
import { deleteFiles } from './storage'

const PAGE = 100

export interface PurgeCounts {
  checkins: number
  makeups: number
  specials: number
  /** help tickets deleted */
  tickets: number
  /** leave / business-trip / exempt days removed (they hold no health data, but are the member's records) */
  leaves: number
  files: number
  /** false when the time budget ran out first: the next run continues */
  done: boolean
}

interface Cmd {
  lt(v: unknown): unknown
  exists(v: boolean): unknown
  in(v: unknown[]): unknown
  remove(): unknown
}

/** Closed requests only: open ones in scope are closed first (closeOpen). */
const CLOSED = { makeups: ['approved', 'rejected', 'withdrawn', 'revoked'], specials: ['granted', 'denied'] }

/**
 * A company's records of days before `beforeDay`, or all of one member's records; `policy` is the company's (a
 * request withdrawn by the purge releases its quota as the policy's withdrawal rule says).
 */
export type Scope = { companyId: string; policy: Pick<Policy, 'quota'> } & (
  { beforeDay: LocalDay } | { memberId: string }
)

export async function purgeCompany(
  db: Db,
  company: CompanyDoc & { privacy?: PrivacySettings },
  now: Date,
  deadline: number,
): Promise<PurgeCounts & { cutoffDay: string }> {
  const cutoffDay = purgeCutoffDay(now, retentionDaysOf(company.privacy))
  const counts = await purgeWhere(
    db,
    { companyId: company._id, policy: company.policy, beforeDay: cutoffDay },
    now,
    deadline,
  )
  if (counts.checkins + counts.makeups + counts.specials + counts.tickets > 0)
    await auditPurge(db, company._id, '', `retention: records before ${cutoffDay}`, counts, now)
  return { ...counts, cutoffDay }
}

/** Purges every record in scope (a company's records before an instant, or all of one member's). */
export async function purgeWhere(db: Db, scope: Scope, now: Date, deadline: number): Promise<PurgeCounts> {
  const _ = db.command as unknown as Cmd
  const counts: PurgeCounts = {
    checkins: 0,
    makeups: 0,
    specials: 0,
    tickets: 0,
    leaves: 0,
    files: 0,
    done: true,
  }
  const base =
    'memberId' in scope
      ? { companyId: scope.companyId, memberId: scope.memberId }
      : { companyId: scope.companyId }
  const cutoffDay = 'beforeDay' in scope ? scope.beforeDay : null
  const cutoff = cutoffDay ? startOfLocalDay(cutoffDay) : null
  if (!(await closeOpen(db, scope, now, deadline))) return { ...counts, done: false }
  const queries: [PurgedKind, object][] = [
    ['checkins', { ...base, ...(cutoffDay ? { day: _.lt(cutoffDay) } : {}), purgedAt: _.exists(false) }],
    ...(['makeups', 'specials'] as const).map((kind): [PurgedKind, object] => [
      kind,
      {
        ...base,
        status: _.in(CLOSED[kind]),
        ...(cutoff ? { submittedAt: _.lt(cutoff) } : {}),
        purgedAt: _.exists(false),
      },
    ]),
  ]
  for (const [kind, where] of queries) {
    for (;;) {
      if (Date.now() > deadline) return { ...counts, done: false }
      const page = (await db.collection(kind).where(where).limit(PAGE).get()).data as Record<
        string,
        unknown
      >[]
      for (const doc of page) {
        counts.files += await deleteFiles(filesOf(kind, doc))
        await purgeOne(db, kind, String(doc._id), now)
        counts[kind] += 1
      }
      if (page.length < PAGE) break
    }
  }
  if (
    !(await purgeTickets(db, { ...base, ...(cutoff ? { updatedAt: _.lt(cutoff) } : {}) }, counts, deadline))
  )
    return { ...counts, done: false }
  if (Date.now() > deadline) return { ...counts, done: false }
  counts.leaves = await removeLeaves(db, base, cutoffDay)
  await scrubCopies(db, scope)
  counts.files += await expireExports(
    db,
    scope.companyId,
    'memberId' in scope ? { all: true } : { expired: true, before: scope.beforeDay },
    now,
  )
  return counts
}

/** A deleted member's leave days, or the company's before the retention cut-off: one multi-document remove. */
async function removeLeaves(db: Db, base: object, cutoffDay: LocalDay | null): Promise<number> {
  const _ = db.command as unknown as Cmd
  const where = { ...base, ...(cutoffDay ? { day: _.lt(cutoffDay) } : {}) }
  const coll = db.collection(LEAVE_COLLECTION) as unknown as {
    where(q: object): { remove(): Promise<{ stats?: { removed?: number } }> }
  }
  return (await coll.where(where).remove()).stats?.removed ?? 0
}

/**
 * Closes the open requests in scope so that they can be purged, by the system: a deleted member's pending and
 * returned make-up requests are withdrawn (quota released as a withdrawal does) and their pending special requests
 * denied; with retention, returned requests never resubmitted are withdrawn once submitted before the cutoff
 * (pending ones still await HR's decision and are kept). False when the time ran out first.
 */
async function closeOpen(db: Db, scope: Scope, now: Date, deadline: number): Promise<boolean> {
  const _ = db.command as unknown as Cmd
  const byMember = 'memberId' in scope
  const why = byMember ? PURGE_REASONS.deletion : PURGE_REASONS.retention
  const actor = { kind: 'system' as const, id: 'privacy' }
  const inScope = byMember
    ? { companyId: scope.companyId, memberId: scope.memberId }
    : { companyId: scope.companyId, submittedAt: _.lt(startOfLocalDay(scope.beforeDay)) }
  const makeups = { ...inScope, status: byMember ? _.in(['pending', 'returned']) : 'returned' }
  for (;;) {
    if (Date.now() > deadline) return false
    const open = (await db.collection(COLLECTIONS.makeups).where(makeups).limit(PAGE).get())
      .data as MakeupDoc[]
    for (const doc of open) {
      try {
        await transitionRequest(db, doc._id, 'withdraw', actor, now, why, scope.policy, (d) => {
          if (d.companyId !== scope.companyId) throw new DomainError('REQUEST_NOT_FOUND')
        })
      } catch (e) {
        // decided or withdrawn meanwhile: closed either way, the purge takes it as it is
        if (!(e instanceof DomainError && e.code === 'ILLEGAL_TRANSITION')) throw e
      }
    }
    if (open.length < PAGE) break
  }
  if (!byMember) return true
  const specials = { ...inScope, status: 'pending' }
  for (;;) {
    if (Date.now() > deadline) return false
    const open = (await db.collection(COLLECTIONS.specials).where(specials).limit(PAGE).get())
      .data as SpecialDoc[]
    for (const doc of open) {
      const denied = await updateWhere(
        db,
        COLLECTIONS.specials,
        { _id: doc._id, status: 'pending' },
        { status: 'denied', decidedBy: actor.id, decidedAt: now },
      )
      if (denied === 1)
        await insert<ReviewAuditDoc>(db, COLLECTIONS.audit, {
          companyId: doc.companyId,
          subject: 'special',
          subjectId: doc._id,
          memberId: doc.memberId,
          action: 'deny',
          from: 'pending',
          to: 'denied',
          actor,
          at: now,
          reason: why,
        })
    }
    if (open.length < PAGE) break
  }
  return true
}

/**
 * Deletes the tickets matching `where`, each with its screenshots (files first: a run cut short between the two
 * finds the ticket again). False when the time ran out first.
 */
async function purgeTickets(db: Db, where: object, counts: PurgeCounts, deadline: number): Promise<boolean> {
  for (;;) {
    if (Date.now() > deadline) return false
    const page = (await db.collection(TICKETS).where(where).limit(PAGE).get()).data as TicketDoc[]
    for (const t of page) {
      counts.files += await deleteFiles(t.screenshots ?? [])
      await db.collection(TICKETS).doc(t._id).remove()
      counts.tickets += 1
    }
    if (page.length < PAGE) return true
  }
}

async function purgeOne(db: Db, kind: PurgedKind, id: string, now: Date): Promise<void> {
  const _ = db.command as unknown as Cmd
  const data: Record<string, unknown> = { purgedAt: now }
  for (const f of PURGED_FIELDS[kind]) data[f] = _.remove()
  await db.collection(kind).doc(id).update({ data })
}

export async function auditPurge(
  db: Db,
  companyId: string,
  memberId: string,
  reason: string,
  c: PurgeCounts,
  now: Date,
): Promise<void> {
  await insert<Record<string, unknown>>(db, COLLECTIONS.audit, {
    companyId,
    subject: 'retention',
    subjectId: memberId || companyId,
    memberId,
    action: 'purge',
    from: null,
    to: 'purged',
    actor: { kind: 'system', id: 'retention' },
    at: now,
    reason: `${reason}; check-ins ${c.checkins}, requests ${c.makeups}, special requests ${c.specials}, tickets ${c.tickets}, leave days ${c.leaves}, files ${c.files}`,
  })
}
