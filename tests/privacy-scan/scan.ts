// The privacy scan over the integration suite's dumps: no function log line and no log-like record may hold a
// temperature, a health-code colour value or a temp URL (core/privacy/rules.ts `leaksHealthData`).
import fs from 'node:fs'
import path from 'node:path'
import { leaksHealthData } from '@core/privacy'
import { readDumps, type DumpEntry } from './dumps'

const ROOT = path.resolve(__dirname, '../..')

export interface Leak {
  testFile: string
  where: string
  found: string
  text: string
}

export interface ScanResult {
  leaks: Leak[]
  /** why the scan cannot vouch for the suite (no dumps, nothing recorded, test files missing) */
  problems: string[]
  logLines: number
  records: number
}

/** Test files that start a functions emulator (integration, and the hostile-input suite): each must leave a dump. */
export function emulatorTestFiles(dirs = ['tests/integration', 'tests/hardening']): string[] {
  return dirs.flatMap((d) =>
    fs
      .readdirSync(path.join(ROOT, d))
      .filter((f) => f.endsWith('.test.ts'))
      .filter((f) =>
        /\b(startFunctionsEmulator|useEmulator)\(/.test(fs.readFileSync(path.join(ROOT, d, f), 'utf8')),
      )
      .map((f) => `${d}/${f}`),
  )
}

export function scanDumps(dir: string, expectedFiles: string[]): ScanResult {
  const { files, entries } = readDumps(dir)
  const problems: string[] = []
  if (files.length === 0) problems.push(`no dump files in ${dir}: the integration suite did not run first`)
  const logLines = entries.filter((e) => e.kind === 'log').length
  const records = entries.filter((e) => e.kind === 'record').length
  if (files.length > 0 && (logLines === 0 || records === 0))
    problems.push(`the dumps hold ${logLines} log lines and ${records} records: the recording is broken`)
  const dumped = new Set(entries.filter((e) => e.kind === 'session').map((e) => e.testFile))
  const missing = expectedFiles.filter((f) => !dumped.has(f))
  if (files.length > 0 && missing.length > 0) problems.push(`no dump from ${missing.join(', ')}`)
  const leaks = entries.flatMap((e: DumpEntry) => {
    const found = e.kind === 'session' ? null : leaksHealthData(e.text)
    return found ? [{ testFile: e.testFile, where: e.where, found, text: e.text.slice(0, 300) }] : []
  })
  return { leaks, problems, logLines, records }
}
