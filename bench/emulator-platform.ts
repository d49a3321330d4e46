// Platform benchmark of the local CloudBase emulator: function invocations cold vs warm, and what the H5 gateway
// adds to a call compared with an empty HTTP round trip.
//   npx tsx bench/emulator-platform.ts [--rounds N]     (default 200 warm rounds, 15 cold starts)
// Prints a Markdown table. Every ratio compares two numbers measured in this same run, on this machine.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { startEmulator } from '@emulator/index'

export interface Percentiles {
  p50: number
  p95: number
}

export interface PlatformBenchResult {
  rounds: number
  /** ms; a function that requires wx-server-sdk and reads getWXContext(), in-process `emulator.invoke` */
  invoke: { cold: Percentiles; warm: Percentiles; coldOverWarm: number }
  /** ms; the same warm function through `POST /gateway/functions/:name` vs an empty HTTP round trip */
  gateway: { emptyHttp: Percentiles; gatewayCall: Percentiles; ratioP50: number; overheadP50: number }
}

const FUNCTION_SOURCE = `const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
exports.main = async (event) => ({ openid: cloud.getWXContext().OPENID, n: event.n })
`

export async function runPlatformBench(
  opts: { rounds?: number; coldStarts?: number } = {},
): Promise<PlatformBenchResult> {
  const rounds = opts.rounds ?? 200
  const coldStarts = opts.coldStarts ?? 15
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-bench-fns-'))
  const fnFile = path.join(dir, 'hello', 'index.js')
  fs.mkdirSync(path.dirname(fnFile))
  fs.writeFileSync(fnFile, FUNCTION_SOURCE)
  // each functions folder resolves wx-server-sdk from the project's node_modules
  const emulator = await startEmulator({ dataDir: null, functionsDir: dir, runTriggers: false })
  const empty = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => res.end('{}'))
  })
  await new Promise<void>((resolve) => empty.listen(0, '127.0.0.1', resolve))
  const emptyUrl = `http://127.0.0.1:${(empty.address() as { port: number }).port}/`
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  try {
    // cold: a newer mtime retires the warm instance, so the next invocation starts a fresh worker
    const cold: number[] = []
    for (let k = 0; k < coldStarts; k++) {
      const t = new Date(Date.now() + (k + 1) * 1000)
      fs.utimesSync(fnFile, t, t)
      const r = await emulator.invoke('hello', { n: k }, { openid: 'o-bench' })
      if (!r.ok || !r.coldStart) throw new Error(`expected a cold start: ${JSON.stringify(r.error)}`)
      cold.push(r.durationMs)
    }
    const warm: number[] = []
    for (let k = 0; k < rounds; k++) {
      const r = await emulator.invoke('hello', { n: k }, { openid: 'o-bench' })
      if (!r.ok || r.coldStart) throw new Error('expected a warm invocation')
      warm.push(r.durationMs)
    }
    const body = JSON.stringify({ data: { n: 1 } })
    const gatewayUrl = `${emulator.url}/gateway/functions/hello`
    const emptyHttp = await timeit(rounds, () => post(agent, emptyUrl, body))
    const gatewayCall = await timeit(rounds, () =>
      post(agent, gatewayUrl, body, { 'x-wx-openid': 'o-bench' }),
    )
    const coldP = percentiles(cold)
    const warmP = percentiles(warm)
    return {
      rounds,
      invoke: { cold: coldP, warm: warmP, coldOverWarm: coldP.p50 / warmP.p50 },
      gateway: {
        emptyHttp,
        gatewayCall,
        ratioP50: gatewayCall.p50 / emptyHttp.p50,
        overheadP50: gatewayCall.p50 - emptyHttp.p50,
      },
    }
  } finally {
    agent.destroy()
    await new Promise<void>((resolve) => empty.close(() => resolve()))
    await emulator.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export function platformBenchTable(r: PlatformBenchResult): string {
  const ms = (v: number) => `${v.toFixed(2)} ms`
  const row = (what: string, p: Percentiles, note = '') =>
    `| ${what} | ${ms(p.p50)} | ${ms(p.p95)} | ${note} |`
  return [
    `Emulator platform benchmark (${r.rounds} warm rounds, Node ${process.version}, ${os.cpus().length} cores)`,
    '',
    '| measurement | p50 | p95 | note |',
    '|---|---|---|---|',
    row('function invoke, cold start (new worker, loads wx-server-sdk)', r.invoke.cold),
    row(
      'function invoke, warm instance',
      r.invoke.warm,
      `cold/warm p50 = ${r.invoke.coldOverWarm.toFixed(1)}×`,
    ),
    row('empty HTTP round trip (baseline)', r.gateway.emptyHttp),
    row(
      'gateway call `POST /gateway/functions/hello` (warm)',
      r.gateway.gatewayCall,
      `${r.gateway.ratioP50.toFixed(1)}× baseline, +${ms(r.gateway.overheadP50)} p50`,
    ),
  ].join('\n')
}

async function timeit(rounds: number, fn: () => Promise<void>): Promise<Percentiles> {
  for (let k = 0; k < Math.min(20, rounds); k++) await fn() // warm up sockets and JIT
  const times: number[] = []
  for (let k = 0; k < rounds; k++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return percentiles(times)
}

function percentiles(times: number[]): Percentiles {
  const s = [...times].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]
  return { p50: at(0.5), p95: at(0.95) }
}

function post(
  agent: http.Agent,
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`))
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
  const at = args.indexOf('--rounds')
  runPlatformBench({ rounds: at >= 0 ? Number(args[at + 1]) : undefined })
    .then((r) => console.log(platformBenchTable(r)))
    .catch((err) => {
      console.error(err)
      process.exit(1)
    })
}
