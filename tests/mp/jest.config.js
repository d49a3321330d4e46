// miniprogram-simulate renders pages of the weapp build (dist/, built by `node scripts/build-if-stale.mjs weapp`).
const { jestAliases } = require('../../config/aliases')
const { jestTransform } = require('../jest-transform')

module.exports = {
  displayName: 'mp',
  rootDir: '../..',
  // jsdom, plus the worker's real emulator for the journeys
  testEnvironment: '<rootDir>/tests/mp/wechat/environment.js',
  testMatch: ['<rootDir>/tests/mp/**/*.test.ts'],
  // our test files need TypeScript; the build output is already plain JS for WeChat's runtime
  transform: jestTransform,
  transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
  moduleNameMapper: jestAliases,
}
