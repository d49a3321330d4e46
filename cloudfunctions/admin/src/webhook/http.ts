// One signed POST (node:http/https: the CloudBase runtime is Node 16, without fetch). Never throws: the outcome
// is the HTTP status or the error text, for the delivery log.
import { createHmac } from 'node:crypto'
import dns, { type LookupAddress, type LookupOptions } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { isInternalHost, signedText } from '@core/admin'

const TIMEOUT_MS = 5000

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(signedText(timestamp, body)).digest('hex')}`
}

export function postSigned(
  url: string,
  secret: string,
  headers: Record<string, string>,
  body: string,
  now: Date,
): Promise<{ status: number | null; error: string | null }> {
  const timestamp = String(now.getTime())
  const secure = url.startsWith('https:')
  const client = secure ? https : http
  return new Promise((resolve) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        timeout: TIMEOUT_MS,
        // https goes to public hosts only: a name that resolves inside a network is refused at connect time
        ...(secure ? { lookup: publicOnly } : {}),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
          'x-budaka-timestamp': timestamp,
          'x-budaka-signature': signature(secret, timestamp, body),
          ...headers,
        },
      },
      (res) => {
        res.resume() // the answer's body is not needed
        res.on('end', () => resolve({ status: res.statusCode ?? null, error: null }))
      },
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)))
    req.on('error', (e) => resolve({ status: null, error: e.message.slice(0, 200) }))
    req.end(body)
  })
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void

/** dns.lookup, failing when any address it finds lies inside a network (see isInternalHost). */
export function publicOnly(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, [])
    if (addresses.some((a) => isInternalHost(a.address)))
      return callback(new Error(`${hostname} resolves to an internal address`), [])
    if (options.all) return callback(null, addresses)
    callback(null, addresses[0].address, addresses[0].family)
  })
}
