// Component tests of the H5 flavour: the app's React pages in jsdom, Taro's H5 components and APIs, the cloud
// adapter's gateway transport talking HTTP to a local server.
const { jestAliases } = require('../../config/aliases')
const { jestTransform } = require('../jest-transform')
module.exports = {
  displayName: 'components',
  rootDir: '../..',
  testEnvironment: '<rootDir>/tests/components/support/environment.js',
  testMatch: ['<rootDir>/tests/components/**/*.test.{ts,tsx}'],
  setupFiles: ['<rootDir>/tests/components/support/setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/components/support/patience.ts'],
  transform: jestTransform,
  // Taro and NutUI ship ES modules: transform node_modules except the big CommonJS packages we never need to
  transformIgnorePatterns: [
    '/node_modules/(react|react-dom|scheduler|@babel|core-js|jsdom|lodash|regenerator-runtime|@testing-library)/',
  ],
  moduleNameMapper: {
    '\\.(css|scss|less)$': '<rootDir>/tests/components/support/style-stub.js',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '<rootDir>/tests/components/support/taro-shim.ts',
    ...jestAliases,
  },
}
