// jsdom, plus Node's own fetch: the cloud adapter's H5 transport makes real HTTP requests in these tests.
const JsdomEnvironment = require('jest-environment-jsdom').TestEnvironment

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
  }
}

module.exports = JsdomWithFetch
