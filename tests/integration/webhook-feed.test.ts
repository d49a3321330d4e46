// The webhook feed at a busy day's volume: 2 500 check-ins (many sharing an instant; WEBHOOK_FEED_CHECKINS=10000
// for a full day) and review decisions between other audit entries at the same instants. Runs are cut short by injected failures — while queueing (a write
// that fails mid-run) and while sending (the connector dies after N posts) — and the following runs finish the
// work: every event reaches the receiver on loopback exactly once, in (at, _id) order per event type.
// The run is the admin function's own code, run in-process against the emulator with the real SDK, so that the
// failures can be injected; the timer path itself is covered by admin-webhook.test.ts.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Emulator } from '@emulator/index'
import { SETTLE_MS, type WebhookDoc } from '@core/admin'
import type { AuditDoc, CheckinDoc } from '@core/makeup'
import type * as Job from '../../cloudfunctions/admin/src/webhook/job'
import type * as Http from '../../cloudfunctions/admin/src/webhook/http'
import type { Db } from '@server/sdk'
import { COMPANY, fixture, load, report, startFunctionsEmulator } from './harness'

jest.setTimeout(600_000)

/** 5 batches of 500 to queue and 26 pages of 100 to send: the failures below fall mid-run and mid-page */
const CHECKINS = Number(process.env.WEBHOOK_FEED_CHECKINS ?? 2_500)
/** the connector dies after this many posts: in the middle of a page, about half-way */
const DIES_AFTER = 1234
/** check-ins per instant: ties are the rule at a morning peak */
const TIE = 35
const DAY_START = new Date('2026-11-27T00:00:00Z')
/** runs in this test may take longer than the function's budget: fewer of them */
const LONG = 120_000
const NOW = new Date(DAY_START.getTime() + 86_400_000 + SETTLE_MS)

let emu: Emulator
let server: http.Server
let received: { event: string; id: string; body: { occurredAt: string } }[] = []
let job: typeof Job
let net: typeof Http
let db: Db

beforeAll(async () => {
  emu = await startFunctionsEmulator(['admin'])
  Object.assign(process.env, emu.sdkEnv('o-timer'))
  // required only now: the SDK reads process.env, which points it at the emulator
  job = require('../../cloudfunctions/admin/src/webhook/job')
  net = require('../../cloudfunctions/admin/src/webhook/http')
  db = require('@server/sdk').database()
  server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push({
        event: String(req.headers['x-budaka-event']),
        id: String(req.headers['x-budaka-delivery']),
        body: JSON.parse(body),
      })
      res.end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
}, 120_000)
afterAll(async () => {
  await new Promise((r) => server?.close(r))
  await emu?.close()
})

function day(): Record<string, object[]> {
  const base = fixture()
  const checkins: CheckinDoc[] = Array.from({ length: CHECKINS }, (_, i) => ({
    _id: `x${String(CHECKINS - i).padStart(5, '0')}_2026-11-27`, // ids against the time order
    companyId: COMPANY,
    memberId: `x${i}`,
    day: '2026-11-27',
    report,
    source: 'daily',
    at: new Date(DAY_START.getTime() + 3_600_000 + Math.floor(i / TIE) * 1000),
  }))
  // 40 decisions, each at an instant shared with 2 other audit entries (another action, another company)
  const audit: (AuditDoc & { _id: string })[] = Array.from({ length: 40 }, (_, i) => {
    const at = new Date(DAY_START.getTime() + 7_200_000 + Math.floor(i / 4) * 1000)
    const entry = (id: string, over: Partial<AuditDoc>): AuditDoc & { _id: string } => ({
      _id: id,
      companyId: COMPANY,
      subject: 'makeup',
      subjectId: `r${i}`,
      memberId: `x${i}`,
      action: 'approve',
      from: 'pending',
      to: 'approved',
      actor: { kind: 'member', id: 'm2' },
      at,
      reason: '',
      ...over,
    })
    return [
      entry(`a${String(i).padStart(3, '0')}`, {}),
      entry(`b${String(i).padStart(3, '0')}`, { action: 'submit', from: null, to: 'pending' }),
      entry(`c${String(i).padStart(3, '0')}`, { companyId: 'c2' }),
    ]
  }).flat()
  const hook: WebhookDoc = {
    _id: COMPANY,
    companyId: COMPANY,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    secret: 'whsec-0123456789abcdef',
    events: ['checkin.effective', 'makeup.decided'],
    enabled: true,
    cursor: DAY_START,
    updatedAt: DAY_START,
  }
  return { ...base, checkins, audit, webhooks: [hook] }
}

class InjectedCrash extends Error {}

/** The loopback network of development, whose connector dies after `posts` posts (Infinity: never). */
function network(posts: number): Http.Network {
  let left = posts
  return {
    allowLoopbackHttp: true,
    resolve: net.dnsResolver,
    connect: (dial) => {
      if (dial.address !== '127.0.0.1') throw new Error(`would dial ${dial.address}`)
      if (left-- <= 0) throw new InjectedCrash('connector died')
      return net.nodeConnector(dial)
    },
  }
}

/** The database, whose delivery inserts fail from the `n`-th one on. */
function failingInserts(n: number): Db {
  let calls = 0
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== 'collection') return Reflect.get(target, prop, receiver)
      return (name: string) => {
        const coll = target.collection(name)
        if (name !== 'webhook_deliveries') return coll
        return new Proxy(coll, {
          get(c, p, r) {
            if (p !== 'add') return Reflect.get(c, p, r)
            return (opts: { data: object }) => {
              if (++calls >= n) throw new InjectedCrash('insert failed')
              return c.add(opts)
            }
          },
        })
      }
    },
  })
}

async function runToEnd(): Promise<number> {
  for (let runs = 1; runs <= 40; runs++) {
    const r = await job.runWebhooks(db, NOW, { network: network(Infinity), budgetMs: LONG })
    if (r.queued === 0 && r.delivered === 0) return runs
  }
  throw new Error('the feed did not finish in 40 runs')
}

const sortedIds = (items: { at: Date; _id: string }[]) =>
  [...items].sort((a, b) => a.at.getTime() - b.at.getTime() || (a._id < b._id ? -1 : 1)).map((x) => x._id)

it(`delivers ${CHECKINS} of ${CHECKINS} check-ins and every decision once, in order, across runs cut short`, async () => {
  const data = day()
  load(emu, data)
  received = []

  // cut short while queueing: the third batch insert fails
  await expect(job.runWebhooks(failingInserts(3), NOW, { network: network(Infinity) })).rejects.toThrow(
    InjectedCrash,
  )
  // cut short while sending, in the middle of a page: the connector dies after DIES_AFTER posts
  await expect(job.runWebhooks(db, NOW, { network: network(DIES_AFTER), budgetMs: LONG })).rejects.toThrow(
    InjectedCrash,
  )
  expect(received.length).toBe(DIES_AFTER)
  await runToEnd()

  const checkins = received.filter((r) => r.event === 'checkin.effective')
  const expected = sortedIds(data.checkins as CheckinDoc[]).map((id) => `${COMPANY}_checkin.effective_${id}`)
  expect(checkins).toHaveLength(CHECKINS)
  expect(new Set(checkins.map((r) => r.id)).size).toBe(CHECKINS)
  expect(checkins.map((r) => r.id)).toEqual(expected)

  const decided = received.filter((r) => r.event === 'makeup.decided')
  expect(decided.map((r) => r.id)).toEqual(
    Array.from({ length: 40 }, (_, i) => `${COMPANY}_makeup.decided_a${String(i).padStart(3, '0')}`),
  )
  expect(emu.store.count('webhook_deliveries', {}).total).toBe(CHECKINS + 40)
  expect(emu.store.count('webhook_deliveries', { status: 'delivered' }).total).toBe(CHECKINS + 40)
})

it('finds nothing new later, and queues a check-in that arrives after the busy day', async () => {
  received = []
  expect(await job.runWebhooks(db, NOW, { network: network(Infinity) })).toEqual({
    queued: 0,
    delivered: 0,
    failed: 0,
  })
  await db.collection('checkins').add({
    data: {
      _id: 'late_2026-11-28',
      companyId: COMPANY,
      memberId: 'late',
      day: '2026-11-28',
      report,
      source: 'daily',
      at: new Date(NOW.getTime() - SETTLE_MS + 1),
    },
  })
  const later = new Date(NOW.getTime() + SETTLE_MS)
  expect(await job.runWebhooks(db, later, { network: network(Infinity) })).toEqual({
    queued: 1,
    delivered: 1,
    failed: 0,
  })
  expect(received.map((r) => r.id)).toEqual([`${COMPANY}_checkin.effective_late_2026-11-28`])
})
