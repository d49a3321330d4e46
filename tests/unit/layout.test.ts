// The tree's conventions every tool relies on: imports use the path aliases instead of climbing, and the aliases
// are the same for tsc/tsx/esbuild/webpack (tsconfig.json) and jest (config/aliases.js).
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')
const { ALIASES } = require('../../config/aliases') as { ALIASES: Record<string, string> }

describe('path aliases', () => {
  it('tsconfig.json lists exactly the aliases of config/aliases.js', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'))
    const expected = Object.fromEntries(Object.entries(ALIASES).map(([a, d]) => [`${a}/*`, [`${d}/*`]]))
    expect(tsconfig.compilerOptions.paths).toEqual(expected)
  })

  it('no import in the repository climbs more than two levels', () => {
    const tracked = execSync('git ls-files -co --exclude-standard', { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(ts|tsx|js|mjs|cjs)$/.test(f) && !f.startsWith('node_modules/'))
    const climbing = /(?:from\s*|require\(\s*|import\(\s*|jest\.mock\(\s*)['"](?:\.\.\/){3,}/
    const offenders = tracked.filter((f) => {
      const p = path.join(root, f)
      return fs.existsSync(p) && climbing.test(fs.readFileSync(p, 'utf8'))
    })
    expect(offenders).toEqual([])
  })
})
