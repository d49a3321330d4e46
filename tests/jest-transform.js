// The one source transform of every jest config: SWC (`@swc/jest`) turns TypeScript, JSX and ES modules into
// CommonJS for Node 20. It does the work Babel did here in a fraction of the CPU, which a fresh clone (no jest
// cache) and this 2-core machine feel most (tests/README.md). Taro's builds keep babel-preset-taro.
const options = (syntax) => ({
  jsc: {
    target: 'es2022',
    parser: syntax === 'typescript' ? { syntax, tsx: true } : { syntax, jsx: true },
    transform: { react: { runtime: 'automatic' } },
  },
  module: { type: 'commonjs' },
})

/** jest `transform` entries: `.ts`/`.tsx` and, for configs that transform them, `.js`/`.mjs`/`.jsx`. */
const jestTransform = {
  '^.+\\.tsx?$': ['@swc/jest', options('typescript')],
  '^.+\\.m?jsx?$': ['@swc/jest', options('ecmascript')],
}

module.exports = { jestTransform }
