// One morning-peak run: build the functions it drives, seed a company into a fresh data folder, start the emulator
// as its own process, measure the baseline (an empty function call through the gateway), run the peak — with
// `kills`, SIGKILL the emulator at random moments of it and restart it on the same folder, checking every
// invariant and every acknowledged write after each restart — and check everything once more at the end.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildFunctions } from '../build-functions'
import { EmulatorProcess, type Snapshot } from './emulator-process'
import { peakFixture, PEAK_NOW, writeSeed, type PeakFixture } from './fixture'
import { callFunction, Gate, type ClientOptions } from './gateway-client'
import { checkInvariants, type Breach } from './invariants'
import { seededRandom } from '@database/seed'
import { emptyAcknowledged, runScenario, type Acknowledged, type ScenarioResult } from './scenario'

export interface PeakOptions {
  members: number
  clients: number
  reviewers: number
  /** a deadline for throughput runs (`npm run load`); unset, the run is bounded by its member count only */
  seconds?: number
  /** SIGKILLs of the emulator during the run (0 = a plain load test) */
  kills?: number
  /** seeds where the kills fall; the same seed, fixture and progress replay the same kill points */
  seed?: number
  /** function instances per function (the emulator's --max-instances; default 4) */
  instances?: number
  log?: (line: string) => void
}

export interface KillReport {
  /** acknowledged writes when it was killed */
  atProgress: number
  restartMs: number
  breaches: Breach[]
}

export interface PeakReport {
  options: PeakOptions
  fixture: { employees: number; makeupMembers: number; makeups: number }
  scenario: ScenarioResult
  /** call → answered-call latencies (ms) */
  samples: Map<string, number[]>
  baseline: number[]
  kills: KillReport[]
  /** checked on the final data */
  breaches: Breach[]
  /** the final data itself */
  snapshot: Snapshot
  /** 1-minute load averages when the peak started and ended (the machine is shared) */
  load: [number, number]
}

const ROOT = path.resolve(__dirname, '../..')
const FUNCTIONS = ['checkin', 'makeup', 'review']
const BASELINE_CALLS = 100
const INSTANCES = 4

export async function runMorningPeak(opts: PeakOptions): Promise<PeakReport> {
  const log = opts.log ?? (() => {})
  const kills = opts.kills ?? 0
  const fixture = peakFixture({ members: opts.members, reviewers: opts.reviewers })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'morning-peak-'))
  const functionsDir = await deployFunctions(path.join(dir, 'functions'))
  const seedFile = path.join(dir, 'seed.json')
  writeSeed(seedFile, fixture)
  const emulator = new EmulatorProcess({
    dataDir: path.join(dir, 'data'),
    seedFile,
    functionsDir,
    clockOffsetMs: PEAK_NOW.getTime() - Date.now(),
    maxInstances: opts.instances ?? INSTANCES,
  })
  try {
    let t = Date.now()
    await emulator.start()
    log(`emulator up on ${emulator.url} with ${fixture.employees.length} members in ${Date.now() - t} ms`)
    const gate = new Gate()
    const client = (samples: Map<string, number[]>): ClientOptions => ({
      baseUrl: () => emulator.url,
      gate,
      retry: kills > 0,
      samples,
    })
    t = Date.now()
    const baseline = await measureBaseline(client(new Map()), opts.instances ?? INSTANCES)
    log(`warmed ${FUNCTIONS.join(', ')} and measured the baseline in ${Date.now() - t} ms`)

    const samples = new Map<string, number[]>()
    const acked = emptyAcknowledged()
    const loadAtStart = os.loadavg()[0]
    let running = true
    const scenario = runScenario(fixture, client(samples), opts, acked).finally(() => (running = false))
    const random = seededRandom(opts.seed ?? 1)
    const killReports =
      kills > 0 ? await crashLoop(emulator, gate, fixture, acked, kills, random, () => running, log) : []
    const result = await scenario
    log(
      `peak done in ${result.seconds.toFixed(1)} s; the notify timer's next runs, then checking the final data`,
    )
    await timerRunsAfter(emulator)
    const snapshot = await emulator.snapshot()
    const breaches = checkInvariants(snapshot, acked)
    return {
      options: opts,
      fixture: {
        employees: fixture.employees.length,
        makeupMembers: fixture.employees.filter((m) => m.missed.length > 0).length,
        makeups: fixture.makeups,
      },
      scenario: result,
      samples,
      baseline: baseline.get('checkin.nothing') ?? [],
      kills: killReports,
      breaches,
      snapshot,
      load: [loadAtStart, os.loadavg()[0]],
    }
  } finally {
    await emulator.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Builds the functions and copies the bundles into a folder of the run's own, as a deployment would: a rebuild
 * in the working tree (another test, a watcher) retires the emulator's warm instances, and must not do so mid-run.
 */
async function deployFunctions(target: string): Promise<string> {
  // notify too: its timer moves the requests' events after the peak (timerRunsAfter)
  const deployed = [...FUNCTIONS, 'notify']
  await buildFunctions(deployed)
  for (const fn of deployed) {
    fs.mkdirSync(path.join(target, fn), { recursive: true })
    for (const file of ['index.js', 'config.json', 'package.json'])
      fs.copyFileSync(path.join(ROOT, 'cloudfunctions', fn, file), path.join(target, fn, file))
  }
  return target
}

/**
 * Warms `instances` instances of each function, then times an empty function call (an unknown action: the
 * function answers at once, no database call) through the gateway, one at a time.
 */
async function measureBaseline(client: ClientOptions, instances: number): Promise<Map<string, number[]>> {
  const nothing = (fn: string) => callFunction(client, 'o-peak-baseline', fn, { action: 'nothing' })
  for (const fn of FUNCTIONS) await Promise.all(Array.from({ length: instances }, () => nothing(fn)))
  client.samples.clear()
  for (let i = 0; i < BASELINE_CALLS; i++) await nothing('checkin')
  return client.samples
}

/**
 * SIGKILLs the emulator `kills` times while the peak runs, each at a (seeded) random point of its progress
 * (acknowledged writes), so calls are in flight; restarts it on the same data folder; checks the invariants and every write
 * acknowledged so far before letting the clients go on.
 */
async function crashLoop(
  emulator: EmulatorProcess,
  gate: Gate,
  fixture: PeakFixture,
  acked: Acknowledged,
  kills: number,
  random: () => number,
  running: () => boolean,
  log: (line: string) => void,
): Promise<KillReport[]> {
  const expected = fixture.employees.length + 2 * fixture.makeups
  const progress = () => acked.checkins.length + acked.makeups.length + acked.decisions.length
  const reports: KillReport[] = []
  for (let k = 0; k < kills; k++) {
    // within the k-th slice of the run, away from its edges
    const threshold = Math.floor((expected * (k + 0.2 + 0.6 * random())) / kills)
    while (running() && progress() < threshold) await new Promise((r) => setTimeout(r, 10))
    if (!running()) break
    gate.close()
    const atProgress = progress()
    const t = Date.now()
    try {
      await emulator.kill()
      await emulator.start()
      const restartMs = Date.now() - t
      reports.push({ atProgress, restartMs, breaches: checkInvariants(await emulator.snapshot(), acked) })
    } finally {
      // also when the restart failed: the clients then fail on their own instead of waiting forever
      gate.open()
    }
    const { restartMs, breaches } = reports[reports.length - 1]
    log(
      `kill ${k + 1}/${kills} at ${atProgress}/${expected} writes: restarted in ${restartMs} ms, ${breaches.length} breaches`,
    )
  }
  return reports
}

/**
 * What the notify timer does in the minutes after the peak: its first run moves the requests' events (audit
 * entries, notices), a run a minute later re-checks the records of decisions that settled (server/request-events).
 * The final data is checked as it stands then; the checks during the run accept events still waiting.
 */
async function timerRunsAfter(emulator: EmulatorProcess): Promise<void> {
  await emulator.control('POST', '/control/triggers/notify/fire', {})
  const { offsetMs } = (await emulator.control('GET', '/control/clock')) as { offsetMs: number }
  await emulator.control('POST', '/control/clock', { offsetMs: offsetMs + 61_000 })
  await emulator.control('POST', '/control/triggers/notify/fire', {})
}
