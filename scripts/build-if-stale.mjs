// Builds the app for one platform only when a source under src/, core/ or config/ is newer than its output.
// Usage: node scripts/build-if-stale.mjs weapp|h5
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUTPUT = { weapp: 'dist', h5: 'dist-h5' }
const SOURCES = ['src', 'core', 'config', 'package.json', 'babel.config.js', 'tsconfig.json']
// the file each build writes last-ish and always: its age is the output's age
const MARKER = { weapp: 'app.js', h5: 'index.html' }

const platform = process.argv[2]
if (!(platform in OUTPUT)) {
  console.error('usage: node scripts/build-if-stale.mjs weapp|h5')
  process.exit(2)
}

function newest(p) {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let max = 0
  for (const name of readdirSync(p)) max = Math.max(max, newest(path.join(p, name)))
  return max
}

const marker = path.join(root, OUTPUT[platform], MARKER[platform])
const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0
const changedAt = Math.max(...SOURCES.map((s) => newest(path.join(root, s))))

if (builtAt > changedAt) {
  console.log(`${OUTPUT[platform]}/ is up to date`)
  process.exit(0)
}
console.log(`building ${platform} into ${OUTPUT[platform]}/ (sources changed since the last build)`)
const run = spawnSync('npx', ['taro', 'build', '--type', platform], { cwd: root, stdio: 'inherit' })
process.exit(run.status ?? 1)
