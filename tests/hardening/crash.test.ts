// SIGKILL of the emulator process at 3 random moments of the morning peak (CI size), each time restarted on the
// same data folder; the clients retry broken calls with the same request ids. After every restart, and at the
// end, the invariants hold and no acknowledged write is missing. The same code as `npm run crash`.
// The work is bounded by its count (200 members, 40 make-ups), not by a deadline; the kill points come from a
// seed that changes every run and is printed: CRASH_SEED=<seed> replays them.
import { randomInt } from 'node:crypto'
import { passed } from '@scripts/load/report'
import { runMorningPeak, type PeakReport } from '@scripts/load/run'

const SEED = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : randomInt(2 ** 31 - 1)
console.info(`crash kill-point seed ${SEED} (replay: CRASH_SEED=${SEED})`)

let report: PeakReport

beforeAll(async () => {
  report = await runMorningPeak({
    members: 200,
    clients: 20,
    reviewers: 2,
    kills: 3,
    instances: 2,
    seed: SEED,
  })
  // a guard against a hang only: how long the run takes on a busy machine is asserted nowhere
}, 1_200_000)

test('the emulator was killed 3 times mid-peak, with calls in flight', () => {
  expect(report.kills).toHaveLength(3)
  // broken calls were retried: the kills interrupted work
  expect(report.scenario.retried).toBeGreaterThan(0)
})

test('after every restart the invariants hold and every acknowledged write is there', () => {
  expect(report.kills.map((k) => k.breaches)).toEqual([[], [], []])
})

test('the peak still completes: no error, nothing lost, nothing left undecided', () => {
  expect(report.scenario.errors).toEqual([])
  expect(report.scenario.acked.checkins).toHaveLength(200)
  expect(report.scenario.undecided).toBe(0)
  expect(report.breaches).toEqual([])
  expect(passed(report)).toBe(true)
})
