// `npm start`: build what is stale, write the demo company's seed for today, and run the emulator serving the
// H5 app. The seed only fills an empty data folder, so re-running keeps the data. `--watch` (npm run dev) also
// rebuilds the H5 app and the functions on change.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import { buildDemoSeed } from '@database/seed'

const root = path.resolve(__dirname, '..')
const port = process.env.PORT ?? '9100'
const dataDir = process.env.EMULATOR_DATA ?? path.join(root, '.emulator-data')
const watch = process.argv.includes('--watch')

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

run('npm', ['run', '--silent', 'build:functions'])
run('node', ['scripts/build-if-stale.mjs', 'h5'])

const seedFile = path.join(root, '.tmp', 'demo-seed.json')
fs.mkdirSync(path.dirname(seedFile), { recursive: true })
fs.writeFileSync(seedFile, EJSON.stringify(buildDemoSeed(new Date()), { relaxed: false }))

const children = [
  spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'emulator/cli.ts',
      '--port',
      port,
      '--data',
      dataDir,
      '--functions',
      'cloudfunctions',
      '--seed',
      seedFile,
      '--app',
      'dist-h5',
    ],
    { cwd: root, stdio: 'inherit' },
  ),
]
if (watch) {
  children.push(spawn('npx', ['taro', 'build', '--type', 'h5', '--watch'], { cwd: root, stdio: 'inherit' }))
  children.push(
    spawn('npx', ['tsx', 'scripts/build-functions.ts', '--watch'], { cwd: root, stdio: 'inherit' }),
  )
}
const stop = () => children.forEach((c) => c.kill('SIGTERM'))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
children[0].on('exit', (code) => {
  stop()
  process.exit(code ?? 0)
})
