// Effective check-in records: one per member per day (the _id is derived from both).
import type { LocalDay } from '@core/shared'
import { COLLECTIONS, checkinId, type CheckinDoc } from '@core/makeup'
import { find, getById, insert, type Db, type DocStore } from '../sdk'

export function getCheckin(store: DocStore, memberId: string, day: LocalDay): Promise<CheckinDoc | null> {
  return getById<CheckinDoc>(store, COLLECTIONS.checkins, checkinId(memberId, day))
}

/**
 * Inserts the day's record. Returns the record that holds the day afterwards: ours, or — when a concurrent
 * duplicate won the insert — theirs.
 */
export async function insertCheckin(
  db: Db,
  doc: CheckinDoc,
): Promise<{ record: CheckinDoc; inserted: boolean }> {
  try {
    await insert(db, COLLECTIONS.checkins, doc)
    return { record: doc, inserted: true }
  } catch (e) {
    const existing = await getById<CheckinDoc>(db, COLLECTIONS.checkins, doc._id)
    if (!existing) throw e
    return { record: existing, inserted: false }
  }
}

export function checkinsBetween(
  db: Db,
  companyId: string,
  memberId: string,
  from: LocalDay,
  to: LocalDay,
): Promise<CheckinDoc[]> {
  const _ = db.command
  return find<CheckinDoc>(
    db,
    COLLECTIONS.checkins,
    { companyId, memberId, day: _.and(_.gte(from), _.lte(to)) },
    { orderBy: ['day', 'asc'], limit: 62 },
  )
}
