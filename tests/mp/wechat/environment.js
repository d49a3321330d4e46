// jsdom, plus the worker's real emulator (tests/components/support/worker-child-emulator.js), which the journeys'
// startRealEmulator leases.
const JsdomEnvironment = require('jest-environment-jsdom').TestEnvironment
const { workerChildEmulator } = require('../../components/support/worker-child-emulator')

class JsdomWithWorkerEmulator extends JsdomEnvironment {
  constructor(config, context) {
    super(config, context)
    this.workerEmulator = workerChildEmulator()
    this.global.__workerChildEmulator = this.workerEmulator
  }

  async teardown() {
    // a file that never stopped its emulator gives it back here
    await this.workerEmulator?.release()
    await super.teardown()
  }
}

module.exports = JsdomWithWorkerEmulator
