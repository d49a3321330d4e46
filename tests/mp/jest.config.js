module.exports = {
  displayName: 'mp',
  rootDir: '../..',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/mp/**/*.test.{ts,tsx,js}'],
}
