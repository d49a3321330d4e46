// The retention purge of one company: health details and attachments of records older than the company's
// retention are removed; day, status and who decided stay. Each record is purged on its own (files first, then the
// fields, with `purgedAt` set), so an interrupted run leaves nothing half-done that a re-run would not finish, and
// a re-run finds only what is left (`purgedAt` absent). The run is audited with counts, never values.
import type { LocalDay } from '@core/shared'
import { startOfLocalDay } from '@core/calendar'
import {
  filesOf,
  PURGED_FIELDS,
  purgeCutoffDay,
  retentionDaysOf,
  type PrivacySettings,
  type PurgedKind,
} from '@core/privacy'
import { COLLECTIONS, type CompanyDoc } from '@core/makeup'
import { insert, type Db } from '../sdk'
import { deleteFiles } from './storage'

const PAGE = 100

export interface PurgeCounts {
  checkins: number
  makeups: number
  specials: number
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

/** Closed requests only: an open request is still being decided on. */
const CLOSED = { makeups: ['approved', 'rejected', 'withdrawn'], specials: ['granted', 'denied'] }

/** A company's records of days before `beforeDay`, or all of one member's records. */
export type Scope = { companyId: string } & ({ beforeDay: LocalDay } | { memberId: string })

export async function purgeCompany(
  db: Db,
  company: CompanyDoc & { privacy?: PrivacySettings },
  now: Date,
  deadline: number,
): Promise<PurgeCounts & { cutoffDay: string }> {
  const cutoffDay = purgeCutoffDay(now, retentionDaysOf(company.privacy))
  const counts = await purgeWhere(db, { companyId: company._id, beforeDay: cutoffDay }, now, deadline)
  if (counts.checkins + counts.makeups + counts.specials > 0)
    await auditPurge(db, company._id, '', `retention: records before ${cutoffDay}`, counts, now)
  return { ...counts, cutoffDay }
}

/** Purges every record in scope (a company's records before an instant, or all of one member's). */
export async function purgeWhere(db: Db, scope: Scope, now: Date, deadline: number): Promise<PurgeCounts> {
  const _ = db.command as unknown as Cmd
  const counts: PurgeCounts = { checkins: 0, makeups: 0, specials: 0, files: 0, done: true }
  const base =
    'memberId' in scope
      ? { companyId: scope.companyId, memberId: scope.memberId }
      : { companyId: scope.companyId }
  const cutoffDay = 'beforeDay' in scope ? scope.beforeDay : null
  const cutoff = cutoffDay ? startOfLocalDay(cutoffDay) : null
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
  return counts
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
    reason: `${reason}; check-ins ${c.checkins}, requests ${c.makeups}, special requests ${c.specials}, files ${c.files}`,
  })
}
