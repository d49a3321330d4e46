// What every benchmark part reports the same way: percentiles, cold starts of a function, and the peak memory of
// the process the emulator runs in (the bench process itself: the store, the HTTP front and the function workers).
import fs from 'node:fs'
import path from 'node:path'
import { startEmulator, type Emulator } from '@emulator/index'
import { buildFunctions } from '@scripts/build-functions'

const root = path.resolve(__dirname, '..')

export interface Percentiles {
  p50: number
  p95: number
  p99: number
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
  return { p50: at(50), p95: at(95), p99: at(99) }
}

/**
 * Milliseconds of `times` cold invocations of `fn`: a newer mtime on its built index.js retires the warm
 * instance, so each call starts a new worker that loads the bundle and wx-server-sdk (what a user meets after the
 * function has been idle). The p50 is returned; the event must succeed or be refused cleanly.
 */
export async function coldStartMs(
  emu: Emulator,
  fn: string,
  event: () => object,
  openid: string,
  times = 3,
): Promise<number> {
  const file = path.join(root, 'cloudfunctions', fn, 'index.js')
  const ms: number[] = []
  for (let k = 0; k < times; k++) {
    const t = new Date(Date.now() + (k + 1) * 1000)
    fs.utimesSync(file, t, t)
    const r = await emu.invoke(fn, event(), { openid })
    if (!r.ok || !r.coldStart) throw new Error(`${fn}: expected a cold start, got ${JSON.stringify(r.error)}`)
    ms.push(r.durationMs)
  }
  // the next measured call must not pay for a worker started late
  await emu.invoke(fn, event(), { openid })
  return percentiles(ms).p50
}

/** Peak resident memory of this process so far, in MB (the kernel's high-water mark: it never goes down). */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024

/** The functions built as deployed (all, or those named) and an in-memory emulator that runs them. */
export async function startBenchEmulator(functions?: string[]): Promise<Emulator> {
  await buildFunctions(functions)
  return startEmulator({
    dataDir: null,
    functionsDir: path.join(root, 'cloudfunctions'),
    collectionsFile: path.join(root, 'database/collections.json'),
    runTriggers: false,
  })
}
