// The privacy scan: runs after the main jest run (tests/privacy-scan/run.mjs, the last step of `npm test`) over
// the dumps the integration harness wrote to .tmp/privacy-scan/.
const { jestAliases } = require('../../config/aliases')
const { jestTransform } = require('../jest-transform')
module.exports = {
  displayName: 'privacy-scan',
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/privacy-scan/**/*.test.ts'],
  transform: jestTransform,
  moduleNameMapper: jestAliases,
}
