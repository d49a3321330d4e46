// Starts one emulator for the browser tests: the built cloud functions, the H5 app under /app/, the demo company
// seeded for the pinned instant E2E_NOW, the emulator clock set to it. Its URL and clock offset reach the tests
// through E2E_URL and E2E_CLOCK_OFFSET_MS.
import './aliases'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import { startEmulator } from '@emulator/index'
import { buildDemoSeed } from '@database/seed'
import { E2E_NOW } from './now'

const root = path.resolve(__dirname, '../../..')

export default async function globalSetup(): Promise<void> {
  // the functions are bundled with core/ inlined: rebuild so they match the sources (esbuild, a few seconds)
  const build = spawnSync('npm', ['run', '--silent', 'build:functions'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) throw new Error('building the cloud functions failed')
  if (!fs.existsSync(path.join(root, 'dist-h5', 'index.html'))) {
    throw new Error('dist-h5/ is missing: run `node scripts/build-if-stale.mjs h5` (npm run test:e2e does)')
  }

  const seedFile = path.join(root, '.tmp', 'e2e-seed.json')
  fs.mkdirSync(path.dirname(seedFile), { recursive: true })
  fs.writeFileSync(seedFile, EJSON.stringify(buildDemoSeed(E2E_NOW), { relaxed: false }))

  const emulator = await startEmulator({
    port: 0,
    dataDir: null,
    collectionsFile: path.join(root, 'database/collections.json'),
    functionsDir: path.join(root, 'cloudfunctions'),
    appDir: path.join(root, 'dist-h5'),
    seedFile,
    runTriggers: false,
  })
  const offset = E2E_NOW.getTime() - Date.now()
  await emulator.setClockOffset(offset)
  ;(globalThis as { __E2E_EMULATOR__?: unknown }).__E2E_EMULATOR__ = emulator
  process.env.E2E_URL = emulator.url
  process.env.E2E_CONTROL_TOKEN = emulator.controlToken
  process.env.E2E_CLOCK_OFFSET_MS = String(offset)
}
