// The webhook timer: turns new effective check-ins and review decisions of every company with an enabled webhook
// into deliveries (idempotent ids, a per-company cursor), then sends the due ones and records each attempt.
import {
  ADMIN_COLLECTIONS,
  afterAttempt,
  type DeliveryDoc,
  type WebhookDoc,
  type WebhookEvent,
} from '@core/admin'
import { isoShanghai, localDay } from '@core/calendar'
import { COLLECTIONS, type AuditDoc, type CheckinDoc } from '@core/makeup'
import { find, insert, patch, replace, type Db } from '@server/sdk'
import { postSigned } from './http'

const DECISIONS = ['approve', 'reject', 'return', 'autoApprove']
const BATCH = 20
const BUDGET_MS = 10_000

export interface WebhookRun {
  queued: number
  delivered: number
  failed: number
}

export async function runWebhooks(db: Db, now: Date): Promise<WebhookRun> {
  const hooks = await find<WebhookDoc>(db, ADMIN_COLLECTIONS.webhooks, { enabled: true }, { limit: 1000 })
  let queued = 0
  for (const hook of hooks) queued += await queueEvents(db, hook, now)
  const sent = await deliverDue(db, new Map(hooks.map((h) => [h.companyId, h])), now)
  return { queued, ...sent }
}

interface Event {
  event: WebhookEvent
  sourceId: string
  at: Date
  data: Record<string, unknown>
}

async function queueEvents(db: Db, hook: WebhookDoc, now: Date): Promise<number> {
  const _ = db.command
  const companyId = hook.companyId
  const [checkins, audit] = await Promise.all([
    hook.events.includes('checkin.effective')
      ? find<CheckinDoc>(
          db,
          COLLECTIONS.checkins,
          { companyId, day: _.gte(localDay(hook.cursor)) },
          { limit: 1000 },
        )
      : [],
    hook.events.includes('makeup.decided')
      ? find<AuditDoc>(
          db,
          COLLECTIONS.audit,
          { companyId, at: _.gte(hook.cursor) },
          { orderBy: ['at', 'asc'], limit: 1000 },
        )
      : [],
  ])
  const events: Event[] = [
    ...checkins.map((c) => ({
      event: 'checkin.effective' as const,
      sourceId: c._id,
      at: c.at,
      data: { memberId: c.memberId, day: c.day, source: c.source, requestId: c.requestId ?? null },
    })),
    ...audit
      .filter((a) => a.subject === 'makeup' && DECISIONS.includes(a.action))
      .map((a) => ({
        event: 'makeup.decided' as const,
        sourceId: `${a.subjectId}_${a.action}_${a.at.getTime()}`,
        at: a.at,
        data: {
          requestId: a.subjectId,
          memberId: a.memberId,
          decision: a.action,
          status: a.to,
          reason: a.reason,
        },
      })),
  ].filter((e) => e.at >= hook.cursor)
  let queued = 0
  for (const e of events) {
    const doc: DeliveryDoc = {
      _id: `${companyId}_${e.event}_${e.sourceId}`,
      companyId,
      event: e.event,
      payload: { event: e.event, companyId, occurredAt: isoShanghai(e.at), data: e.data },
      status: 'pending',
      attempts: 0,
      nextAt: now,
      createdAt: now,
      lastStatus: null,
      lastError: null,
      deliveredAt: null,
    }
    // the cursor is inclusive (equal instants are possible): an event seen before collides on its id
    try {
      await insert(db, ADMIN_COLLECTIONS.deliveries, doc)
      queued++
    } catch (e) {
      if (!/duplicate/i.test(String((e as Error)?.message))) throw e
    }
  }
  const latest = events.reduce((max, e) => (e.at > max ? e.at : max), hook.cursor)
  if (latest > hook.cursor) await patch(db, ADMIN_COLLECTIONS.webhooks, hook._id, { cursor: latest })
  return queued
}

async function deliverDue(db: Db, hooks: Map<string, WebhookDoc>, now: Date) {
  const _ = db.command
  const started = Date.now()
  let delivered = 0
  let failed = 0
  while (Date.now() - started < BUDGET_MS) {
    const due = await find<DeliveryDoc>(
      db,
      ADMIN_COLLECTIONS.deliveries,
      { status: 'pending', nextAt: _.lte(now) },
      { orderBy: ['nextAt', 'asc'], limit: BATCH },
    )
    if (due.length === 0) break
    const results = await Promise.all(due.map((d) => attempt(d, hooks.get(d.companyId), now)))
    for (const r of results) {
      await replace(db, ADMIN_COLLECTIONS.deliveries, r)
      if (r.status === 'delivered') delivered++
      if (r.status === 'failed') failed++
    }
  }
  return { delivered, failed }
}

async function attempt(d: DeliveryDoc, hook: WebhookDoc | undefined, now: Date): Promise<DeliveryDoc> {
  // switched off since it was queued: given up, visible in the log
  if (!hook) return { ...d, status: 'failed', lastError: 'webhook disabled' }
  const body = JSON.stringify({ id: d._id, ...d.payload })
  const outcome = await postSigned(
    hook.url,
    hook.secret,
    { 'x-budaka-event': d.event, 'x-budaka-delivery': d._id },
    body,
    now,
  )
  return afterAttempt(d, outcome, now)
}
