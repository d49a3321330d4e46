// One jest run, one project per testing technique (see tests/README.md).
const { jestAliases } = require('./config/aliases')
const { jestTransform } = require('./tests/jest-transform')
const node = (name) => ({
  displayName: name,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  transform: jestTransform,
  // the built function bundles (megabytes of plain CommonJS for Node 16) are loaded as deployed, untransformed
  transformIgnorePatterns: ['/node_modules/', '<rootDir>/cloudfunctions/[^/]+/index\\.js$'],
  moduleNameMapper: jestAliases,
})

module.exports = {
  // a busy machine is no failure: tests and hooks without a timeout of their own get a minute, not jest's 5 s
  testTimeout: 60_000,
  // one worker per core: jest's default (cores - 1) runs everything in one process on a 2-core machine, where the
  // test files spend much of their time waiting on function instances in other threads
  maxWorkers: '100%',
  testSequencer: '<rootDir>/tests/jest-sequencer.js',
  projects: [
    node('unit'),
    node('conformance'),
    // each jest worker lends one emulator to its integration and hardening files in turn (support/worker-emulator.js)
    { ...node('integration'), testEnvironment: '<rootDir>/tests/integration/support/environment.js' },
    // and hands the real process's unhandled rejections to the hostile suite's watcher
    { ...node('hardening'), testEnvironment: '<rootDir>/tests/hardening/environment.js' },
    '<rootDir>/tests/components',
    '<rootDir>/tests/mp',
  ],
}
