// The run as Markdown: what ran, throughput, errors and invariants, then each call's p50 / p95 beside the
// baseline measured in the same run (ratios: the machine is shared and noisy).
import os from 'node:os'
import type { PeakReport } from './run'

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

const ms = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(1))
const ratio = (x: number, base: number) => (Number.isNaN(x) ? '–' : `${(x / base).toFixed(1)}×`)

/** Whether the run met its bar: no error, no breach (also after each restart), everything done. */
export function passed(r: PeakReport): boolean {
  return (
    r.scenario.errors.length === 0 &&
    r.breaches.length === 0 &&
    r.kills.every((k) => k.breaches.length === 0) &&
    r.scenario.unfinishedMembers === 0 &&
    r.scenario.undecided === 0
  )
}

export function markdown(r: PeakReport): string {
  const { options: o, scenario: s } = r
  const calls = [...r.samples.values()].reduce((n, l) => n + l.length, 0)
  const base = [...r.baseline].sort((a, b) => a - b)
  const [b50, b95] = [percentile(base, 50), percentile(base, 95)]
  const killBreaches = r.kills.reduce((n, k) => n + k.breaches.length, 0)
  const restarts = r.kills.map((k) => k.restartMs).sort((a, b) => a - b)
  const lines = [
    `Morning peak: ${r.fixture.employees} members (${r.fixture.makeupMembers} with missed days), ` +
      `${o.clients} clients, ${o.reviewers} reviewers, through the H5 gateway` +
      (o.kills ? `, ${o.kills} SIGKILLs of the emulator requested (kill-point seed ${o.seed})` : ''),
    '',
    `Machine: ${os.cpus().length} cores, Node ${process.version}, load average ${r.load[0].toFixed(1)} at the start, ` +
      `${r.load[1].toFixed(1)} at the end.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| members checked in | ${s.acked.checkins.length} / ${r.fixture.employees} in ${s.seconds.toFixed(1)} s |`,
    `| throughput | ${(s.acked.checkins.length / s.seconds).toFixed(1)} check-ins/s, ${(calls / s.seconds).toFixed(1)} calls/s |`,
    `| make-ups submitted / approved / rejected / undecided | ${s.acked.makeups.length} / ${s.approved} / ${s.rejected} / ${s.undecided} |`,
    `| errors | ${s.errors.length} |`,
    `| invariant breaches (final data) | ${r.breaches.length} |`,
    ...(o.kills
      ? [
          `| kills done / breaches after restarts | ${r.kills.length} / ${killBreaches} |`,
          `| restart p50 / max | ${percentile(restarts, 50)} ms / ${restarts[restarts.length - 1] ?? '–'} ms |`,
          `| calls retried after a kill | ${s.retried} |`,
        ]
      : []),
    '',
    '| call | answered | p50 ms | p95 ms | p50 × baseline | p95 × baseline |',
    '| --- | --- | --- | --- | --- | --- |',
    `| empty function call (baseline, one at a time) | ${base.length} | ${ms(b50)} | ${ms(b95)} | 1.0× | ${ratio(b95, b50)} |`,
    ...[...r.samples.entries()].map(([name, list]) => {
      const sorted = [...list].sort((a, b) => a - b)
      const [p50, p95] = [percentile(sorted, 50), percentile(sorted, 95)]
      return `| ${name} | ${list.length} | ${ms(p50)} | ${ms(p95)} | ${ratio(p50, b50)} | ${ratio(p95, b50)} |`
    }),
  ]
  const problems = [
    ...s.errors.map((e) => `- error: ${e}`),
    ...r.breaches.map((b) => `- breach: ${b.rule}: ${b.detail}`),
    ...r.kills.flatMap((k, i) =>
      k.breaches.map((b) => `- breach after kill ${i + 1}: ${b.rule}: ${b.detail}`),
    ),
  ]
  if (problems.length > 0) lines.push('', `${problems.length} problems (first 20):`, ...problems.slice(0, 20))
  return lines.join('\n')
}
