// The last step of `npm test`: the whole jest run, then the privacy scan of what its integration tests' functions
// logged and wrote. Arguments go to the main run (CI passes `--json --outputFile=.tmp/jest-main.json`); the scan
// always writes its results to .tmp/jest-privacy-scan.json, which .ci/run adds to its totals. The scan runs even
// when the main run failed (a leak is worth knowing); the exit status is the worse of the two.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const jest = createRequire(import.meta.url).resolve('jest/bin/jest')
const run = (args) =>
  spawnSync(process.execPath, [jest, ...args], { cwd: root, stdio: 'inherit' }).status ?? 1

// dumps and results of an earlier run must not be scanned or counted again
rmSync(path.join(root, '.tmp/privacy-scan'), { recursive: true, force: true })
rmSync(path.join(root, '.tmp/jest-privacy-scan.json'), { force: true })

const main = run(process.argv.slice(2))
const scan = run([
  '-c',
  'tests/privacy-scan/jest.config.js',
  '--json',
  '--outputFile=.tmp/jest-privacy-scan.json',
])
process.exit(main || scan)
