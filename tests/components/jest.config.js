module.exports = {
  displayName: 'components',
  rootDir: '../..',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/components/**/*.test.{ts,tsx,js}'],
}
