// Database benchmark of the local CloudBase emulator, driven through the real wx-server-sdk.
//   npx tsx bench/emulator-db.ts [--docs N] [--quick]     (default 1 000 000 documents, --quick 100 000)
// Prints a Markdown table. Every ratio compares two numbers measured in this same run, on this machine.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { startEmulator } from '@emulator/index'
import { keyExpr } from '@emulator/store/indexes'

export interface DbBenchOptions {
  docs?: number
  /** progress lines (default: stderr) */
  log?: (line: string) => void
}

export interface Percentiles {
  p50: number
  p95: number
}

export interface DbBenchResult {
  docs: number
  insertsPerSec: number
  /** ms; the same indexed query (equality on a compound index, ~30 hits) three ways */
  indexedQuery: {
    sdk: Percentiles
    engine: Percentiles
    rawSqlite: Percentiles
    sdkRatio: number
    engineRatio: number
  }
  /** ms; `commit` alone, and a whole runTransaction (start, get, update, commit) */
  transaction: { commit: Percentiles; runTransaction: Percentiles }
  /** ms; one admin call (doc get by id) vs an empty HTTP round trip, same client, same process */
  adminApi: { emptyHttp: Percentiles; adminCall: Percentiles; overheadP50: number }
}

const BATCH = 1000
const COMPANIES = 1000
const DAYS = 30

export async function runDbBench(opts: DbBenchOptions = {}): Promise<DbBenchResult> {
  const n = opts.docs ?? 1_000_000
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-bench-'))
  const collectionsFile = path.join(dir, 'collections.json')
  fs.writeFileSync(
    collectionsFile,
    JSON.stringify({
      collections: { items: { indexes: [{ name: 'by_company_day', keys: { companyId: 1, day: -1 } }] } },
    }),
  )
  const emulator = await startEmulator({
    dataDir: path.join(dir, 'data'),
    collectionsFile,
    runTriggers: false,
  })
  try {
    Object.assign(process.env, emulator.sdkEnv('o-bench'))
    // required only now: the SDK reads process.env, which points it at the emulator
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    const db = cloud.database()
    const items = db.collection('items')

    // 1. inserts through the SDK, 1000 documents per add()
    const day = (i: number) => `2026-11-${String((i % DAYS) + 1).padStart(2, '0')}`
    const started = performance.now()
    for (let from = 0; from < n; from += BATCH) {
      const data = []
      for (let i = from; i < Math.min(n, from + BATCH); i++) {
        data.push({
          companyId: `c${i % COMPANIES}`,
          day: day(Math.floor(i / COMPANIES)),
          openid: `o${i % 5000}`,
          status: 'ok',
          n: i,
        })
      }
      await items.add({ data })
      if ((from / BATCH) % 100 === 99) log(`  inserted ${from + BATCH}`)
    }
    const insertsPerSec = n / ((performance.now() - started) / 1000)
    log(`inserts: ${Math.round(insertsPerSec)}/s`)

    // 2. the indexed query: through the SDK, in the engine (no HTTP), and as hand-written SQL on the same file
    const pick = (k: number) => ({ companyId: `c${(k * 7919) % COMPANIES}`, day: day(k % DAYS) })
    const rounds = 300
    const sdk = await timeIt(rounds, async (k) => {
      await items.where(pick(k)).limit(100).get()
    })
    const engine = await timeIt(rounds, async (k) => {
      emulator.store.find('items', pick(k), { limit: 100 })
    })
    const raw = new Database(path.join(dir, 'data', 'database.sqlite'), { readonly: true })
    const stmt = raw.prepare(
      `SELECT doc FROM "c_items" WHERE ${keyExpr('companyId')} = ? AND ${keyExpr('day')} = ? LIMIT 100`,
    )
    const rawSqlite = await timeIt(rounds, async (k) => {
      const q = pick(k)
      ;(stmt.all(q.companyId, q.day) as { doc: string }[]).map((r) => JSON.parse(r.doc))
    })
    raw.close()
    log(
      `indexed query p50: sdk ${sdk.p50.toFixed(3)} ms, engine ${engine.p50.toFixed(3)} ms, raw ${rawSqlite.p50.toFixed(3)} ms`,
    )

    // 3. transactions on one counter document
    await db.collection('items').add({ data: { _id: 'counter', v: 0 } })
    const commit: number[] = []
    const runTransaction = await timeIt(200, async () => {
      const tx = await db.startTransaction()
      const cur = (await tx.collection('items').doc('counter').get()).data.v
      await tx
        .collection('items')
        .doc('counter')
        .update({ data: { v: cur + 1 } })
      const t0 = performance.now()
      await tx.commit()
      commit.push(performance.now() - t0)
    })

    // 4. admin API overhead: the same keep-alive client against an empty server and against /admin
    const empty = http.createServer((_req, res) => {
      _req.resume()
      _req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'))
    })
    await new Promise<void>((r) => empty.listen(0, '127.0.0.1', r))
    const emptyUrl = `http://127.0.0.1:${(empty.address() as { port: number }).port}/admin`
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const body = JSON.stringify({
      action: 'database.getDocument',
      collectionName: 'items',
      queryType: 'DOC',
      query: '{"_id":"counter"}',
    })
    const emptyHttp = await timeIt(500, () => post(agent, emptyUrl, body))
    const adminCall = await timeIt(500, () => post(agent, `${emulator.url}/admin`, body))
    agent.destroy()
    await new Promise<void>((r) => empty.close(() => r()))

    return {
      docs: n,
      insertsPerSec,
      indexedQuery: {
        sdk,
        engine,
        rawSqlite,
        sdkRatio: sdk.p50 / rawSqlite.p50,
        engineRatio: engine.p50 / rawSqlite.p50,
      },
      transaction: { commit: percentiles(commit), runTransaction },
      adminApi: { emptyHttp, adminCall, overheadP50: adminCall.p50 - emptyHttp.p50 },
    }
  } finally {
    await emulator.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export function dbBenchTable(r: DbBenchResult): string {
  const ms = (v: number) => `${v.toFixed(3)} ms`
  const pp = (p: Percentiles) => `${ms(p.p50)} / ${ms(p.p95)}`
  return [
    `Emulator database, ${r.docs.toLocaleString('en')} documents (p50 / p95)`,
    '',
    '| measure | value | note |',
    '| --- | --- | --- |',
    `| inserts through the SDK | ${Math.round(r.insertsPerSec).toLocaleString('en')} docs/s | add() of 1000 documents per call |`,
    `| indexed query, SDK | ${pp(r.indexedQuery.sdk)} | ${r.indexedQuery.sdkRatio.toFixed(1)}× raw SQLite: ${sdkClient(r)} |`,
    `| indexed query, engine (no HTTP) | ${pp(r.indexedQuery.engine)} | ${r.indexedQuery.engineRatio.toFixed(1)}× raw SQLite (target ≤ 2×) |`,
    `| indexed query, raw SQLite | ${pp(r.indexedQuery.rawSqlite)} | hand-written SQL + JSON.parse, same file |`,
    `| transaction commit | ${pp(r.transaction.commit)} | one document written |`,
    `| runTransaction (start, get, update, commit) | ${pp(r.transaction.runTransaction)} | 4 round trips |`,
    `| empty HTTP round trip | ${pp(r.adminApi.emptyHttp)} | same client, keep-alive |`,
    `| admin call (doc get by id) | ${pp(r.adminApi.adminCall)} | overhead p50 ${ms(r.adminApi.overheadP50)} (target ≤ 1 ms) |`,
  ].join('\n')
}

/** Where the SDK path's time goes beyond the engine: one HTTP round trip, and the unmodified SDK client itself. */
function sdkClient(r: DbBenchResult): string {
  const { sdk, engine } = r.indexedQuery
  const client = sdk.p50 - engine.p50 - r.adminApi.adminCall.p50
  return `the engine answers in ${engine.p50.toFixed(3)} ms, the HTTP front adds ~${r.adminApi.adminCall.p50.toFixed(3)} ms, the SDK client ~${client.toFixed(3)} ms (not ours to change)`
}

async function timeIt(rounds: number, fn: (k: number) => Promise<void> | void): Promise<Percentiles> {
  for (let k = 0; k < Math.min(20, rounds); k++) await fn(k) // warm-up
  const times: number[] = []
  for (let k = 0; k < rounds; k++) {
    const t0 = performance.now()
    await fn(k)
    times.push(performance.now() - t0)
  }
  return percentiles(times)
}

function percentiles(times: number[]): Percentiles {
  const s = [...times].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]
  return { p50: at(0.5), p95: at(0.95) }
}

function post(agent: http.Agent, url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume()
        res.on('end', () => resolve())
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

if (require.main === module) {
  const args = process.argv.slice(2)
  const at = args.indexOf('--docs')
  const docs = at >= 0 ? Number(args[at + 1]) : args.includes('--quick') ? 100_000 : 1_000_000
  runDbBench({ docs })
    .then((r) => console.log(dbBenchTable(r)))
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
