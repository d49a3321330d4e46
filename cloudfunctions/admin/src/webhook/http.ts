// One signed POST (node:http/https: the CloudBase runtime is Node 16, without fetch). Never throws: the outcome
// is the HTTP status or the error text, for the delivery log.
import { createHmac } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import { signedText } from '../../../../core/admin-webhook'

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
  const client = url.startsWith('https:') ? https : http
  return new Promise((resolve) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        timeout: TIMEOUT_MS,
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
