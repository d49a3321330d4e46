// The integration webhook ("data syncs to the enterprise system"): per company, a URL and a secret; effective
// check-ins and review decisions become deliveries, POSTed as JSON with an HMAC-SHA256 signature, retried with
// exponential back-off, every attempt logged. Pure rules here; signing and HTTP are in the admin function.

export type WebhookEvent = 'checkin.effective' | 'makeup.decided'
export const WEBHOOK_EVENTS: WebhookEvent[] = ['checkin.effective', 'makeup.decided']

/** _id = companyId */
export interface WebhookDoc {
  _id: string
  companyId: string
  url: string
  secret: string
  events: WebhookEvent[]
  enabled: boolean
  /** when it was (last) enabled: events from this instant on are sent */
  cursor: Date
  /**
   * Per event type, the keyset cursor ('<epoch ms>.<_id>', server/paging) of the last source event turned into a
   * delivery: events are read in (at, _id) order after it, so none is skipped or queued twice.
   */
  cursors?: Record<string, string>
  updatedAt: Date
}

export interface DeliveryDoc {
  /** `${companyId}_${event}_${sourceId}`: one delivery per event, however often the scan sees it */
  _id: string
  companyId: string
  event: WebhookEvent
  /** the source event's instant; with _id, the order deliveries of one event type go out in */
  sourceAt: Date
  payload: Record<string, unknown>
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  nextAt: Date
  createdAt: Date
  lastStatus: number | null
  lastError: string | null
  deliveredAt: Date | null
}

/** The field of `cursors` for an event type (a dot in a field name would be a path). */
export const cursorKey = (event: WebhookEvent) => event.replace(/\./g, '_')

export const MAX_ATTEMPTS = 8
/**
 * Events are read only once they are this old: a write stamped `at` commits within its function's timeout (60 s
 * at most), so an event cannot appear behind a cursor that has already passed its instant.
 */
export const SETTLE_MS = 60_000
const BASE_MS = 30_000
const CAP_MS = 3_600_000

/** Wait before attempt `n + 1` after `n` failed ones: 30 s, 1 min, 2 min, … capped at an hour. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, failedAttempts - 1))
}

/** The delivery after one more attempt: delivered on 2xx, else retried later or given up. */
export function afterAttempt(
  d: DeliveryDoc,
  outcome: { status: number | null; error: string | null },
  now: Date,
): DeliveryDoc {
  const attempts = d.attempts + 1
  const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300
  return {
    ...d,
    attempts,
    lastStatus: outcome.status,
    lastError: ok ? null : (outcome.error ?? `HTTP ${outcome.status}`),
    status: ok ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
    deliveredAt: ok ? now : null,
    nextAt: ok ? d.nextAt : new Date(now.getTime() + backoffMs(attempts)),
  }
}

/** The string the signature covers: timestamp and body, so a captured body cannot be replayed later. */
export const signedText = (timestamp: string, body: string) => `${timestamp}.${body}`
