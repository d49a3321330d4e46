// Leave, business-trip and exempt days: one document per member and day (core/leave), written with `set` so that
// recording a day again replaces it (a later entry wins) and a retried call is harmless.
import { LEAVE_COLLECTION, leaveDocId, type LeaveDoc, type LeaveKind } from '@core/leave'
import type { LocalDay } from '@core/shared'
import type { Db } from '../sdk'

const WAVE = 20

export interface LeaveEntry {
  companyId: string
  memberId: string
  kind: LeaveKind
  days: LocalDay[]
  entryId: string
  by: string
  at: Date
}

export async function writeLeave(db: Db, e: LeaveEntry): Promise<number> {
  const docs: LeaveDoc[] = e.days.map((day) => ({
    _id: leaveDocId(e.memberId, day),
    companyId: e.companyId,
    memberId: e.memberId,
    day,
    kind: e.kind,
    entryId: e.entryId,
    by: e.by,
    at: e.at,
  }))
  for (let i = 0; i < docs.length; i += WAVE)
    await Promise.all(
      docs
        .slice(i, i + WAVE)
        .map(({ _id, ...data }) => db.collection(LEAVE_COLLECTION).doc(_id).set({ data })),
    )
  return docs.length
}

/** Removes the member's leave days in the range; how many there were. */
export async function removeLeaveDays(
  db: Db,
  companyId: string,
  memberId: string,
  from: LocalDay,
  to: LocalDay,
): Promise<number> {
  const _ = db.command
  const coll = db.collection(LEAVE_COLLECTION) as unknown as {
    where(q: object): { remove(): Promise<{ stats?: { removed?: number } }> }
  }
  const res = await coll.where({ companyId, memberId, day: _.and(_.gte(from), _.lte(to)) }).remove()
  return res.stats?.removed ?? 0
}
