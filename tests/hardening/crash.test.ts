// SIGKILL of the emulator process at 3 random moments of the morning peak (CI size), each time restarted on the
// same data folder; the clients retry broken calls with the same request ids. After every restart, and at the
// end, the invariants hold and no acknowledged write is missing. The same code as `npm run crash`.
import { passed } from '@scripts/load/report'
import { runMorningPeak, type PeakReport } from '@scripts/load/run'

let report: PeakReport

beforeAll(async () => {
  report = await runMorningPeak({
    members: 200,
    clients: 20,
    reviewers: 2,
    seconds: 120,
    kills: 3,
    instances: 2,
  })
}, 145_000)

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
