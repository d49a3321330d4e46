// The real emulator (its CLI in a child process: the store and function runtime need Node, not jsdom) with the
// built cloud functions and the demo company, for component tests that go all the way to the functions.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '../../..')

/** tests/components/support/worker-child-emulator.js, lent by the environments of tests/components and tests/mp */
interface WorkerChildEmulator {
  lease(demoSeedFile: string): Promise<{ url: string; controlToken: string }>
  release(): Promise<void>
}

export interface RealEmulator {
  url: string
  /** the control API's token (the child gets it through EMULATOR_CONTROL_TOKEN) */
  controlToken: string
  stop(): void
}

/** `args`: more emulator CLI flags; `editSeed`: changes to the demo seed (its canonical EJSON) before start. */
export async function startRealEmulator(
  opts: { args?: string[]; editSeed?: (seed: { collections: Record<string, any[]> }) => void } = {},
): Promise<RealEmulator> {
  for (const fn of ['checkin', 'makeup']) {
    if (!fs.existsSync(path.join(root, 'cloudfunctions', fn, 'index.js'))) {
      throw new Error(`cloudfunctions/${fn}/index.js is missing: run npm run build:functions (npm test does)`)
    }
  }
  // the jest worker's emulator, reset to the demo seed, unless this file needs other flags or another seed
  const shared = (globalThis as { __workerChildEmulator?: WorkerChildEmulator }).__workerChildEmulator
  if (shared && !opts.args?.length && !opts.editSeed) {
    const lent = await shared.lease(demoSeed())
    return { ...lent, stop: () => void shared.release() }
  }
  const seedFile = path.join(root, '.tmp', `components-seed-${process.pid}.json`)
  fs.mkdirSync(path.dirname(seedFile), { recursive: true })
  fs.copyFileSync(demoSeed(), seedFile)
  if (opts.editSeed) {
    // the seed file is canonical EJSON: plain values added here stay plain, typed ones stay wrapped
    const seed = JSON.parse(fs.readFileSync(seedFile, 'utf8'))
    opts.editSeed(seed)
    fs.writeFileSync(seedFile, JSON.stringify(seed))
  }

  const args = [
    '--import',
    'tsx',
    'emulator/cli.ts',
    '--port',
    '0',
    '--memory',
    '--no-triggers',
    '--seed',
    seedFile,
    ...(opts.args ?? []),
  ]
  const controlToken = randomBytes(24).toString('hex')
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EMULATOR_CONTROL_TOKEN: controlToken },
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${out}`)), 60_000)
    const read = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code}):\n${out}`)))
  })
  return {
    url,
    controlToken,
    stop: () => {
      child.kill('SIGTERM')
      fs.rmSync(seedFile, { force: true })
    },
  }
}

/**
 * The demo company's seed for today (it depends on the Shanghai day only), written once per day and per change of
 * its sources, and shared by every test file: writing it takes a process with tsx, over a CPU-second each time.
 */
function demoSeed(): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
  const file = path.join(root, '.tmp', `demo-seed-${day}.json`)
  const sources = newest(
    ['database', 'core', 'tests/components/support/write-seed.ts'].map((p) => path.join(root, p)),
  )
  if (fs.existsSync(file) && fs.statSync(file).mtimeMs > sources) return file
  // written aside, then renamed: a parallel test file never reads half a seed
  const tmp = `${file}.${process.pid}.tmp`
  const seeded = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'tests/components/support/write-seed.ts', tmp],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
  if (seeded.status !== 0) throw new Error(`writing the demo seed failed: ${seeded.stderr}`)
  fs.renameSync(tmp, file)
  return file
}

function newest(paths: string[]): number {
  let max = 0
  for (const p of paths) {
    if (!fs.existsSync(p)) continue
    const st = fs.statSync(p)
    max = Math.max(max, st.isDirectory() ? newest(fs.readdirSync(p).map((e) => path.join(p, e))) : st.mtimeMs)
  }
  return max
}
