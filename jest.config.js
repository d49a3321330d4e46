// One jest run, one project per testing technique (see tests/README.md).
const { jestAliases } = require('./config/aliases')
const node = (name) => ({
  displayName: name,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  transform: { '^.+\\.[tj]sx?$': 'babel-jest' },
  moduleNameMapper: jestAliases,
})

module.exports = {
  // a busy machine is no failure: tests and hooks without a timeout of their own get a minute, not jest's 5 s
  testTimeout: 60_000,
  projects: [
    node('unit'),
    node('conformance'),
    node('integration'),
    // the real process's unhandled rejections reach the hostile suite's watcher through this environment
    { ...node('hardening'), testEnvironment: '<rootDir>/tests/hardening/environment.js' },
    '<rootDir>/tests/components',
    '<rootDir>/tests/mp',
  ],
}
