// The morning peak in CI size: 200 members check in through the H5 gateway (20 concurrent clients) while 2
// reviewers decide the make-ups of the 20 who missed days; then the whole database is checked. The same code as
// `npm run load` (scripts/load/). Bounded by the work (200 members), not by a deadline: throughput is measured by
// `npm run load` and the bench, never asserted here.
import { checkInvariants } from '@scripts/load/invariants'
import { markdown, passed } from '@scripts/load/report'
import { runMorningPeak, type PeakReport } from '@scripts/load/run'
import type { Doc, Snapshot } from '@scripts/load/emulator-process'

let report: PeakReport

beforeAll(async () => {
  report = await runMorningPeak({ members: 200, clients: 20, reviewers: 2, instances: 2 })
  // a guard against a hang only: how long the run takes on a busy machine is asserted nowhere
}, 1_200_000)

test('every member gets through the morning with no error, and every request is decided', () => {
  const { scenario } = report
  expect(scenario.errors).toEqual([])
  expect(scenario.unfinishedMembers).toBe(0)
  expect(scenario.acked.checkins).toHaveLength(200)
  expect(scenario.acked.makeups).toHaveLength(40)
  expect(scenario.undecided).toBe(0)
  // both decisions happened, so both quota paths (kept on approval, refunded on rejection) were exercised
  expect(scenario.approved).toBeGreaterThan(0)
  expect(scenario.rejected).toBeGreaterThan(0)
  expect(passed(report)).toBe(true)
})

test('afterwards the data holds every invariant and every acknowledged write', () => {
  expect(report.breaches).toEqual([])
})

test('the report puts every call beside the baseline', () => {
  const md = markdown(report)
  expect(md).toMatch(/\| empty function call \(baseline, one at a time\) \| 100 \|/)
  for (const call of ['checkin.me', 'checkin.submit', 'makeup.submit', 'review.queue', 'review.decide'])
    expect(md).toContain(`| ${call} |`)
  expect(md).toMatch(/\| errors \| 0 \|/)
})

describe('the checker finds each kind of breach in the same data', () => {
  const broken = (change: (s: Snapshot) => void) => {
    const copy = structuredClone(report.snapshot)
    change(copy)
    return checkInvariants(copy, report.scenario.acked).map((b) => b.rule)
  }
  const approved = () => report.snapshot.makeups.find((m) => m.status === 'approved')!
  const without = (list: Doc[], pred: (d: Doc) => boolean) => list.splice(list.findIndex(pred), 1)

  test('a second record of a member and day', () => {
    expect(broken((s) => s.checkins.push({ ...s.checkins[0], _id: 'another-id' }))).toContain(
      'one record per member per day',
    )
  })
  test('a unit kept by a request that gave it back', () => {
    const m = report.snapshot.makeups.find((d) => d.status === 'rejected' || d.status === 'withdrawn')!
    expect(
      broken((s) => {
        s.makeups.find((d) => d._id === m._id)!.slotKey = `q:${m.memberId}_${m.cycle}_9`
      }),
    ).toContain('quota used = charged requests holding quota')
  })
  test('a day kept by a closed request', () => {
    const m = report.snapshot.makeups.find((d) => d.status === 'rejected' || d.status === 'withdrawn')!
    expect(
      broken((s) => {
        s.makeups.find((d) => d._id === m._id)!.dayKey = `d:${m.memberId}_${m.day}`
      }),
    ).toContain('request holds its day while open or approved')
  })
  test('an approved request without its record', () => {
    const m = approved()
    expect(broken((s) => without(s.checkins, (c) => c.memberId === m.memberId && c.day === m.day))).toContain(
      'approved request has its record',
    )
  })
  test('a doubled notice', () => {
    expect(
      broken((s) => {
        const n = s.outbox.find((d) => d.kind === 'requestDecided')!
        s.outbox.push({ ...n, _id: `${n.kind}_${n.values.requestId}_again` })
      }),
    ).toContain('one employee notice per decision')
  })
  test('a lost transition', () => {
    const m = approved()
    expect(broken((s) => without(s.audit, (a) => a.subjectId === m._id && a.action === 'approve'))).toContain(
      'audit trail replays to the status',
    )
  })
  test('a lost acknowledged check-in', () => {
    const { id } = report.scenario.acked.checkins[0]
    expect(broken((s) => without(s.checkins, (c) => c._id === id))).toContain('acknowledged check-in')
  })
})
