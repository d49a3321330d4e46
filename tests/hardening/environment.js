// Node's environment, plus one door to the real process: jest gives each test file a copy of `process`, and Node
// emits 'unhandledRejection' only on the real one, so a listener on the copy can never fire (see
// tests/hardening/hostile/rejections.ts). The worker's shared emulator comes with the integration environment.
const WorkerEmulatorEnvironment = require('../integration/support/environment')

class HardeningEnvironment extends WorkerEmulatorEnvironment {
  constructor(config, context) {
    super(config, context)
    const host = process
    this.global.__onHostRejection = (listener) => {
      host.on('unhandledRejection', listener)
      return {
        listening: () => host.listeners('unhandledRejection').includes(listener),
        stop: () => host.off('unhandledRejection', listener),
      }
    }
  }
}

module.exports = HardeningEnvironment
