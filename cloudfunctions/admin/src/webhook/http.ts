// One signed POST (node:http/https: the CloudBase runtime is Node 16, without fetch). Never throws: the outcome
// is the HTTP status or the error text, for the delivery log. The address is judged again at connect time:
// resolve, check every answer, then dial the checked address itself (no second look-up a rebinding name could
// answer differently, and no redirects: a 3xx is a failed attempt).
import { createHmac } from 'node:crypto'
import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { signedText } from '@core/admin'
import { judgeWebhookUrl, loopbackHttpAllowed, mayDial } from './address'

const TIMEOUT_MS = 5000

export interface Resolved {
  address: string
  family: number
}
/** Every address a host name resolves to. */
export type Resolver = (hostname: string) => Promise<Resolved[]>

/** What the socket is told: the checked address, with the name kept for TLS (SNI, certificate) and Host. */
export interface Dial {
  secure: boolean
  address: string
  family: number
  port: number
  path: string
  servername: string | null
  headers: Record<string, string>
  body: string
}
export type Connector = (dial: Dial) => Promise<Outcome>
export interface Outcome {
  status: number | null
  error: string | null
}

export interface Network {
  resolve: Resolver
  connect: Connector
  allowLoopbackHttp: boolean
}

export const dnsResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  )

export const nodeConnector: Connector = (d) =>
  new Promise((resolve) => {
    const client = d.secure ? https : http
    const req = client.request({
      method: 'POST',
      host: d.address,
      family: d.family,
      port: d.port,
      path: d.path,
      ...(d.servername ? { servername: d.servername } : {}),
      headers: d.headers,
      timeout: TIMEOUT_MS,
      agent: false,
    })
    req.on('response', (res) => {
      res.resume() // the answer's body is not needed
      res.on('end', () => resolve({ status: res.statusCode ?? null, error: null }))
    })
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)))
    req.on('error', (e) => resolve({ status: null, error: e.message.slice(0, 200) }))
    req.end(d.body)
  })

const realNetwork = (): Network => ({
  resolve: dnsResolver,
  connect: nodeConnector,
  allowLoopbackHttp: loopbackHttpAllowed(),
})

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(signedText(timestamp, body)).digest('hex')}`
}

export async function postSigned(
  url: string,
  secret: string,
  headers: Record<string, string>,
  body: string,
  now: Date,
  network: Network = realNetwork(),
): Promise<Outcome> {
  // a URL saved before today's rules is judged by them too
  const verdict = judgeWebhookUrl(url, network.allowLoopbackHttp)
  if (!verdict.ok) return { status: null, error: `address refused (${verdict.why})` }
  const t = verdict.target
  let addresses: Resolved[]
  if (t.literal) addresses = [{ address: t.literal, family: t.literal.includes(':') ? 6 : 4 }]
  else {
    try {
      addresses = await network.resolve(t.hostname)
    } catch (e) {
      return {
        status: null,
        error: `cannot resolve ${t.hostname}: ${String((e as Error)?.message).slice(0, 100)}`,
      }
    }
  }
  // any internal answer refuses the name: a rebinding name may hand out a public and a private address
  if (addresses.length === 0 || addresses.some((a) => !mayDial(t, a.address)))
    return { status: null, error: `address refused (${t.hostname} resolves to an internal address)` }
  const timestamp = String(now.getTime())
  return network.connect({
    secure: t.secure,
    address: addresses[0].address,
    family: addresses[0].family,
    port: t.port,
    path: t.path,
    servername: t.secure && !t.literal ? t.hostname : null,
    headers: {
      host: t.hostHeader,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'x-budaka-timestamp': timestamp,
      'x-budaka-signature': signature(secret, timestamp, body),
      ...headers,
    },
    body,
  })
}
