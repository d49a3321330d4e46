// jsdom, plus the worker's real emulator (tests/components/support/worker-child-emulator.js), which the journeys'
// startRealEmulator leases. A file starts only when no weapp build is writing dist/: `npm test` builds it beside
// jest, holding scripts/build-if-stale.mjs's lock folder until it is done.
const { existsSync, statSync } = require('node:fs')
const path = require('node:path')
const JsdomEnvironment = require('jest-environment-jsdom').TestEnvironment
const { workerChildEmulator } = require('../../components/support/worker-child-emulator')

const BUILD_LOCK = path.join(__dirname, '../../../.tmp/build-weapp.lock')
// the build script's own limit: older than this, the lock was left by a killed build
const LOCK_STALE_MS = 5 * 60_000

async function weappBuilt() {
  const building = () => existsSync(BUILD_LOCK) && Date.now() - statSync(BUILD_LOCK).mtimeMs < LOCK_STALE_MS
  while (building()) await new Promise((resolve) => setTimeout(resolve, 250))
}

class JsdomWithWorkerEmulator extends JsdomEnvironment {
  constructor(config, context) {
    super(config, context)
    this.workerEmulator = workerChildEmulator()
    this.global.__workerChildEmulator = this.workerEmulator
  }

  async setup() {
    await weappBuilt()
    await super.setup()
  }

  async teardown() {
    // a file that never stopped its emulator gives it back here
    await this.workerEmulator?.release()
    await super.teardown()
  }
}

module.exports = JsdomWithWorkerEmulator
