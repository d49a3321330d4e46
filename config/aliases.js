// The path aliases every tool agrees on: tsconfig.json `paths` (tsc, tsx, esbuild, Taro's webpack through
// tsconfig-paths) lists the same folders, jest maps them with `jestAliases`, and a unit test checks both agree.
const ALIASES = {
  '@core': 'core',
  '@server': 'server',
  '@emulator': 'emulator',
  '@database': 'database',
  '@scripts': 'scripts',
  '@tests': 'tests',
  '@': 'src',
}

/** jest `moduleNameMapper` entries for the aliases, relative to the repository root. */
const jestAliases = Object.fromEntries(
  Object.entries(ALIASES).map(([alias, dir]) => [`^${alias}/(.*)$`, `<rootDir>/${dir}/$1`]),
)

module.exports = { ALIASES, jestAliases }
