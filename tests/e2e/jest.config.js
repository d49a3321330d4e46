// Browser tests: the H5 build (dist-h5/, built by `node scripts/build-if-stale.mjs h5`) served by an in-process
// emulator with the demo company, driven in Debian's Chromium through playwright-core.
const { jestAliases } = require('../../config/aliases')
const { jestTransform } = require('../jest-transform')
module.exports = {
  displayName: 'e2e',
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  transform: jestTransform,
  moduleNameMapper: jestAliases,
  globalSetup: '<rootDir>/tests/e2e/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/e2e/support/global-teardown.ts',
  testTimeout: 120000,
}
