// Files a record stopped referring to (a resubmission's replaced photos, an earlier filing's evidence): the record
// lists them in `discardedFiles` in the same write that replaced them; once that write is stored they are deleted
// here and the list cleared. A crash in between leaves the list, and the purge deletes them with the record.
import { patch, type Db } from '../sdk'
import { deleteFiles } from './storage'

export async function deleteDiscarded(
  db: Db,
  collection: 'makeups' | 'specials',
  doc: { _id: string; discardedFiles?: string[] },
): Promise<void> {
  const files = doc.discardedFiles ?? []
  if (files.length === 0) return
  try {
    await deleteFiles(files)
    // only these: a later replacement may have listed more meanwhile
    const _ = db.command as unknown as { pullAll(v: string[]): unknown }
    await patch(db, collection, doc._id, { discardedFiles: _.pullAll(files) })
  } catch (e) {
    // the change itself is stored; the files stay listed for the next purge of the record
    console.warn(`discarded files of ${doc._id} left for the purge`, (e as Error)?.message)
  }
}
