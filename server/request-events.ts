// Moves what a request's changes left in the document (core/README.md, "events in the document") to where it is
// read: each event's audit entry and notice, and the effective record an approval or revocation leaves to check.
// Run by the notify function's timer before it sends the outbox, so a notice leaves in the same run it is moved.
// Every step is idempotent: the audit entry's _id derives from the request and the event, the notice's from its
// key, so a crash anywhere repeats only inserts that then find their copy; the events are cleared by an update
// guarded by the count of changes it saw (`eventsSeq`), so an event appended meanwhile waits for the next run.
import { checkinId, COLLECTIONS, type CheckinDoc, type MakeupDoc, type RequestEvent } from '@core/makeup'
import { auditOfEvent, effectiveRecord } from './repositories/makeups'
import { insertOnce, outboxDoc, type NewNotice } from './notices/outbox'
import { decidedNotice } from './notices/events'
import { find, getById, insert, replace, updateWhere, withTransaction, type Db } from './sdk'

/** documents moved per page (each in parallel with the others) */
const PAGE = 100
/**
 * An effective record is checked only once its request has been still this long: the deciding call writes (or
 * removes) it right after its update, and a check must not race that write.
 */
export const RECORD_SETTLE_MS = 60_000

/** Moves up to `pages` pages of requests' events; returns how many documents were moved. */
export async function moveRequestEvents(db: Db, now: Date, pages = 10): Promise<number> {
  let moved = 0
  for (let page = 0; page < pages; page++) {
    const due = await find<MakeupDoc>(db, COLLECTIONS.makeups, { eventsDue: true }, { limit: PAGE })
    const done = await Promise.all(due.map((doc) => moveOne(db, doc, now)))
    moved += done.filter(Boolean).length
    // a page that moved nothing is waiting on records to settle: the next run takes it
    if (due.length < PAGE || !done.some(Boolean)) break
  }
  return moved
}

async function moveOne(db: Db, doc: MakeupDoc, now: Date): Promise<boolean> {
  for (const e of doc.events ?? []) {
    await insertIgnoringCopy(db, COLLECTIONS.audit, auditOfEvent(doc, e))
    const notice = (e.notice as NewNotice | undefined) ?? bulkNotice(doc, e)
    if (notice) await insertOnce(db, outboxDoc(notice))
  }
  const recordWaits = Boolean(doc.recordDue) && !(await settleRecord(db, doc, now))
  const cleared = await updateWhere(
    db,
    COLLECTIONS.makeups,
    { _id: doc._id, eventsSeq: doc.eventsSeq ?? 0 },
    { events: [], eventsDue: recordWaits },
  )
  return cleared === 1 && !recordWaits
}

/**
 * Makes the day's effective record agree with the request once it has settled: an approved request has its
 * record, a revoked one has none of its own. In a transaction with the request, so a change of the request in
 * between conflicts. False while the request is too recent to judge.
 */
async function settleRecord(db: Db, doc: MakeupDoc, now: Date): Promise<boolean> {
  if (now.getTime() - new Date(doc.updatedAt).getTime() < RECORD_SETTLE_MS) return false
  await withTransaction(db, async (tx) => {
    const current = await getById<MakeupDoc>(tx, COLLECTIONS.makeups, doc._id)
    if (!current?.recordDue) return
    const id = checkinId(current.memberId, current.day)
    const record = await getById<CheckinDoc>(tx, COLLECTIONS.checkins, id)
    if (current.status === 'approved' && !record)
      await replace(tx, COLLECTIONS.checkins, effectiveRecord(current, now))
    if (current.status !== 'approved' && record?.requestId === current._id)
      await tx.collection(COLLECTIONS.checkins).doc(id).remove()
    await tx
      .collection(COLLECTIONS.makeups)
      .doc(doc._id)
      .update({ data: { recordDue: false } })
  })
  return true
}

/** Inserts a document whose _id makes it unique; a copy already there is the same document. */
async function insertIgnoringCopy<T extends { _id?: string }>(db: Db, coll: string, doc: T): Promise<void> {
  try {
    await insert(db, coll, doc)
  } catch (e) {
    if (!doc._id || !(await getById(db, coll, doc._id))) throw e
  }
}

/** A bulk approval's event names its reviewer only: the notice is built from the document it landed in. */
function bulkNotice(doc: MakeupDoc, e: RequestEvent): NewNotice | null {
  if (!e.noticeBy) return null
  return decidedNotice(
    { ...doc, status: e.to, updatedAt: e.at, decisionCode: undefined },
    { name: e.noticeBy },
  )
}
