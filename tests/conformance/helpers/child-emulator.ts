// Runs the emulator as its own process (for tests that kill it): `node --import tsx child-emulator.ts DIR [PORT]`.
// Prints `EMULATOR_PORT <port>` once it listens.
import { startEmulator } from '@emulator/index'

async function main() {
  const [dataDir, port] = process.argv.slice(2)
  if (!dataDir) throw new Error('usage: child-emulator.ts DATA_DIR [PORT]')
  const emulator = await startEmulator({ dataDir, port: port ? Number(port) : 0, runTriggers: false })
  process.stdout.write(`EMULATOR_PORT ${emulator.port}\n`)
  const stop = () => emulator.close().then(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`)
  process.exit(1)
})
