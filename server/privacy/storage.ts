// Deleting files from cloud storage (the shared sdk wrapper reads files only).
import * as cloud from 'wx-server-sdk'

interface DeletingCloud {
  deleteFile(opts: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number }[] }>
}

const BATCH = 50

/** Deletes the files (a missing file counts as deleted); returns how many storage reported removed. */
export async function deleteFiles(fileIDs: string[]): Promise<number> {
  let removed = 0
  for (let i = 0; i < fileIDs.length; i += BATCH) {
    const res = await (cloud as unknown as DeletingCloud).deleteFile({
      fileList: fileIDs.slice(i, i + BATCH),
    })
    removed += res.fileList.filter((f) => f.status === 0).length
  }
  return removed
}
