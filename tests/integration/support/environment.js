// Node's environment plus the worker's shared emulator (worker-emulator.js), for the integration and hardening
// projects: `startFunctionsEmulator` (tests/integration/harness.ts) leases it through `__workerEmulator`.
const { TestEnvironment } = require('jest-environment-node')
const { workerEmulator } = require('./worker-emulator')

class WorkerEmulatorEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    this.workerEmulator = workerEmulator()
    this.global.__workerEmulator = this.workerEmulator
  }

  async teardown() {
    // a file whose start-up failed half-way, or that never closed its handle, gives the emulator back here
    await this.workerEmulator?.release()
    await super.teardown()
  }
}

module.exports = WorkerEmulatorEnvironment
