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

/**
 * Where a company may send its data: https to a public host, plain http only to this machine (local development
 * and tests, whose receivers listen on loopback). An https address inside a network (private, loopback,
 * link-local — the cloud's metadata service among them) is refused: a webhook must not reach into the platform.
 */
export function webhookUrlAllowed(url: string): boolean {
  // no credentials in the URL, no spaces; a regex rather than URL(), which the mini program runtime lacks
  if (url.length > 500 || /[\s@]/.test(url)) return false
  const https = /^https:\/\/([A-Za-z0-9.-]+)(:\d{1,5})?(\/\S*)?$/.exec(url)
  if (https) return !isInternalHost(https[1])
  return /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?(\/\S*)?$/.test(url)
}

// 0/8, 10/8, 100.64/10 (carrier NAT), 127/8, 169.254/16 (link-local, metadata), 172.16/12, 192.168/16
const INTERNAL_V4 =
  /^(0|10|127)\.|^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.|^169\.254\.|^172\.(1[6-9]|2\d|3[01])\.|^192\.168\./

/** A host name or address (v4, or v6 as DNS gives it) that lies inside a network rather than on the internet. */
export function isInternalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  if (h === 'localhost' || /\.(localhost|local|internal|lan)$/.test(h)) return true
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) return INTERNAL_V4.test(h)
  if (/^\d+$/.test(h)) return true // a bare number is an IPv4 address too (http://2130706433)
  if (!h.includes(':')) return false
  // IPv6: loopback, unspecified, unique-local fc00::/7, link-local fe80::/10, IPv4-mapped
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h)
  if (mapped) return INTERNAL_V4.test(mapped[1])
  return h === '::1' || h === '::' || /^f[cd]/.test(h) || /^fe[89ab]/.test(h)
}

/** The string the signature covers: timestamp and body, so a captured body cannot be replayed later. */
export const signedText = (timestamp: string, body: string) => `${timestamp}.${body}`
