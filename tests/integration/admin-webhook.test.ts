// The integration webhook through the emulator: an HR admin configures it, check-ins and decisions become signed
// deliveries sent by the admin function's timer to a receiver on loopback, retried with back-off, logged.
import { createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { type DeliveryDoc, MAX_ATTEMPTS, SETTLE_MS as S, type WebhookView } from '@core/admin'
import { A, B, COMPANY, codeOf, docs, fixture, makeupInput, ok, report, rid, settle } from './harness'
import { useEmulator } from './fixture'

jest.setTimeout(120_000)

interface Received {
  headers: http.IncomingHttpHeaders
  body: string
}

let server: http.Server
let received: Received[] = []
/** status codes the receiver answers with, in order; 200 once they run out */
let answers: number[] = []

const HR = B
const SECRET = 'whsec-0123456789abcdef'
const T0 = new Date('2026-11-27T02:00:00Z').getTime()
const emu = useEmulator({
  functions: ['admin', 'checkin', 'makeup', 'review'],
  files: true,
  data: () => fixture({}, { m2: { roles: ['employee', 'hr'] } }),
  at: new Date(T0),
})

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.statusCode = answers.shift() ?? 200
      res.end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
}, 60_000)
afterAll(() => new Promise((r) => server?.close(r)))

const hookUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
const deliveries = () => docs<DeliveryDoc>(emu, 'webhook_deliveries')
/** Moves the clock without running due timers (a move of a minute or more would): the tests tick themselves. */
const at = async (ms: number) => emu.clock.setOffset(T0 + ms - Date.now())

async function tick(): Promise<{ queued: number; delivered: number; failed: number }> {
  const report = await emu.fireTrigger('admin')
  if (!report.ok) throw new Error(JSON.stringify(report.error))
  return (report.result as { data: { queued: number; delivered: number; failed: number } }).data
}

beforeEach(() => {
  received = []
  answers = []
})

const enable = (events = ['checkin.effective', 'makeup.decided']) =>
  ok(emu, 'admin', 'saveWebhook', { url: hookUrl(), secret: SECRET, events, enabled: true }, HR)

describe('admin webhook', () => {
  it('refuses a URL that is neither https nor loopback, and a first save without a secret', async () => {
    const base = { events: ['checkin.effective'], enabled: true }
    expect(
      await codeOf(
        emu,
        'admin',
        'saveWebhook',
        { ...base, url: 'http://erp.example.com/h', secret: SECRET },
        HR,
      ),
    ).toBe('WEBHOOK_INVALID')
    expect(
      await codeOf(
        emu,
        'admin',
        'saveWebhook',
        { ...base, url: 'https://u:p@erp.example.com/h', secret: SECRET },
        HR,
      ),
    ).toBe('WEBHOOK_INVALID')
    expect(await codeOf(emu, 'admin', 'saveWebhook', { ...base, url: 'https://erp.example.com/h' }, HR)).toBe(
      'WEBHOOK_INVALID',
    )
    expect(
      await codeOf(
        emu,
        'admin',
        'saveWebhook',
        { ...base, url: 'https://erp.example.com/h', secret: SECRET },
        A,
      ),
    ).toBe('FORBIDDEN')
    // the metadata service and loopback in notations the old dotted-decimal check let through
    for (const url of [
      'https://169.254.43518/',
      'https://0xa9.0xfe.0xa9.0xfe/',
      'https://10.1/',
      `https://0x7f.0.0.1:${(server.address() as AddressInfo).port}/hook`,
      'https://[::ffff:a9fe:a9fe]/',
      'https://metadata.tencentyun.com/',
    ])
      expect([url, await codeOf(emu, 'admin', 'saveWebhook', { ...base, url, secret: SECRET }, HR)]).toEqual([
        url,
        'WEBHOOK_INVALID',
      ])
    expect(docs(emu, 'webhooks')).toEqual([])
    const refusals = docs<{ action: string; to: string; reason: string }>(emu, 'audit', { action: 'refused' })
    expect(refusals).toHaveLength(9)
    expect(refusals.every((r) => r.to === 'WEBHOOK_INVALID' && r.reason === 'saveWebhook')).toBe(true)
    const view = await ok(
      emu,
      'admin',
      'saveWebhook',
      { ...base, url: 'https://erp.example.com/h', secret: SECRET },
      HR,
    )
    expect(view).toMatchObject({ hasSecret: true, enabled: true, deliveries: [] })
    expect(JSON.stringify(view)).not.toContain(SECRET)
  })

  it('signs a check-in delivery, retries it after a failure with back-off, and logs each attempt', async () => {
    await enable()
    await at(1000)
    await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)
    answers = [500]
    await at(S + 20_000)
    expect(await tick()).toEqual({ queued: 1, delivered: 0, failed: 0 })
    expect(deliveries()[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500 })

    const first = received[0]
    const expected = createHmac('sha256', SECRET)
      .update(`${first.headers['x-budaka-timestamp']}.${first.body}`)
      .digest('hex')
    expect(first.headers['x-budaka-signature']).toBe(`sha256=${expected}`)
    expect(first.headers['x-budaka-event']).toBe('checkin.effective')
    expect(JSON.parse(first.body)).toMatchObject({
      event: 'checkin.effective',
      companyId: COMPANY,
      data: { memberId: 'm1', day: '2026-11-27', source: 'daily' },
    })

    // not due yet: nothing is sent and nothing is queued twice
    await at(S + 30_000)
    expect(await tick()).toEqual({ queued: 0, delivered: 0, failed: 0 })
    expect(received).toHaveLength(1)
    await at(S + 20_000 + 31_000)
    expect(await tick()).toEqual({ queued: 0, delivered: 1, failed: 0 })
    expect(received).toHaveLength(2)
    expect(received[1].headers['x-budaka-delivery']).toBe(first.headers['x-budaka-delivery'])

    const log = await ok(emu, 'admin', 'webhook', {}, HR)
    expect((log as WebhookView).deliveries).toMatchObject([
      { event: 'checkin.effective', status: 'delivered', attempts: 2, lastStatus: 200, lastError: null },
    ])
  })

  it('sends review decisions and the check-in an approval creates', async () => {
    await enable(['makeup.decided'])
    await at(1000)
    const req = await ok(emu, 'makeup', 'submit', makeupInput('2026-11-26', { reason: '忘记打卡' }), A)
    await ok(emu, 'review', 'decide', { id: req.id, decision: 'approve' }, HR)
    // the decision reaches the audit log, the webhook's source, when the notify timer moves its events
    await settle(emu)
    await at(S + 20_000)
    expect(await tick()).toMatchObject({ queued: 1, delivered: 1 })
    expect(JSON.parse(received[0].body)).toMatchObject({
      event: 'makeup.decided',
      data: { requestId: req.id, memberId: 'm1', decision: 'approve', status: 'approved' },
    })
  })

  it('gives up after the last attempt and shows it in the log', async () => {
    await enable()
    await at(1000)
    await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)
    answers = Array.from({ length: MAX_ATTEMPTS }, () => 503)
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await at(S + 20_000 + i * 3_600_000)
      await tick()
    }
    expect(received).toHaveLength(MAX_ATTEMPTS)
    expect(deliveries()[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastStatus: 503 })
    await at(S + 20_000 + MAX_ATTEMPTS * 3_600_000)
    await tick()
    expect(received).toHaveLength(MAX_ATTEMPTS)
  })

  it('runs the timer only for the platform: a client saying Type Timer is refused, recorded, and sends nothing', async () => {
    await enable()
    await at(1000)
    await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)
    await at(S + 20_000)
    for (const openid of [A, HR, '']) {
      const forged = await emu.invoke('admin', { Type: 'Timer', TriggerName: 'minutely' }, { openid })
      expect(forged.result).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect(deliveries()).toEqual([])
    expect(received).toEqual([])
    expect(docs(emu, 'audit', { action: 'refused', reason: 'admin.timer' })).toHaveLength(2)
    expect(await tick()).toMatchObject({ queued: 1, delivered: 1 })
  })

  it('sends nothing for a disabled webhook or for events before it was enabled', async () => {
    await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)
    await at(10_000)
    await enable()
    await at(S + 20_000)
    expect(await tick()).toEqual({ queued: 0, delivered: 0, failed: 0 })
    await ok(
      emu,
      'admin',
      'saveWebhook',
      { url: hookUrl(), events: ['checkin.effective'], enabled: false },
      HR,
    )
    await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, B)
    await at(2 * S + 30_000)
    expect(await tick()).toEqual({ queued: 0, delivered: 0, failed: 0 })
    expect(received).toEqual([])
  })
})
