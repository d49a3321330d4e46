// The webhook timer: turns effective check-ins and review decisions of every company with an enabled webhook into
// deliveries, then sends them. Per event type: source events are read in (at, _id) order after that type's
// cursor, a page at a time, and queued under idempotent ids before the cursor moves (a run cut short anywhere
// queues nothing twice and skips nothing); deliveries go out one at a time in the same order, a failed one holding
// back the later ones of its type until it is delivered or given up. Each run stops at a time budget; the next
// run carries on.
import {
  ADMIN_COLLECTIONS,
  afterAttempt,
  cursorKey,
  type DeliveryDoc,
  SETTLE_MS,
  WEBHOOK_EVENTS,
  type WebhookDoc,
  type WebhookEvent,
} from '@core/admin'
import { isoShanghai } from '@core/calendar'
import { COLLECTIONS, type AuditDoc, type CheckinDoc } from '@core/makeup'
import { cursorOf, keysetPage } from '@server/paging'
import { find, insert, patch, replace, type Db } from '@server/sdk'
import { postSigned, type Network } from './http'

const DECISIONS = ['approve', 'reject', 'return', 'autoApprove']
/** source events read and queued per round trip */
const QUEUE_PAGE = 500
/** deliveries of one type read per round trip */
const SEND_PAGE = 100
/** the admin function times out at 20 s: queueing may use the first part, sending runs until the end */
const QUEUE_BUDGET_MS = 6_000
const BUDGET_MS = 12_000

export interface WebhookRun {
  queued: number
  delivered: number
  failed: number
}

export interface RunOptions {
  /** tests inject a resolver and connector; production resolves with DNS and dials with node:http(s) */
  network?: Network
  budgetMs?: number
}

export async function runWebhooks(db: Db, now: Date, opts: RunOptions = {}): Promise<WebhookRun> {
  const started = Date.now()
  const budget = opts.budgetMs ?? BUDGET_MS
  const queueUntil = started + Math.min(QUEUE_BUDGET_MS, budget / 2)
  const sendUntil = started + budget
  const hooks = await find<WebhookDoc>(db, ADMIN_COLLECTIONS.webhooks, { enabled: true }, { limit: 1000 })
  let queued = 0
  for (const hook of hooks)
    for (const event of hook.events) queued += await queueEvents(db, hook, event, now, queueUntil)
  const sent = { delivered: 0, failed: 0 }
  for (const hook of hooks)
    for (const event of WEBHOOK_EVENTS) {
      if (Date.now() >= sendUntil) break
      const r = await sendStream(db, hook, event, now, sendUntil, opts.network)
      sent.delivered += r.delivered
      sent.failed += r.failed
    }
  return { queued, ...sent }
}

interface Source {
  sourceId: string
  at: Date
  data: Record<string, unknown>
}

/** One page of an event type's source, in (at, _id) order after the cursor, and that page's last cursor. */
async function sourcePage(
  db: Db,
  companyId: string,
  event: WebhookEvent,
  cursor: string,
  settled: Date,
): Promise<{ sources: Source[]; last: string | null; full: boolean }> {
  const _ = db.command
  if (event === 'checkin.effective') {
    const { docs } = await keysetPage<CheckinDoc>(
      db,
      COLLECTIONS.checkins,
      { companyId, at: _.lte(settled) },
      'at',
      'asc',
      cursor,
      QUEUE_PAGE,
    )
    const last = docs[docs.length - 1]
    return {
      sources: docs.map((c) => ({
        sourceId: c._id,
        at: c.at,
        data: { memberId: c.memberId, day: c.day, source: c.source, requestId: c.requestId ?? null },
      })),
      last: last ? cursorOf(last.at, last._id) : null,
      full: docs.length === QUEUE_PAGE,
    }
  }
  // decisions are audit entries; the page is read on (at, _id) over the whole log so the cursor always moves
  const { docs } = await keysetPage<AuditDoc & { _id: string }>(
    db,
    COLLECTIONS.audit,
    { companyId, at: _.lte(settled) },
    'at',
    'asc',
    cursor,
    QUEUE_PAGE,
  )
  const last = docs[docs.length - 1]
  return {
    sources: docs
      .filter((a) => a.subject === 'makeup' && DECISIONS.includes(a.action))
      .map((a) => ({
        sourceId: a._id,
        at: a.at,
        // ids and codes only: the reviewer's note stays out of what leaves the platform
        data: { requestId: a.subjectId, memberId: a.memberId, decision: a.action, status: a.to },
      })),
    last: last ? cursorOf(last.at, last._id) : null,
    full: docs.length === QUEUE_PAGE,
  }
}

async function queueEvents(
  db: Db,
  hook: WebhookDoc,
  event: WebhookEvent,
  now: Date,
  until: number,
): Promise<number> {
  const companyId = hook.companyId
  const settled = new Date(now.getTime() - SETTLE_MS)
  let cursor = hook.cursors?.[cursorKey(event)] ?? cursorOf(hook.cursor, '')
  let queued = 0
  while (Date.now() < until) {
    const page = await sourcePage(db, companyId, event, cursor, settled)
    if (page.sources.length > 0) queued += await insertNew(db, companyId, event, page.sources, now)
    if (page.last) {
      cursor = page.last
      // after the page is queued: a run cut short before this re-reads the page and skips what it queued
      await patch(db, ADMIN_COLLECTIONS.webhooks, hook._id, { [`cursors.${cursorKey(event)}`]: cursor })
    }
    if (!page.full) break
  }
  return queued
}

/** Inserts the deliveries of these events that do not exist yet, in one batch; their ids make them unique. */
async function insertNew(
  db: Db,
  companyId: string,
  event: WebhookEvent,
  sources: Source[],
  now: Date,
): Promise<number> {
  const _ = db.command
  const docs: DeliveryDoc[] = sources.map((e) => ({
    _id: `${companyId}_${event}_${e.sourceId}`,
    companyId,
    event,
    sourceAt: e.at,
    payload: { event, companyId, occurredAt: isoShanghai(e.at), data: e.data },
    status: 'pending',
    attempts: 0,
    nextAt: now,
    createdAt: now,
    lastStatus: null,
    lastError: null,
    deliveredAt: null,
  }))
  const existing = new Set(
    (
      await find<{ _id: string }>(
        db,
        ADMIN_COLLECTIONS.deliveries,
        { _id: _.in(docs.map((d) => d._id)) },
        { limit: docs.length },
      )
    ).map((d) => d._id),
  )
  const fresh = docs.filter((d) => !existing.has(d._id))
  if (fresh.length === 0) return 0
  try {
    await db.collection(ADMIN_COLLECTIONS.deliveries).add({ data: fresh as unknown as object })
    return fresh.length
  } catch (e) {
    if (!/duplicate/i.test(String((e as Error)?.message))) throw e
  }
  // another run queued some of them meanwhile: one by one, a duplicate being the one already there
  let queued = 0
  for (const d of fresh)
    try {
      await insert(db, ADMIN_COLLECTIONS.deliveries, d)
      queued++
    } catch (e) {
      if (!/duplicate/i.test(String((e as Error)?.message))) throw e
    }
  return queued
}

/** Sends one event type's pending deliveries in order, until one must wait (back-off) or the budget ends. */
async function sendStream(
  db: Db,
  hook: WebhookDoc,
  event: WebhookEvent,
  now: Date,
  until: number,
  network: Network | undefined,
) {
  let delivered = 0
  let failed = 0
  while (Date.now() < until) {
    const page = (
      await db
        .collection(ADMIN_COLLECTIONS.deliveries)
        .where({ companyId: hook.companyId, event, status: 'pending' })
        .orderBy('sourceAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(SEND_PAGE)
        .get()
    ).data as DeliveryDoc[]
    if (page.length === 0) break
    for (const d of page) {
      if (d.nextAt > now || Date.now() >= until) return { delivered, failed }
      const body = JSON.stringify({ id: d._id, ...d.payload })
      const outcome = await postSigned(
        hook.url,
        hook.secret,
        { 'x-budaka-event': d.event, 'x-budaka-delivery': d._id },
        body,
        now,
        network,
      )
      const after = afterAttempt(d, outcome, now)
      await replace(db, ADMIN_COLLECTIONS.deliveries, after)
      if (after.status === 'delivered') delivered++
      else if (after.status === 'failed') failed++
      // a later event of this type waits for this one's retry: the receiver sees them in order
      else return { delivered, failed }
    }
  }
  return { delivered, failed }
}
