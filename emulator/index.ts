import type http from 'node:http'
import { createClock, type Clock } from './clock'
import { createHttpServer } from './server'
import { openStore, type Store } from './store'
import { databaseActions } from './admin/database'

export interface EmulatorOptions {
  /** 0 = any free port */
  port?: number
  /** data folder; null keeps everything in memory (tests) */
  dataDir?: string | null
  /** JSON file listing collections and their indexes (database/collections.json) */
  collectionsFile?: string
  /** CloudBase environment id the SDK is told to use */
  envId?: string
}

export interface Emulator {
  url: string
  port: number
  envId: string
  store: Store
  clock: Clock
  /** process.env entries that point an unmodified wx-server-sdk at this emulator, acting as `openid` */
  sdkEnv(openid?: string, appid?: string): Record<string, string>
  close(): Promise<void>
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const envId = opts.envId ?? 'local-dev'
  const clock = createClock()
  const store = openStore({ dataDir: opts.dataDir ?? null, collectionsFile: opts.collectionsFile, now: clock.now })
  const server: http.Server = createHttpServer({ ...databaseActions(store) }, [])
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    port,
    envId,
    store,
    clock,
    sdkEnv: (openid = 'o-test', appid = 'wx-local') => sdkEnvFor(url, envId, openid, appid),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      store.close()
    },
  }
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
