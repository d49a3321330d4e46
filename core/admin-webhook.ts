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
  /** events up to this instant have been turned into deliveries */
  cursor: Date
  updatedAt: Date
}

export interface DeliveryDoc {
  /** `${companyId}_${event}_${sourceId}`: one delivery per event, however often the scan sees it */
  _id: string
  companyId: string
  event: WebhookEvent
  payload: Record<string, unknown>
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  nextAt: Date
  createdAt: Date
  lastStatus: number | null
  lastError: string | null
  deliveredAt: Date | null
}

export const MAX_ATTEMPTS = 8
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
