// The integration harness records, for the privacy scan that runs after the whole jest run, everything the
// functions wrote that must never hold a health value or a temp URL: every console line of every function
// instance, and every record the functions wrote to the audit trail, the access and privacy logs and the notice
// queues. Tests replace the database between cases, so the records are collected before each replacement (and at
// close); documents a test planted itself are left out. Each test process appends to its own file.
import fs from 'node:fs'
import path from 'node:path'
import type { Emulator } from '@emulator/index'
import { DUMP_DIR, type DumpEntry } from './dumps'

/** Collections whose documents are log-like: written as a side effect, read by people other than the member. */
export const WATCHED = [
  'audit',
  'access_log',
  'privacy_log',
  'outbox',
  'webhook_deliveries',
  'security_log',
] as const

/** Starts recording an emulator's function logs and log-like records; they are written out when it closes. */
export function recordForPrivacyScan(emu: Emulator): void {
  const stop = startRecording(emu)
  const close = emu.close.bind(emu)
  let closed = false
  emu.close = async () => {
    if (!closed) {
      closed = true
      await stop()
    }
    await close()
  }
}

/**
 * Starts recording for the current test file; the returned `stop` writes the file's records out and takes the
 * recorder off the emulator again (a worker's shared emulator serves the next file unrecorded by this one).
 */
export function startRecording(emu: Emulator): () => Promise<void> {
  const testFile = path.relative(path.resolve(__dirname, '../..'), currentTestPath())
  const entries: DumpEntry[] = []
  const seen = new Set<string>()
  const planted = new Set<string>()
  const add = (kind: DumpEntry['kind'], where: string, text: string) => {
    const key = `${where}\u0000${text}`
    if (seen.has(key) || planted.has(key)) return
    seen.add(key)
    entries.push({ kind, testFile, where, text })
  }

  const stopLog = emu.runtime.onLog((l) => add('log', `${l.functionName}:${l.stream}`, l.line))

  const watchedDocs = () =>
    WATCHED.filter((c) => emu.store.collectionNames().includes(c)).flatMap((c) =>
      emu.store.listDocuments(c, { limit: 1_000_000 }).map((d) => [c, JSON.stringify(d)] as const),
    )
  const collect = () => {
    for (const [c, text] of watchedDocs()) add('record', c, text)
    for (const m of emu.outbox()) add('record', 'subscribe-outbox', JSON.stringify(m))
  }
  // a test's own writes: what the functions wrote so far is collected first, then the planted documents are marked
  const testWrite = <A extends unknown[], R>(write: (...args: A) => R) =>
    function (...args: A): R {
      collect()
      const result = write(...args)
      for (const [c, text] of watchedDocs()) planted.add(`${c}\u0000${text}`)
      return result
    }
  const { store, subscribe } = emu
  const restore = [
    wrap(store, 'reset', testWrite),
    wrap(store, 'importData', testWrite),
    wrap(store, 'putDocument', testWrite),
    wrap(subscribe, 'reset', testWrite),
  ]

  let stopped = false
  return async () => {
    if (stopped) return
    stopped = true
    // worker consoles reach this process through pipes: let the last lines arrive
    await new Promise((resolve) => setTimeout(resolve, 100))
    collect()
    stopLog()
    const count = (kind: DumpEntry['kind']) => entries.filter((e) => e.kind === kind).length
    entries.push({
      kind: 'session',
      testFile,
      where: 'emulator',
      text: JSON.stringify({ logLines: count('log'), records: count('record') }),
    })
    fs.mkdirSync(DUMP_DIR, { recursive: true })
    const file = path.join(DUMP_DIR, `${process.pid}.jsonl`)
    fs.appendFileSync(file, entries.map((e) => JSON.stringify(e) + '\n').join(''))
    for (const undo of restore) undo()
  }
}

/** Replaces the method `target[key]` with `wrapper(method)`; returns what puts the original back. */
function wrap<T extends object, K extends keyof T>(
  target: T,
  key: K,
  wrapper: (method: T[K]) => T[K],
): () => void {
  const own = Object.getOwnPropertyDescriptor(target, key)
  target[key] = wrapper((target[key] as (...args: unknown[]) => unknown).bind(target) as T[K])
  return () => {
    if (own) Object.defineProperty(target, key, own)
    else delete target[key]
  }
}

function currentTestPath(): string {
  const state = (globalThis as { expect?: { getState(): { testPath?: string } } }).expect?.getState()
  return state?.testPath ?? 'unknown'
}
