// `npm run emulator -- --port 9100 --data .emulator-data --functions cloudfunctions --seed FILE --app dist-h5`
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startEmulator } from './index'

const HELP = `Local CloudBase emulator (dev only, binds 127.0.0.1)

  --port P            port (default 9100; 0 = any free port)
  --data DIR          data folder (default .emulator-data); --memory keeps everything in memory
  --functions DIR     cloud functions folder (default cloudfunctions)
  --seed FILE         seed file, loaded only into an empty data folder
  --reset             load the seed even when the data folder holds data
  --app DIR           H5 build served under /app/ (e.g. dist-h5)
  --collections FILE  collections and indexes (default database/collections.json)
  --templates FILE    subscribe-message templates (default database/subscribe-templates.json)
  --env ID            CloudBase environment id (default local-dev)
  --no-triggers       do not fire timer triggers on their schedule
  --max-instances N   function instances per function (default 4); more concurrent calls queue
  --call-delay MS     delay every admin call and storage download by MS milliseconds (default 0): the cloud's
                      network round trip, to see what users wait for
`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9100' },
      data: { type: 'string', default: '.emulator-data' },
      memory: { type: 'boolean', default: false },
      functions: { type: 'string', default: 'cloudfunctions' },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
      app: { type: 'string' },
      collections: { type: 'string', default: 'database/collections.json' },
      templates: { type: 'string', default: 'database/subscribe-templates.json' },
      env: { type: 'string', default: 'local-dev' },
      'no-triggers': { type: 'boolean', default: false },
      'max-instances': { type: 'string' },
      'call-delay': { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${values.port}`)
  const callDelayMs = Number(values['call-delay'])
  const abs = (p: string | undefined) => (p ? path.resolve(p) : undefined)
  const emulator = await startEmulator({
    port,
    dataDir: values.memory ? null : abs(values.data),
    functionsDir: abs(values.functions),
    seedFile: abs(values.seed),
    reset: values.reset,
    appDir: abs(values.app),
    collectionsFile: abs(values.collections),
    templatesFile: abs(values.templates),
    envId: values.env,
    runTriggers: !values['no-triggers'],
    maxInstances: values['max-instances'] ? Number(values['max-instances']) : undefined,
    callDelayMs,
    log: (line) => console.log(`[emulator] ${line}`),
  })
  const u = emulator.url
  console.log(`CloudBase emulator (LOCAL DEV ONLY) listening on ${u}
  console      ${u}/
  admin API    ${u}/admin          (point wx-server-sdk here: TCB_CONTEXT_CNFG={"URL":"${u}/admin"})
  gateway      ${u}/gateway/       (the H5 build's wx.cloud)
  control API  ${u}/control/     (header x-emulator-token: ${emulator.controlToken})
${values.app ? `  H5 app       ${u}/app/\n` : ''}  data         ${values.memory ? '(in memory)' : abs(values.data)}
  functions    ${emulator.runtime.functionsDir}`)
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`[emulator] ${signal}: stopping`)
    await emulator.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err) => {
  console.error(`[emulator] ${(err as Error).message}`)
  process.exit(1)
})
