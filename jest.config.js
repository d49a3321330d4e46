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
  projects: [
    node('unit'),
    node('conformance'),
    node('integration'),
    node('hardening'),
    '<rootDir>/tests/components',
    '<rootDir>/tests/mp',
  ],
}
