// Before/after pictures of everything a function can change: every collection of the database (documents by _id),
// the storage files and the subscribe-message outbox. The only change a refused payload may cause is the audit
// entry the review function writes on purpose for a refused attempt (action 'refused').
import { createHash } from 'node:crypto'
import type { Emulator } from '@emulator/index'

export interface Snapshot {
  /** collection → _id → the document as stored (EJSON text) */
  docs: Map<string, Map<string, string>>
  /** the store's own export, to restore from */
  raw: Record<string, unknown[]>
  /** cloud path → SHA-256 of its bytes (a same-size overwrite is a change too) */
  files: Map<string, string>
  /** the files' bytes, to restore from */
  fileBytes: Map<string, { bytes: Buffer; contentType: string }>
  outbox: number
}

/**
 * Each stored version's SHA-256, read and hashed once: every write to storage (upload, copy, a test's put) records
 * a new metadata object, so a version is known by its metadata (the fixture's 5 MB file was read and hashed again
 * for every payload).
 */
const hashes = new WeakMap<object, string>()

export function snapshot(emu: Emulator, withBytes = false): Snapshot {
  const raw = emu.store.exportData()
  const docs = new Map<string, Map<string, string>>()
  for (const [name, list] of Object.entries(raw)) {
    docs.set(name, new Map(list.map((d) => [idOf(d), JSON.stringify(d)])))
  }
  const files = new Map<string, string>()
  const fileBytes = new Map<string, { bytes: Buffer; contentType: string }>()
  for (const meta of emu.files.list()) {
    let hash = hashes.get(meta)
    if (hash === undefined || withBytes) {
      const f = emu.files.get(meta.path)!
      hash = createHash('sha256').update(f.bytes).digest('hex')
      hashes.set(meta, hash)
      if (withBytes) fileBytes.set(meta.path, { bytes: f.bytes, contentType: f.meta.contentType })
    }
    files.set(meta.path, hash)
  }
  return { docs, raw, files, fileBytes, outbox: emu.outbox().length }
}

function idOf(doc: unknown): string {
  const id = (doc as { _id?: unknown })._id
  return typeof id === 'string' ? id : JSON.stringify(id)
}

/** A refused review attempt's audit entry: the one write a refusal may make. */
export function isRefusalAudit(collection: string, docText: string): boolean {
  return collection === 'audit' && (JSON.parse(docText) as { action?: unknown }).action === 'refused'
}

/** Collections whose changes record an attempt or a view rather than change the data. */
const RECORDS = ['bind_attempts', 'access_log', 'security_log']

/** A diff line about a record of an attempt or a view (see RECORDS). */
export const isAttemptRecord = (line: string) =>
  RECORDS.some((c) => line.startsWith(`+ ${c}/`) || line.startsWith(`~ ${c}/`))

/** Every difference between two snapshots, as short lines; refusal audit entries added are left out. */
export function diff(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = []
  const names = new Set([...before.docs.keys(), ...after.docs.keys()])
  for (const name of [...names].sort()) {
    const a = before.docs.get(name) ?? new Map<string, string>()
    const b = after.docs.get(name) ?? new Map<string, string>()
    for (const [id, text] of b) {
      if (!a.has(id)) {
        if (!isRefusalAudit(name, text)) out.push(`+ ${name}/${id}: ${text.slice(0, 300)}`)
      } else if (a.get(id) !== text)
        out.push(`~ ${name}/${id}: ${a.get(id)!.slice(0, 200)} → ${text.slice(0, 300)}`)
    }
    for (const id of a.keys()) if (!b.has(id)) out.push(`- ${name}/${id}`)
  }
  for (const [path, hash] of after.files) {
    if (!before.files.has(path)) out.push(`+ file ${path}`)
    else if (before.files.get(path) !== hash) out.push(`~ file ${path}`)
  }
  for (const path of before.files.keys()) if (!after.files.has(path)) out.push(`- file ${path}`)
  if (after.outbox !== before.outbox) out.push(`outbox ${before.outbox} → ${after.outbox}`)
  return out
}

/** Puts the database and storage back as they were (after an accepted payload changed them). */
export function restore(emu: Emulator, to: Snapshot): void {
  emu.store.reset(to.raw)
  const now = new Set(emu.files.list().map((f) => f.path))
  for (const path of now) if (!to.fileBytes.has(path)) emu.files.remove(path)
  for (const [path, f] of to.fileBytes) {
    const current = emu.files.get(path)
    if (!current || !current.bytes.equals(f.bytes)) emu.files.put(path, f.bytes, f.contentType)
  }
}
