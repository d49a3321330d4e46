// `npm run bench [-- --full]`: every benchmark in one run, one report. Each part runs in its own process (so one
// part's heap and workers do not disturb the next) and prints a Markdown table; the report gathers them with the
// machine and date, printed and written to bench/results/ (git-ignored) as Markdown and JSON.
// Timings are only comparable within a run: each table shows its ratios to a baseline measured beside it.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { measureWeapp, sizeTable } from '@scripts/weapp-size'

const root = path.resolve(__dirname, '..')
const full = process.argv.includes('--full')

interface Part {
  name: string
  script: string
  args: string[]
}

const parts: Part[] = [
  { name: 'Emulator database', script: 'bench/emulator-db.ts', args: full ? [] : ['--quick'] },
  { name: 'Emulator platform', script: 'bench/emulator-platform.ts', args: [] },
  { name: 'Employee actions', script: 'bench/employee.ts', args: [] },
  { name: 'HR review', script: 'bench/review.ts', args: full ? ['--full'] : [] },
  { name: 'Notifications', script: 'bench/notify.ts', args: full ? [] : ['--quick'] },
].filter((p) => fs.existsSync(path.join(root, p.script)))

interface PartResult {
  name: string
  command: string
  ok: boolean
  seconds: number
  table: string
}

const results: PartResult[] = parts.map((p) => {
  const command = `npx tsx ${p.script} ${p.args.join(' ')}`.trim()
  process.stderr.write(`▶ ${p.name}: ${command}\n`)
  const started = Date.now()
  // full-scale fixtures (millions of documents) need more than Node's default 4 GB heap
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=16384', '--import', 'tsx', p.script, ...p.args],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  return {
    name: p.name,
    command,
    ok: r.status === 0,
    seconds: (Date.now() - started) / 1000,
    table: r.status === 0 ? r.stdout.trim() : `failed (exit ${r.status}):\n${r.stdout.trim()}`,
  }
})

const dist = path.join(root, 'dist')
const weapp = fs.existsSync(path.join(dist, 'app.json'))
  ? sizeTable(measureWeapp(dist))
  : 'no weapp build in dist/'

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')}`
const date = new Date().toISOString()
const report = [
  `# Benchmarks — ${date}`,
  '',
  `Machine: ${machine}. Mode: ${full ? 'full' : 'quick'}.`,
  '',
  ...results.flatMap((r) => [
    `## ${r.name}`,
    '',
    `\`${r.command}\` — ${r.seconds.toFixed(0)} s`,
    '',
    r.table,
    '',
  ]),
  '## Weapp package sizes',
  '',
  weapp,
  '',
].join('\n')

console.log(report)
const outDir = path.join(root, 'bench', 'results')
fs.mkdirSync(outDir, { recursive: true })
const stamp = date.replace(/[:.]/g, '-')
fs.writeFileSync(path.join(outDir, `bench-${stamp}.md`), report)
fs.writeFileSync(
  path.join(outDir, `bench-${stamp}.json`),
  JSON.stringify({ date, machine, full, results, weapp }, null, 2),
)
process.exitCode = results.every((r) => r.ok) ? 0 : 1
