// The outbox: a notice is written in the same transaction (or step) as the state change that causes it, then
// sent by the notify function. The same documents are each member's in-app notice list.
import {
  NOTICE_TITLES,
  noticeBody,
  type NoticeKind,
  type NoticeProblem,
  type NoticeValues,
  type NoticeView,
} from '@core/notices'
import { isoShanghai } from '@core/calendar'
import { keysetPage } from '../paging'
import { find, getById, insert, type Db, type DocStore } from '../sdk'
import type { Updatable } from './ledger'
import { OUTBOX, type Audience, type OutboxDoc } from './records'

export interface NewNotice {
  companyId: string
  kind: NoticeKind
  /** the idempotency key (core/notices noticeKey): a second enqueue of the same key is a no-op */
  key: string
  audience: Audience
  values: NoticeValues
  at: Date
}

/** The outbox document of a notice: a recipient's own, or a fan-out the dispatcher expands. */
export function outboxDoc(n: NewNotice, over: Partial<OutboxDoc> = {}): OutboxDoc {
  const memberId = n.audience.kind === 'member' ? n.audience.memberId : null
  return {
    _id: n.key,
    companyId: n.companyId,
    kind: n.kind,
    values: n.values,
    memberId,
    ...(memberId ? {} : { audience: n.audience }),
    status: 'pending',
    dueAt: n.at,
    attempts: 0,
    title: NOTICE_TITLES[n.kind],
    body: noticeBody(n.kind, n.values),
    page: '',
    read: false,
    at: n.at,
    ...over,
  }
}

/**
 * Queues a notice (nothing when the change causes none). Pass the transaction of the state change when there is
 * one: the notice then exists exactly when the change does. Sending happens later (the notify function's timer,
 * or a kick), never in the caller.
 */
export async function enqueueNotice(store: DocStore, notice: NewNotice | null): Promise<void> {
  if (notice) await insert(store, OUTBOX, outboxDoc(notice))
}

/** Inserts unless the key exists; false when it did (an idempotent repeat). */
export async function insertOnce(db: Db, doc: OutboxDoc): Promise<boolean> {
  try {
    await insert(db, OUTBOX, doc)
    return true
  } catch (e) {
    // a duplicate key: the notice exists already (read back to tell it from a real failure)
    if (await getById<OutboxDoc>(db, OUTBOX, doc._id)) return false
    throw e
  }
}

/** Due notices: pending ones whose time has come, and sending ones whose sender's lease ran out. */
export function dueNotices(db: Db, now: Date, limit: number): Promise<OutboxDoc[]> {
  const _ = db.command
  return find<OutboxDoc>(
    db,
    OUTBOX,
    { status: _.in(['pending', 'sending']), dueAt: _.lte(now) },
    { orderBy: ['dueAt', 'asc'], limit },
  )
}

/** Takes a notice for sending until `leaseUntil`; false when another sender took it first. */
export async function claim(db: Db, doc: OutboxDoc, leaseUntil: Date): Promise<boolean> {
  const res = await (db.collection(OUTBOX) as unknown as Updatable)
    .where({ _id: doc._id, status: doc.status, attempts: doc.attempts, dueAt: doc.dueAt })
    .update({ data: { status: 'sending', dueAt: leaseUntil } })
  return res.stats.updated === 1
}

export async function settle(db: Db, id: string, fields: Partial<OutboxDoc>): Promise<void> {
  await db.collection(OUTBOX).doc(id).update({ data: fields })
}

// ---- the in-app list ----

export function noticeView(d: OutboxDoc): NoticeView {
  const status = d.status === 'sending' || d.status === 'expanded' ? 'pending' : d.status
  return {
    id: d._id,
    kind: d.kind,
    title: d.title,
    body: d.body,
    at: isoShanghai(d.at),
    read: d.read,
    status,
    page: d.page,
  }
}

interface Countable {
  where(q: object): { count(): Promise<{ total: number }> }
}

export async function inboxPage(
  db: Db,
  companyId: string,
  memberId: string,
  cursor: string | undefined,
  limit: number,
): Promise<{ docs: OutboxDoc[]; next: string | null }> {
  return keysetPage<OutboxDoc>(db, OUTBOX, { companyId, memberId }, 'at', 'desc', cursor, limit)
}

export async function unreadCount(db: Db, companyId: string, memberId: string): Promise<number> {
  const res = await (db.collection(OUTBOX) as unknown as Countable)
    .where({ companyId, memberId, read: false })
    .count()
  return res.total
}

/** Marks the member's notices read (only theirs: the member id is part of the condition). */
export async function markRead(db: Db, companyId: string, memberId: string, ids: string[] | 'all') {
  const where =
    ids === 'all'
      ? { companyId, memberId, read: false }
      : { companyId, memberId, read: false, _id: db.command.in(ids) }
  await (db.collection(OUTBOX) as unknown as Updatable).where(where).update({ data: { read: true } })
}

/** Recent notices that failed because of the configuration: what HR admins must fix. */
export async function configProblems(db: Db, companyId: string): Promise<NoticeProblem[]> {
  const docs = await find<OutboxDoc>(
    db,
    OUTBOX,
    { companyId, status: 'failed', reason: 'configError' },
    { orderBy: ['at', 'desc'], limit: 20 },
  )
  return docs.map((d) => ({
    id: d._id,
    kind: d.kind,
    reason: d.reason ?? '',
    detail: d.detail ?? '',
    at: isoShanghai(d.at),
  }))
}
