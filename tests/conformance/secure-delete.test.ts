// Purged text leaves the emulator's data file: SQLite keeps the bytes of deleted rows and of the old version of a
// rewritten row in free space unless `secure_delete` is on. A document is removed, another loses its text field,
// and after the store closes (the WAL checkpointed into the file) neither text is anywhere in the folder's files.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openStore } from '@emulator/store'
import { collectionsFile } from './helpers/emulator'

const now = () => new Date('2026-11-28T00:00:00Z')

test('removed documents and removed fields leave no bytes behind in the data folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-secure-delete-'))
  try {
    const store = openStore({ dataDir: dir, now, collectionsFile: collectionsFile({ c: {} }) })
    const tag = Date.now().toString(36)
    const marker = (n: number) => `清除标记${n}-${tag}`
    const kept = marker(0)
    store.insert('c', [
      { _id: 'gone', reason: marker(1) },
      { _id: 'purged', reason: marker(2), day: '2026-11-27' },
      { _id: 'kept', reason: kept },
    ])
    store.remove('c', { _id: 'gone' }, true, false)
    store.modify(
      'c',
      { _id: 'purged' },
      true,
      { $unset: { reason: '' } },
      { merge: true, multi: false, upsert: false },
    )
    store.close()
    const bytes = fs
      .readdirSync(dir)
      .map((f) => fs.readFileSync(path.join(dir, f)).toString('utf8'))
      .join('\n')
    // the test can fail: the kept document's text is there, in the same encoding
    expect(bytes).toContain(kept)
    expect([marker(1), marker(2)].filter((m) => bytes.includes(m))).toEqual([])
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
