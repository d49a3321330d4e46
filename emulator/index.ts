import fs from 'node:fs'
import path from 'node:path'
import type http from 'node:http'
import { createClock, type Clock } from './clock'
import { createHttpServer, currentAdminCall, RoundTripCounter } from './server'
import { openStore, type Store } from './store'
import { databaseActions } from './admin/database'
import { storageActions } from './admin/storage'
import { functionActions } from './admin/functions'
import { openapiActions } from './admin/openapi'
import { openFileStore, type FileStore } from './storage/files'
import { storageRoutes } from './storage/routes'
import { FunctionRuntime, type Caller } from './runtime/pool'
import { discoverFunctions } from './runtime/discover'
import { createInvoker, type InvocationReport } from './runtime/invoke'
import { VerificationService } from './openapi/verification'
import { loadTemplates, SubscribeService, type OutboxMessage, type SendFault } from './subscribe/service'
import { TriggerScheduler, type TriggerState } from './triggers/schedule'
import { gatewayRoutes } from './gateway/routes'
import { controlRoutes } from './control/routes'
import { newControlToken } from './control/guard'
import { RequestLog, type RequestLogEntry } from './control/request-log'
import { consoleRoutes } from './console/routes'
import { appRoutes } from './gateway/app'

const PROJECT_ROOT = path.resolve(__dirname, '..')

export interface Identity {
  openid: string
  label: string
}

/** `--seed FILE`: initial documents (EJSON) and the local sign-in list. */
export interface Seed {
  collections?: Record<string, unknown[]>
  identities?: Identity[]
}

export interface EmulatorOptions {
  /** 0 = any free port */
  port?: number
  /** data folder; null keeps everything in memory (tests) */
  dataDir?: string | null
  /** JSON file listing collections and their indexes (database/collections.json) */
  collectionsFile?: string
  /** CloudBase environment id the SDK is told to use */
  envId?: string
  /** folder of cloud functions, one `<name>/index.js` (+ config.json) each */
  functionsDir?: string
  /** seed file, loaded only into an empty data folder unless `reset` */
  seedFile?: string
  /** load the seed even when the data folder already holds data */
  reset?: boolean
  /** H5 build folder served under /app/ */
  appDir?: string
  /** subscribe-message template registry; default database/subscribe-templates.json */
  templatesFile?: string
  /** mini-program page routes a subscribe message may link to; unset = any well-formed route */
  appPages?: string[]
  /** function instances per function at most (default 4); more concurrent calls wait for one */
  maxInstances?: number
  /**
   * milliseconds added to every admin call (database, storage, openapi) and every storage download before it is
   * answered (default 0): what a function waits on the real cloud, where each call is a network round trip
   */
  callDelayMs?: number
  /** run timer triggers on their schedule (default true); they can always be fired by hand */
  runTriggers?: boolean
  /** the control API's token; default: a new random one per start (EMULATOR_CONTROL_TOKEN when set) */
  controlToken?: string
  log?: (line: string) => void
}

/** Everything the control API can export and import. */
export interface EmulatorData {
  collections: Record<string, unknown[]>
  subscribe?: ReturnType<SubscribeService['exportState']>
  files?: { path: string; contentType: string; base64: string }[]
}

export interface InvokeOptions {
  openid?: string
  appid?: string
  source?: string
}

export interface Emulator {
  url: string
  port: number
  /** what `/control/*` requires in the x-emulator-token header (see control/guard.ts) */
  controlToken: string
  envId: string
  store: Store
  clock: Clock
  files: FileStore
  runtime: FunctionRuntime
  subscribe: SubscribeService
  /** WeChat's phone-number codes and SOTER device keys (both halves) */
  verification: VerificationService
  triggers: TriggerScheduler
  log: RequestLog
  /** process.env entries that point an unmodified wx-server-sdk at this emulator, acting as `openid` */
  sdkEnv(openid?: string, appid?: string): Record<string, string>
  /** runs a cloud function as `openid` (source `wx_client` unless given), like the app calling it */
  invoke(name: string, data?: unknown, opts?: InvokeOptions): Promise<InvocationReport>
  /** recent invocations, newest last */
  invocations(): InvocationReport[]
  /** admin round trips of a finished invocation */
  roundTrips(invocationId: string): number | undefined
  listTriggers(): TriggerState[]
  fireTrigger(functionName: string): Promise<InvocationReport>
  /** changes `callDelayMs` (the wait before each admin call and storage download is answered) from now on */
  setCallDelay(ms: number): void
  /** moves the emulator clock; returns the trigger invocations the move fired (awaited) */
  setClockOffset(ms: number): Promise<InvocationReport[]>
  outbox(filter?: { touser?: string; templateId?: string }): OutboxMessage[]
  grantSubscribe(openid: string, templateIds: string[], count?: number): void
  injectSendFault(fault: SendFault): void
  requestLog(opts?: { since?: number; limit?: number }): RequestLogEntry[]
  identities(): Identity[]
  /** empties database, storage, subscribe state, log and clock offset; `seed: true` then loads the seed file */
  reset(opts?: { seed?: boolean }): void
  exportData(): EmulatorData
  importData(data: EmulatorData): void
  close(): Promise<void>
}

const INVOCATION_HISTORY = 500

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const envId = opts.envId ?? 'local-dev'
  const dataDir = opts.dataDir ?? null
  const say = opts.log ?? (() => {})
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true })
  const clock = createClock()
  const store = openStore({ dataDir, collectionsFile: opts.collectionsFile, now: clock.now })
  const files = openFileStore({ dataDir, envId })
  const templatesFile = opts.templatesFile ?? path.join(PROJECT_ROOT, 'database/subscribe-templates.json')
  const subscribe = new SubscribeService(loadTemplates(templatesFile), {
    dataDir,
    now: clock.now,
    appPages: opts.appPages,
  })
  const verification = new VerificationService(() => clock.now().getTime())
  const log = new RequestLog(clock.now)
  let callDelayMs = checkedDelay(opts.callDelayMs ?? 0)
  const counter = new RoundTripCounter()
  const history: InvocationReport[] = []
  let url = ''

  const runtime = new FunctionRuntime({
    functionsDir: opts.functionsDir,
    envId,
    maxInstances: opts.maxInstances,
    envFor: (caller, invocationId) => ({
      ...sdkEnvFor(url, envId, caller.openid ?? '', caller.appid ?? 'wx-local', invocationId),
      WX_UNIONID: caller.unionid ?? '',
      SOURCE: caller.source ?? '',
      TCB_SOURCE: caller.source ?? '',
      // functions add this to Date.now() for "now", so tests that move the emulator clock move the functions too
      EMULATOR_CLOCK_OFFSET_MS: String(clock.offsetMs()),
      // development only: lets a webhook POST over plain http to a receiver on loopback
      BUDAKA_EMULATOR: '1',
    }),
  })
  const invoke = createInvoker(runtime, counter, clock.now, (report) => {
    history.push(report)
    if (history.length > INVOCATION_HISTORY) history.shift()
    log.invocation(report)
    if (report.error)
      say(`${report.functionName} failed (${report.error.code}): ${report.error.message.split('\n')[0]}`)
  })
  const triggers = new TriggerScheduler({
    functions: () => discoverFunctions(opts.functionsDir),
    now: clock.now,
    // SCF's timer event; TriggerName and Time (UTC, no milliseconds) as CloudBase sends them
    fire: (fn, trigger, at) => {
      say(`timer ${fn.name}/${trigger.name} fires for ${at.toISOString()}`)
      return invoke(
        fn.name,
        {
          Type: 'Timer',
          TriggerName: trigger.name,
          Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
          Message: '',
        },
        { source: 'wx_trigger' },
      )
    },
  })

  const readSeed = (): Seed =>
    opts.seedFile ? (JSON.parse(fs.readFileSync(opts.seedFile, 'utf8')) as Seed) : {}
  const seedIdentities = () => readSeed().identities ?? []

  const actions = {
    ...databaseActions(store, { log: (entry) => currentAdminCall()?.details.push({ ...entry }) }),
    ...storageActions(files, { baseUrl: () => url, now: clock.now }),
    ...functionActions(runtime, invoke),
    ...openapiActions(runtime, subscribe, verification),
  }

  const emulator: Emulator = {
    url: '',
    port: 0,
    controlToken: opts.controlToken ?? process.env.EMULATOR_CONTROL_TOKEN ?? newControlToken(),
    envId,
    store,
    clock,
    files,
    runtime,
    subscribe,
    verification,
    triggers,
    log,
    sdkEnv: (openid = 'o-test', appid = 'wx-local') => sdkEnvFor(url, envId, openid, appid),
    invoke: (name, data = {}, o = {}) =>
      invoke(name, data, {
        openid: o.openid,
        appid: o.appid,
        source: o.source ?? 'wx_client',
      } satisfies Caller),
    invocations: () => [...history],
    roundTrips: (id) => history.find((r) => r.invocationId === id)?.roundTrips,
    setCallDelay: (ms) => {
      callDelayMs = checkedDelay(ms)
    },
    listTriggers: () => triggers.list(),
    fireTrigger: (name) => triggers.fire(name),
    setClockOffset: (ms) => {
      clock.setOffset(ms)
      return triggers.check()
    },
    outbox: (filter) => subscribe.outbox(filter),
    grantSubscribe: (openid, ids, count) => subscribe.grant(openid, ids, count),
    injectSendFault: (fault) => subscribe.injectFault(fault),
    requestLog: (o) => log.list(o),
    identities: seedIdentities,
    reset: (o = {}) => {
      store.reset(o.seed ? readSeed().collections : undefined)
      files.clear()
      subscribe.reset()
      log.clear()
      history.length = 0
      clock.setOffset(0)
      triggers.reset()
    },
    exportData: () => ({
      collections: store.exportData(),
      subscribe: subscribe.exportState(),
      files: files.list().map((f) => ({
        path: f.path,
        contentType: f.contentType,
        base64: files.get(f.path)!.bytes.toString('base64'),
      })),
    }),
    importData: (data) => {
      store.importData(data.collections ?? {})
      if (data.subscribe) subscribe.importState(data.subscribe)
      if (data.files) {
        files.clear()
        for (const f of data.files) files.put(f.path, Buffer.from(f.base64, 'base64'), f.contentType)
      }
    },
    close: async () => {
      triggers.stop()
      await runtime.close()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections() // the SDK keeps connections alive between calls
      await closed
      store.close()
      files.close()
    },
  }

  const server: http.Server = createHttpServer(
    actions,
    [
      ...storageRoutes(files, clock.now),
      ...gatewayRoutes(emulator),
      ...controlRoutes(emulator),
      ...appRoutes(opts.appDir),
      ...consoleRoutes(() => emulator.controlToken),
    ],
    {
      onCall: (call) => counter.hit(call.invocationId),
      onDone: (call, ms, error) => {
        const inv = runtime.invocation(call.invocationId)
        log.admin(call, ms, { functionName: inv?.functionName, openid: inv?.caller.openid }, error)
      },
    },
    () => callDelayMs,
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', resolve)
  })
  const port = (server.address() as { port: number }).port
  url = `http://127.0.0.1:${port}`
  emulator.url = url
  emulator.port = port

  if (opts.seedFile && (opts.reset || isEmpty(store))) {
    store.reset(readSeed().collections)
    say(`seeded the database from ${opts.seedFile}`)
  }
  if (opts.runTriggers !== false) triggers.start()
  return emulator
}

function checkedDelay(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0 || ms > 60_000) throw new Error(`callDelayMs must be 0…60000, got ${ms}`)
  return ms
}

function isEmpty(store: Store): boolean {
  return store.listCollections().every((c) => c.count === 0)
}

export function sdkEnvFor(url: string, envId: string, openid: string, appid: string, invocationId?: string) {
  const adminUrl = invocationId ? `${url}/admin/i/${invocationId}` : `${url}/admin`
  return {
    TCB_CONTEXT_KEYS: 'TCB_CONTEXT_CNFG',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    // skips the SDK's two metadata-host look-ups per call (they only exist inside Tencent's cloud)
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    WX_OPENID: openid,
    WX_APPID: appid,
    WX_UNIONID: '',
  }
}
