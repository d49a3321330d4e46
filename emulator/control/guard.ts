// The control API changes and exports everything, so it answers only this machine's own tools: a request must
// name a loopback Host (a DNS-rebinding page names its own), carry no foreign Origin (a cross-site page does),
// send JSON when it sends a body (a "simple" cross-site POST cannot), and present the token of this start
// (handed to the console page, to tests through `emulator.controlToken`, to scripts through
// EMULATOR_CONTROL_TOKEN). Development only: the emulator never serves a real deployment.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type http from 'node:http'
import { HttpError } from '../server'

export const CONTROL_TOKEN_HEADER = 'x-emulator-token'
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i
export const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i

export const newControlToken = () => randomBytes(24).toString('hex')

/** A Host header naming this machine (every route: the SDK, the gateway and the console are all local). */
export function loopbackHost(req: http.IncomingMessage): boolean {
  return LOOPBACK_HOST.test(req.headers.host ?? '')
}

/** A browser request from a page of another site (no Origin: not a browser, or same-origin GET). */
export function foreignOrigin(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin
  if (origin !== undefined && !LOOPBACK_ORIGIN.test(origin)) return true
  return req.headers['sec-fetch-site'] === 'cross-site'
}

/** Throws the HTTP refusal for a control request that is not from this machine's own tools. */
export function requireControlCaller(req: http.IncomingMessage, token: string): void {
  if (!loopbackHost(req)) throw new HttpError(403, 'the control API answers loopback hosts only', 'FORBIDDEN')
  if (foreignOrigin(req)) throw new HttpError(403, 'cross-site requests are refused', 'FORBIDDEN')
  const given = String(req.headers[CONTROL_TOKEN_HEADER] ?? '')
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw new HttpError(
      401,
      `the control API needs the ${CONTROL_TOKEN_HEADER} header of this start`,
      'UNAUTHORIZED',
    )
  if (req.method !== 'GET' && req.method !== 'DELETE') {
    const type = String(req.headers['content-type'] ?? '')
    if (!/^application\/json\s*(;|$)/i.test(type))
      throw new HttpError(
        415,
        'the control API takes JSON bodies only (content-type: application/json)',
        'UNSUPPORTED_MEDIA_TYPE',
      )
  }
}
