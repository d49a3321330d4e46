// Taro's builds (weapp and H5) compile with babel-preset-taro. jest uses SWC instead (tests/jest-transform.js).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: false }]],
}
