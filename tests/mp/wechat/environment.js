// jsdom, plus the worker's real emulator (tests/components/support/worker-child-emulator.js), which the journeys'
// startRealEmulator leases. A file starts only when no weapp build is writing dist/: `npm test` builds it beside
// jest, holding scripts/build-if-stale.mjs's lock folder until it is done.
const JsdomEnvironment = require('jest-environment-jsdom').TestEnvironment
const { workerChildEmulator } = require('../../components/support/worker-child-emulator')
const path = require('node:path')

const root = path.resolve(__dirname, '../../..')
const { isBuilding } = require(path.join(root, 'scripts/build-lock.cjs'))

async function weappBuilt() {
  while (isBuilding('weapp')) await new Promise((resolve) => setTimeout(resolve, 250))
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
