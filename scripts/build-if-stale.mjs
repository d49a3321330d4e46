// Builds the app for one platform only when a source under src/, core/, config/ or types/ is newer than its output.
// Usage: node scripts/build-if-stale.mjs weapp|h5
// Concurrent runs (two test suites at once) take turns through a lock folder, so one build never deletes the
// output another is writing; the second one then finds the output fresh and does nothing.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUTPUT = { weapp: 'dist', h5: 'dist-h5' }
const SOURCES = ['src', 'core', 'config', 'types', 'package.json', 'babel.config.js', 'tsconfig.json']
// a file each build writes: its age is the output's age
const MARKER = { weapp: 'app.js', h5: 'index.html' }
const { isBuilding, lockOf } = createRequire(import.meta.url)('./build-lock.cjs')

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

function isStale() {
  const marker = path.join(root, OUTPUT[platform], MARKER[platform])
  const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0
  return builtAt <= Math.max(...SOURCES.map((s) => newest(path.join(root, s))))
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function withLock(work) {
  const lock = lockOf(platform)
  mkdirSync(path.dirname(lock), { recursive: true })
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // a lock left by a killed build does not block forever
      if (existsSync(lock) && !isBuilding(platform)) rmSync(lock, { recursive: true })
      else await sleep(1000)
    }
  }
  try {
    return work()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

const status = await withLock(() => {
  if (!isStale()) {
    console.log(`${OUTPUT[platform]}/ is up to date`)
    return 0
  }
  console.log(`building ${platform} into ${OUTPUT[platform]}/ (sources changed since the last build)`)
  return spawnSync('npx', ['taro', 'build', '--type', platform], { cwd: root, stdio: 'inherit' }).status ?? 1
})
process.exit(status)
