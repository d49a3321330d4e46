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

/**
 * Moves up to `pages` pages of requests' events, then checks the records of decisions that have settled; returns
 * how many documents were moved or checked.
 */
export async function moveRequestEvents(db: Db, now: Date, pages = 10): Promise<number> {
  let done = 0
  for (let page = 0; page < pages; page++) {
    const due = await find<MakeupDoc>(db, COLLECTIONS.makeups, { eventsDue: true }, { limit: PAGE })
    done += (await Promise.all(due.map((doc) => moveOne(db, doc)))).filter(Boolean).length
    if (due.length < PAGE) break
  }
  const settledBefore = new Date(now.getTime() - RECORD_SETTLE_MS)
  for (let page = 0; page < pages; page++) {
    const due = await find<MakeupDoc>(
      db,
      COLLECTIONS.makeups,
      { recordDue: true, updatedAt: db.command.lte(settledBefore) },
      { limit: PAGE },
    )
    await Promise.all(due.map((doc) => settleRecord(db, doc, now)))
    done += due.length
    if (due.length < PAGE) break
  }
  return done
}

/** Copies one request's events out and clears them (unless another change appended events meanwhile). */
async function moveOne(db: Db, doc: MakeupDoc): Promise<boolean> {
  for (const e of doc.events ?? []) {
    await insertIgnoringCopy(db, COLLECTIONS.audit, auditOfEvent(doc, e))
    const notices = e.notice ? [e.notice as NewNotice | NewNotice[]].flat() : [bulkNotice(doc, e)]
    for (const notice of notices) if (notice) await insertOnce(db, outboxDoc(notice))
  }
  const cleared = await updateWhere(
    db,
    COLLECTIONS.makeups,
    { _id: doc._id, eventsSeq: doc.eventsSeq ?? 0 },
    { events: [], eventsDue: false },
  )
  return cleared === 1
}

/**
 * Makes the day's effective record agree with the request once it has settled: an approved request has its
 * record, a revoked one has none of its own. In a transaction with the request, so a change of the request in
 * between conflicts. Only requests still for RECORD_SETTLE_MS are checked (the deciding call's own write is done).
 */
async function settleRecord(db: Db, doc: MakeupDoc, now: Date): Promise<void> {
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
