// What `npm run load` and `npm run crash` share: their options, the run, the report on stdout, the exit code.
import { randomInt } from 'node:crypto'
import { parseArgs } from 'node:util'
import { markdown, passed } from './report'
import { runMorningPeak, type PeakOptions } from './run'

export async function cli(defaults: Required<Omit<PeakOptions, 'log' | 'seed'>>): Promise<void> {
  const { values } = parseArgs({
    options: {
      members: { type: 'string' },
      clients: { type: 'string' },
      reviewers: { type: 'string' },
      seconds: { type: 'string' },
      kills: { type: 'string' },
      instances: { type: 'string' },
      seed: { type: 'string' },
    },
  })
  const num = (name: keyof typeof values, fallback: number) => {
    const raw = values[name]
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${raw}`)
    return n
  }
  const seed = num('seed', randomInt(2 ** 31 - 1))
  process.stderr.write(`kill-point seed ${seed} (replay: --seed ${seed})\n`)
  const report = await runMorningPeak({
    members: num('members', defaults.members),
    clients: num('clients', defaults.clients),
    reviewers: num('reviewers', defaults.reviewers),
    seconds: num('seconds', defaults.seconds),
    kills: num('kills', defaults.kills),
    instances: num('instances', defaults.instances),
    seed,
    log: (line) => process.stderr.write(`${line}\n`),
  })
  process.stdout.write(`${markdown(report)}\n`)
  process.exitCode = passed(report) ? 0 : 1
}
