// The HR dashboard's figures, each one aggregation on an indexed prefix (company + day, or company + status):
// today's completion by department, the pending backlog, this month's make-ups by reason, a 30-day trend.
import type { LocalDay } from '@core/shared'
import {
  COLLECTIONS,
  MEMBER_ID_SEPARATOR,
  type MakeupDoc,
  type MakeupReasonKind,
  type MemberDoc,
  reasonKindOf,
} from '@core/makeup'
import { LEAVE_COLLECTION } from '@core/leave'
import { aggregate, find, type Db } from '../sdk'

interface Pipeline {
  match(q: object): Pipeline
  lookup(o: { from: string; localField: string; foreignField: string; as: string }): Pipeline
  unwind(path: string): Pipeline
  group(o: object): Pipeline
  sort(o: object): Pipeline
  limit(n: number): Pipeline
  end(): Promise<{ list: { _id: unknown; n: number }[] }>
}

interface Sum {
  sum(v: unknown): unknown
}

const pipeline = (db: Db, coll: string) =>
  (db.collection(coll) as unknown as { aggregate(): Pipeline }).aggregate()
const sum = (db: Db) => (db.command as unknown as { aggregate: Sum }).aggregate.sum(1)

/** `_id` → count, as a plain record. */
async function counts(p: Pipeline): Promise<Map<string, number>> {
  const { list } = await p.end()
  return new Map(list.map((r) => [String(r._id), r.n]))
}

export function activeMembersByDept(db: Db, companyId: string) {
  return counts(
    pipeline(db, COLLECTIONS.members)
      .match({ companyId, status: 'active' })
      .group({ _id: '$dept', n: sum(db) })
      .limit(500),
  )
}

export function checkinsByDept(db: Db, companyId: string, day: LocalDay) {
  return counts(
    pipeline(db, COLLECTIONS.checkins)
      .match({ companyId, day })
      .lookup({ from: COLLECTIONS.members, localField: 'memberId', foreignField: '_id', as: 'member' })
      .unwind('$member')
      .group({ _id: '$member.dept', n: sum(db) })
      .limit(500),
  )
}

export function perDay(db: Db, coll: string, companyId: string, from: LocalDay, to: LocalDay) {
  const _ = db.command
  return counts(
    pipeline(db, coll)
      .match({ companyId, day: _.and(_.gte(from), _.lte(to)) })
      .group({ _id: '$day', n: sum(db) })
      .limit(100),
  )
}

export async function makeupsByReason(db: Db, companyId: string, from: LocalDay, to: LocalDay) {
  const _ = db.command
  const { list } = await pipeline(db, COLLECTIONS.makeups)
    .match({ companyId, day: _.and(_.gte(from), _.lte(to)) })
    .group({ _id: '$reasonKind', n: sum(db) })
    .limit(20)
    .end()
  // requests stored before categories (no reasonKind) count as 'other'
  const counts = new Map<MakeupReasonKind, number>()
  for (const r of list) {
    const kind = reasonKindOf({ reasonKind: (r._id ?? undefined) as MakeupReasonKind | undefined })
    counts.set(kind, (counts.get(kind) ?? 0) + r.n)
  }
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count)
}

export async function oldestPending(db: Db, companyId: string): Promise<MakeupDoc | null> {
  const [doc] = await find<MakeupDoc>(
    db,
    COLLECTIONS.makeups,
    { companyId, status: 'pending' },
    { orderBy: ['submittedAt', 'asc'], limit: 1 },
  )
  return doc ?? null
}

/** Pending requests submitted before `before` (the company's review reminder threshold). */
export async function overdueCount(db: Db, companyId: string, before: Date): Promise<number> {
  const where = { companyId, status: 'pending', submittedAt: db.command.lte(before) }
  return (await db.collection(COLLECTIONS.makeups).where(where).count()).total
}

/**
 * A department's active members who joined by `day` and have no check-in for it, by name (at most 1 000): one
 * aggregation, each member joined to their day's record and their leave of the day (请假 / 出差 / 免打卡: no
 * check-in needed) by id — both are `<memberId>_<day>`.
 */
export async function withoutCheckin(db: Db, companyId: string, dept: string, day: LocalDay) {
  return aggregate<MemberDoc>(db, COLLECTIONS.members, (p) =>
    p
      .match({ companyId, dept, status: 'active', joinedOn: db.command.lte(day) })
      .sort({ name: 1 })
      .limit(1000)
      .addFields({ todayId: db.command.aggregate.concat(['$_id', MEMBER_ID_SEPARATOR, day]) })
      .lookup({ from: COLLECTIONS.checkins, localField: 'todayId', foreignField: '_id', as: 'today' })
      .lookup({ from: LEAVE_COLLECTION, localField: 'todayId', foreignField: '_id', as: 'away' })
      .match({ today: db.command.size(0), away: db.command.size(0) })
      .project({ today: 0, away: 0, todayId: 0 }),
  )
}
