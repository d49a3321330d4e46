// The files the integration harness writes for the privacy scan (one JSON line per entry, one file per process).
import fs from 'node:fs'
import path from 'node:path'

export const DUMP_DIR = path.resolve(__dirname, '../../.tmp/privacy-scan')

export interface DumpEntry {
  /** a function's console line, a log-like record it wrote, or the closing summary of one emulator */
  kind: 'log' | 'record' | 'session'
  /** the test file whose emulator saw it, relative to the project */
  testFile: string
  /** `<function>:<stream>` for a log line, the collection (or `subscribe-outbox`) for a record, `emulator` */
  where: string
  text: string
}

/** Every entry of every dump file in `dir`, with the file it came from. */
export function readDumps(dir = DUMP_DIR): { files: string[]; entries: DumpEntry[] } {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')) : []
  const entries = files.flatMap((f) =>
    fs
      .readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DumpEntry),
  )
  return { files, entries }
}
