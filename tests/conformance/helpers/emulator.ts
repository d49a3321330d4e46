// Conformance tests drive the emulator through the real, unmodified wx-server-sdk: this starts one emulator per
// test file (in memory, on a free port), points the SDK at it with environment variables only, and inits it the
// way production code does. Jest gives every test file its own module registry, so each file gets a fresh SDK.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator, type EmulatorOptions } from '@emulator/index'
import type { QueryLogEntry } from '@emulator/admin/database'

/** Start-ups and data loads get minutes of their own: the machine may be busy, jest's 5 s default is no bound. */
export const SETUP_TIMEOUT = 120_000

export interface TestEmulator {
  emulator: Emulator
  cloud: any
  db: any
  /** db.command */
  _: any
  close(): Promise<void>
}

export async function startForTest(opts: EmulatorOptions & { openid?: string } = {}): Promise<TestEmulator> {
  const { openid, ...emulatorOpts } = opts
  const emulator = await startEmulator({ dataDir: null, runTriggers: false, ...emulatorOpts })
  Object.assign(process.env, emulator.sdkEnv(openid ?? 'o-test'))
  // required only now: the SDK reads process.env, which points it at the emulator
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const db = cloud.database()
  return { emulator, cloud, db, _: db.command, close: () => emulator.close() }
}

/** Writes a collections.json (the format of database/collections.json) to a temp file and returns its path. */
export function collectionsFile(collections: Record<string, { indexes?: unknown[] }>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-collections-'))
  const file = path.join(dir, 'collections.json')
  fs.writeFileSync(file, JSON.stringify({ collections }))
  return file
}

/** The rejection of a promise that must fail (fails the test if it resolves). */
export async function failureOf(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (err) {
    return err
  }
  throw new Error('expected the call to fail, it succeeded')
}

/** The database calls the emulator logged since `mark` (a value of `queryCount`). */
export function queriesSince(emulator: Emulator, mark: number): QueryLogEntry[] {
  const recent = emulator.store.recentQueries()
  return recent.slice(Math.max(0, recent.length - (emulator.store.queriesLogged() - mark)))
}

export function queryCount(emulator: Emulator): number {
  return emulator.store.queriesLogged()
}
