// One emulator per jest worker process, lent to one test file at a time (tests/README.md, "How long `npm test`
// takes, and why").
// Starting function instances is most of a small file's cost (each loads its own wx-server-sdk: about a CPU-second),
// so instances warmed by one file serve the next. Each file gets the emulator emptied: database, storage,
// subscribe state, request log, invocation history, clock, timers, call delay and WeChat's verification state.
//
// This module lives outside jest's per-file sandbox (the test environments require it), so it survives from file
// to file in a worker process; the emulator is loaded here with tsx, not through jest's module registry. Its
// objects therefore come from this realm, not the test file's: tests hand it plain data (EJSON, Buffers, numbers),
// as they already do.
//
// Run in band (one file, or --runInBand) the jest process is the test process and must exit when the run ends:
// the emulator is then closed after each file. TEST_SHARED_EMULATOR=0 gives every file its own emulator in its
// sandbox, as before.
const http = require('node:http')
const path = require('node:path')

const root = path.resolve(__dirname, '../../..')
/** a jest-worker child has an IPC channel; the in-band jest process has none */
const inWorkerProcess = typeof process.send === 'function' && Boolean(process.env.JEST_WORKER_ID)
const enabled = process.env.TEST_SHARED_EMULATOR !== '0'

let started = null
let lent = false

async function start() {
  const { startEmulator } = require('tsx/cjs/api').require(path.join(root, 'emulator/index.ts'), __filename)
  // the worker process must be able to exit when jest ends it: the emulator's server (and the connections its
  // function instances keep alive) may not hold it open, so the server is caught as it is made and unref'd
  const createServer = http.createServer
  let server = null
  http.createServer = (...args) => (server = createServer(...args))
  try {
    const emu = await startEmulator({
      dataDir: null,
      functionsDir: path.join(root, 'cloudfunctions'),
      collectionsFile: path.join(root, 'database/collections.json'),
      runTriggers: false,
    })
    if (inWorkerProcess && server) {
      server.unref()
      server.on('connection', (socket) => socket.unref())
    }
    return emu
  } finally {
    http.createServer = createServer
  }
}

/** Empties everything a test file can leave behind; warm function instances stay (that is the point). */
function empty(emu) {
  emu.reset()
  emu.setCallDelay(0)
  // phone codes, SOTER device keys and their counters: the verification service has no reset of its own
  for (const value of Object.values(emu.verification)) if (value instanceof Map) value.clear()
}

/** The worker's emulator, emptied, for one test file; `release` when the file is done. */
async function lease() {
  if (lent) throw new Error('the worker emulator is already lent to a test file in this process')
  lent = true
  try {
    if (!started) started = start()
    const emu = await started
    empty(emu)
    return emu
  } catch (e) {
    lent = false
    started = null
    throw e
  }
}

async function release() {
  if (!lent) return
  lent = false
  const emu = await started
  empty(emu)
  if (!inWorkerProcess) {
    started = null
    await emu.close()
  }
}

/** What a test environment puts on the sandbox's global (undefined when sharing is off). */
function workerEmulator() {
  return enabled ? { lease, release } : undefined
}

module.exports = { workerEmulator }
