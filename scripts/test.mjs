// `npm test`: the builds the tests need (only when stale), then the jest run with its privacy scan
// (tests/privacy-scan/run.mjs, which gets this script's arguments) side by side with the type check, ESLint and
// Prettier. The weapp build runs beside jest too: jest runs the weapp page tests last (tests/jest-sequencer.js) and
// each of them first waits for the build's lock (tests/mp/wechat/environment.js). The checks' and the build's
// output is held back and printed after jest's so they never interleave. The checks keep their caches in .tmp/ (a
// second run re-checks only what changed). The exit status is the worst of all steps. tests/README.md says how long
// each part takes and why.
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const node = process.execPath
mkdirSync(path.join(root, '.tmp'), { recursive: true })

/**
 * Runs one step; `capture` holds its output back (printed later), else it goes straight to the terminal.
 * `onOutput` is called at the step's first output.
 */
function step(name, command, args, { capture = false, onOutput = () => {} } = {}) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' })
    let output = ''
    if (capture)
      for (const s of [child.stdout, child.stderr])
        s.on('data', (c) => {
          output += c
          onOutput()
        })
    const done = (status) => resolve({ name, status, output, seconds: (Date.now() - started) / 1000 })
    child.on('error', (e) => {
      output += `${e.message}\n`
      done(1)
    })
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)))
  })
}

async function inTurn(steps) {
  const results = []
  for (const s of steps) results.push(await s())
  return results
}

const started = Date.now()
// 1. the builds the tests load, each only when its sources changed: the cloud function bundles before jest starts;
// the weapp build beside it, once it holds its lock (its first line is printed inside the lock)
let weappLocked
const locked = new Promise((resolve) => (weappLocked = resolve))
const weapp = step('weapp', node, ['scripts/build-if-stale.mjs', 'weapp'], {
  capture: true,
  onOutput: weappLocked,
})
const functions = await step('functions', node, [
  '--import',
  'tsx',
  'scripts/build-functions.ts',
  '--if-stale',
])
if (functions.status !== 0) {
  console.error('npm test: the functions build failed')
  process.exit(1)
}
await Promise.race([locked, weapp])

// 2. jest (+ privacy scan), the weapp build and the static checks at once
const [tests, ...checks] = await Promise.all([
  step('jest', node, ['tests/privacy-scan/run.mjs', ...process.argv.slice(2)]),
  weapp,
  inTurn([
    () =>
      step('typecheck', bin('tsc'), ['--noEmit', '--incremental', '--tsBuildInfoFile', '.tmp/tsbuildinfo'], {
        capture: true,
      }),
    () =>
      step('eslint', bin('eslint'), ['--cache', '--cache-location', '.tmp/eslintcache', '.'], {
        capture: true,
      }),
    () =>
      step(
        'prettier',
        bin('prettier'),
        ['--check', '--cache', '--cache-location', '.tmp/prettiercache', '.'],
        {
          capture: true,
        },
      ),
  ]),
]).then(([jest, build, rest]) => [jest, build, ...rest])

for (const c of checks) {
  const verdict = c.status === 0 ? 'passed' : 'FAILED'
  console.log(`\n== ${c.name} ${verdict} (${c.seconds.toFixed(0)} s)`)
  // a weapp build that worked says only that (Taro's progress would fill the screen)
  if (c.status !== 0 || (c.name !== 'weapp' && c.output.trim())) process.stdout.write(c.output)
}
const all = [functions, tests, ...checks]
console.log(
  `\n== npm test: ${((Date.now() - started) / 1000).toFixed(0)} s (${all
    .map((s) => `${s.name} ${s.seconds.toFixed(0)} s${s.status === 0 ? '' : ' FAILED'}`)
    .join(', ')})`,
)
process.exit(all.some((s) => s.status !== 0) ? 1 : 0)
