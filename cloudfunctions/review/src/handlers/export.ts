import { randomBytes } from 'node:crypto'
import type { Api } from '@core/api'
import { type ExportJobDoc, type ExportJobView, isHrAdmin } from '@core/review'
import { daysBetween, monthBounds, monthOf } from '@core/calendar'
import { DomainError } from '@core/shared'
import { memberIdOf } from '@server/repositories/audit-log'
import { countRows, EXPORTS, runPart } from '@server/repositories/exports'
import { appendAudit } from '@server/repositories/review'
import { EVERY_MEMBER, recordAccess } from '@server/privacy/access-log'
import { expireExports, exportExpired } from '@server/privacy/exports'
import { getById, replace, tempUrls } from '@server/sdk'
import { reviewAction, type ReviewContext } from '../reviewer'

type A = Api['review']
const MAX_DAYS = 366

function requireHr(rc: ReviewContext) {
  if (!isHrAdmin(rc.member)) throw new DomainError('FORBIDDEN', 'HR admins only')
}

async function view(job: ExportJobDoc): Promise<ExportJobView> {
  const url = job.fileID ? (await tempUrls([job.fileID])).get(job.fileID) : undefined
  const { _id, kind, from, to, status, rows, total, fileID } = job
  const format = job.format ?? 'csv'
  return { jobId: _id, kind, format, from, to, status, rows, total, ...(fileID ? { fileID, url } : {}) }
}

/** Starts an export: counts the range (for progress), writes the first part. */
export const exportStart = reviewAction(
  'export',
  async (input: A['export'][0], rc): Promise<ExportJobView> => {
    requireHr(rc)
    if (input.to < input.from || daysBetween(input.from, input.to) > MAX_DAYS)
      throw new DomainError('INVALID_INPUT', 'range')
    // the monthly report is of one whole month; a department narrows only it
    const bounds = monthBounds(monthOf(input.from))
    if (input.kind === 'monthly' && (input.from !== bounds.first || input.to !== bounds.last))
      throw new DomainError('INVALID_INPUT', 'monthly: one whole month')
    if (input.dept && input.kind !== 'monthly') throw new DomainError('INVALID_INPUT', 'dept')
    const narrowed = input.employeeNo !== undefined || input.operation !== undefined
    if (narrowed && input.kind !== 'audit') throw new DomainError('INVALID_INPUT', 'scope')
    const job: ExportJobDoc = {
      _id: `${rc.member._id}-${rc.now.getTime().toString(36)}-${randomBytes(4).toString('hex')}`,
      companyId: rc.company._id,
      kind: input.kind,
      format: input.format ?? 'csv',
      from: input.from,
      to: input.to,
      ...(narrowed
        ? {
            scope: {
              ...(input.employeeNo !== undefined
                ? { memberId: (await memberIdOf(rc.db, rc.company._id, input.employeeNo)) ?? '' }
                : {}),
              ...(input.operation !== undefined ? { action: input.operation } : {}),
            },
          }
        : {}),
      status: 'running',
      rows: 0,
      total: 0,
      cursor: null,
      parts: [],
      createdBy: rc.member._id,
      createdAt: rc.now,
      updatedAt: rc.now,
      ...(input.dept ? { dept: input.dept } : {}),
    }
    // files of earlier exports past their short life go first (the retention timer also deletes them)
    await expireExports(rc.db, rc.company._id, { expired: true }, rc.now)
    job.total = await countRows(rc.db, job)
    await replace(rc.db, EXPORTS, job)
    const narrowedTo = [input.dept, input.employeeNo, input.operation].filter(Boolean).join(' ')
    const range = `${input.kind} ${input.format ?? 'csv'} ${input.from}~${input.to}${narrowedTo ? ` ${narrowedTo}` : ''}`
    // every member may find this export in "who viewed my data": one entry for the whole range
    await recordAccess(rc.db, {
      companyId: rc.company._id,
      viewer: { id: rc.member._id, name: rc.member.name },
      subject: EVERY_MEMBER,
      what: `export:${range}`,
      at: rc.now,
    })
    await appendAudit(rc.db, {
      companyId: rc.company._id,
      subject: 'review',
      subjectId: job._id,
      memberId: rc.member._id,
      action: 'export',
      from: null,
      to: range,
      actor: { kind: 'reviewer', id: rc.member._id, role: 'hr' },
      at: rc.now,
      reason: `${job.total} rows`,
    })
    return view(await runPart(rc.db, job, rc.now))
  },
)

/** Writes the next part; the app calls it until the job is done, showing rows / total. */
export const exportContinue = reviewAction(
  'exportContinue',
  async (input: A['exportContinue'][0], rc): Promise<ExportJobView> => {
    requireHr(rc)
    const job = await getById<ExportJobDoc>(rc.db, EXPORTS, input.jobId)
    if (!job || job.companyId !== rc.company._id) throw new DomainError('EXPORT_NOT_FOUND')
    // its files are deleted (or about to be): export again
    if (exportExpired(job, rc.now)) throw new DomainError('EXPORT_NOT_FOUND')
    return view(await runPart(rc.db, job, rc.now))
  },
)
