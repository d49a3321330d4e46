// One jest run, one project per testing technique (see tests/README.md).
const node = (name) => ({
  displayName: name,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/tests/${name}/**/*.test.ts`],
  transform: { '^.+\\.[tj]sx?$': 'babel-jest' },
  moduleNameMapper: { '^@core/(.*)$': '<rootDir>/core/$1' },
})

module.exports = {
  // a busy machine is no failure: tests and hooks without a timeout of their own get a minute, not jest's 5 s
  testTimeout: 60_000,
  projects: [
    node('unit'),
    node('conformance'),
    node('integration'),
    node('hardening'),
    '<rootDir>/tests/components',
    '<rootDir>/tests/mp',
  ],
}
