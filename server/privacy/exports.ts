// Export files hold health data by design (HR's CSV / XLSX of check-ins and requests): they are derived copies with a
// short life. A job's files (parts and the finished file under exports/<company>/<job>/) and the job itself are
// deleted once EXPORT_TTL_MS has passed, and on every purge whose records they may hold.
import { EXPORT_TTL_MS } from '@core/privacy'
import type { ExportJobDoc } from '@core/review'
import type { LocalDay } from '@core/shared'
import { EXPORTS } from '../repositories/exports'
import type { Db } from '../sdk'
import { deleteFiles } from './storage'
const PAGE = 100

interface Cmd {
  lt(v: unknown): unknown
}

/** Which of a company's export jobs go: past their life, every one, or also those reaching before a day. */
export type ExportsToExpire = { expired: true; before?: LocalDay } | { all: true }

/** Whether a job's files are past their life (or gone): the app is then told to export again. */
export function exportExpired(job: Pick<ExportJobDoc, 'createdAt'>, now: Date): boolean {
  return new Date(job.createdAt).getTime() + EXPORT_TTL_MS <= now.getTime()
}

/** Deletes the files and the job documents chosen; returns how many files storage removed. */
export async function expireExports(
  db: Db,
  companyId: string,
  which: ExportsToExpire,
  now: Date,
): Promise<number> {
  const _ = db.command as unknown as Cmd
  // each an indexed range (by_company_created, by_company_from)
  const queries: object[] =
    'all' in which
      ? [{ companyId }]
      : [
          { companyId, createdAt: _.lt(new Date(now.getTime() - EXPORT_TTL_MS)) },
          ...(which.before ? [{ companyId, from: _.lt(which.before) }] : []),
        ]
  let files = 0
  for (const where of queries) {
    for (;;) {
      const jobs = (await db.collection(EXPORTS).where(where).limit(PAGE).get()).data as ExportJobDoc[]
      for (const job of jobs) {
        files += await deleteFiles([...new Set([...job.parts, ...(job.fileID ? [job.fileID] : [])])])
        await db.collection(EXPORTS).doc(job._id).remove()
      }
      if (jobs.length < PAGE) break
    }
  }
  return files
}
