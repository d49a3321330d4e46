// jsdom, plus Node's own fetch: the cloud adapter's H5 transport makes real HTTP requests in these tests; and the
// worker's real emulator (worker-child-emulator.js), which startRealEmulator leases.
const JsdomEnvironment = require('jest-environment-jsdom').TestEnvironment
const { workerChildEmulator } = require('./worker-child-emulator')

class JsdomWithFetch extends JsdomEnvironment {
  constructor(config, context) {
    super(config, context)
    for (const name of [
      'fetch',
      'Request',
      'Response',
      'Headers',
      'FormData',
      'Blob',
      'TextEncoder',
      'TextDecoder',
    ]) {
      this.global[name] = globalThis[name]
    }
    this.global.process.env.TARO_ENV = 'h5'
    this.workerEmulator = workerChildEmulator()
    this.global.__workerChildEmulator = this.workerEmulator
  }

  async teardown() {
    // a file that never stopped its emulator gives it back here
    await this.workerEmulator?.release()
    await super.teardown()
  }
}

module.exports = JsdomWithFetch
