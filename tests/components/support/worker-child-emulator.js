// One real emulator (the CLI in a child process, with the demo seed) per jest worker process, lent to one component
// or weapp test file at a time: starting the child and warming its function instances cost several CPU-seconds per
// file. Each file gets it reset through the control API: the demo seed reloaded from the worker's seed file,
// storage, subscribe state, logs, clock and timers emptied (WeChat's phone codes and SOTER keys are kept: no file
// depends on their absence). Files asking for other flags or an edited seed start their own (real-emulator.ts).
//
// This module lives outside jest's per-file sandbox (the environments require it), so the child survives from file
// to file. It must never outlive the worker: it is killed when the worker exits or is told to stop (SIGTERM), and
// run in band (the jest process itself) it is stopped after each file.
const { spawn } = require('node:child_process')
const { randomBytes } = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '../../..')
const inWorkerProcess = typeof process.send === 'function' && Boolean(process.env.JEST_WORKER_ID)
const enabled = process.env.TEST_SHARED_EMULATOR !== '0'

let started = null
let lent = false
/** the running child, killed synchronously when the worker goes */
let child = null
/** the worker's copy of the seed the child reloads on each reset */
const seedFile = path.join(root, '.tmp', `worker-seed-${process.pid}.json`)
const killChild = () => {
  child?.kill('SIGTERM')
  fs.rmSync(seedFile, { force: true })
}
process.once('exit', killChild)
if (inWorkerProcess)
  // jest ends a worker that does not exit by itself with SIGTERM: the child goes with it
  process.once('SIGTERM', () => {
    killChild()
    process.exit(143)
  })

function start() {
  const controlToken = randomBytes(24).toString('hex')
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--memory', '--no-triggers', '--seed', seedFile],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, EMULATOR_CONTROL_TOKEN: controlToken },
    },
  )
  const proc = child
  return new Promise((resolve, reject) => {
    let out = ''
    let ready = false
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${out}`)), 60_000)
    const read = (chunk) => {
      if (ready) return
      out = (out + chunk.toString()).slice(-10_000)
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        ready = true
        clearTimeout(timer)
        if (inWorkerProcess) for (const handle of [proc, proc.stdout, proc.stderr]) handle.unref()
        resolve({ url: m[1], controlToken, stop: () => proc.kill('SIGTERM') })
      }
    }
    // read to the end: a full pipe would block the emulator
    proc.stdout.on('data', read)
    proc.stderr.on('data', read)
    proc.on('exit', (code) => {
      if (child === proc) {
        child = null
        started = null
      }
      reject(new Error(`the emulator exited (${code}):\n${out}`))
    })
  })
}

async function control(emu, route, body) {
  const res = await fetch(`${emu.url}/control/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-emulator-token': emu.controlToken },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`control ${route}: HTTP ${res.status} ${await res.text()}`)
}

/** The worker's emulator holding `demoSeedFile`'s data, for one test file; `release` when done. */
async function lease(demoSeedFile) {
  if (lent) throw new Error('the worker emulator is already lent to a test file in this process')
  lent = true
  try {
    fs.mkdirSync(path.dirname(seedFile), { recursive: true })
    fs.copyFileSync(demoSeedFile, seedFile)
    if (!started)
      started = start().catch((e) => {
        started = null
        throw e
      })
    const emu = await started
    // the seed file's data back, everything else emptied, the clock at now
    await control(emu, 'reset', { seed: true })
    return { url: emu.url, controlToken: emu.controlToken }
  } catch (e) {
    lent = false
    throw e
  }
}

async function release() {
  if (!lent) return
  lent = false
  if (inWorkerProcess || !started) return
  const emu = await started.catch(() => null)
  started = null
  emu?.stop()
  fs.rmSync(seedFile, { force: true })
}

function workerChildEmulator() {
  return enabled ? { lease, release } : undefined
}

module.exports = { workerChildEmulator }
