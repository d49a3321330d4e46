// Member import from a CSV/XLSX file the app uploaded under companies/<company>/admin/. importStart downloads,
// parses and validates every row (bad rows reported, nothing written for them) and stores the good rows in chunk
// documents; importContinue applies chunks — upserting by employee number — until its time budget is spent, so
// a 10 k-row file finishes across a few calls, each well inside the function timeout, and a failed call resumes.
// The uploaded file (names and phone numbers in clear) is deleted once its rows are stored (phones hashed): the
// job never reads it again, and the app uploads a file of its own for every import.
import {
  ADMIN_COLLECTIONS,
  type DepartmentDoc,
  deptAllowsMakeup,
  type ImportJobView,
  type ImportRow,
  type RowError,
  validateRows,
} from '@core/admin'
import type { Api } from '@core/api'
import { localDay } from '@core/calendar'
import { DomainError } from '@core/shared'
import { COLLECTIONS, type CompanyDoc, type MemberDoc, OPEN_STATUSES } from '@core/makeup'
import { setRequestsDept } from '@server/repositories/review'
import type { Context } from '@server/router'
import { downloadFile, getById, patch, withTransaction, type Db } from '@server/sdk'
import { newPhoneSalt, phoneHash } from '@server/verification'
import { deleteFiles } from '@server/privacy/storage'
import { audit, requireHr } from '../access'
import { readSheet } from '../sheet'
import { departmentsOf } from './departments'

type A = Api['admin']
const CHUNK = 500
/** stop taking new chunks after this long; a chunk itself takes well under a second */
const BUDGET_MS = 6000
const MAX_STORED_ERRORS = 2000

interface ImportJobDoc {
  _id: string
  kind: 'job'
  companyId: string
  fileID: string
  status: 'running' | 'done'
  total: number
  chunks: number
  nextChunk: number
  processed: number
  created: number
  updated: number
  errors: RowError[]
  createdAt: Date
  createdBy: string
}

/** A roster row as stored between calls: the phone number already hashed, never kept in clear. */
type StoredRow = Omit<ImportRow, 'phone'> & { phoneHash: string | null }

interface ImportChunkDoc {
  _id: string
  kind: 'chunk'
  companyId: string
  rows: StoredRow[]
}

/** The company's phone salt, created once: in a transaction, so two imports at once agree on one salt. */
async function phoneSaltOf(db: Db, company: CompanyDoc): Promise<string> {
  if (company.phoneSalt) return company.phoneSalt
  return withTransaction(db, async (tx) => {
    const current = await getById<CompanyDoc>(tx, COLLECTIONS.companies, company._id)
    if (current?.phoneSalt) return current.phoneSalt
    const phoneSalt = newPhoneSalt()
    await patch(tx, COLLECTIONS.companies, company._id, { phoneSalt })
    return phoneSalt
  })
}

const chunkId = (jobId: string, n: number) => `${jobId}_${n}`

function view(job: ImportJobDoc): ImportJobView {
  const { _id, status, total, processed, created, updated, errors } = job
  return { id: _id, status, total, processed, created, updated, errors }
}

export async function importStart(input: A['importStart'][0], { db, openid, now }: Context) {
  const caller = await requireHr(db, openid)
  const companyId = caller.company._id
  // only files of the caller's own company: a fileID is not a capability across tenants
  const m = /^cloud:\/\/[A-Za-z0-9._-]+\/companies\/([A-Za-z0-9_-]+)\/admin\/[A-Za-z0-9_.-]+$/.exec(
    input.fileID,
  )
  if (!m || m[1] !== companyId) throw new DomainError('FORBIDDEN', 'file of another company')
  const bytes = await downloadFile(input.fileID)
  if (!bytes) throw new DomainError('IMPORT_FILE_INVALID', 'no such file')
  const depts = await departmentsOf(db, companyId)
  const { valid, errors } = validateRows(
    await readSheet(bytes),
    depts.length ? new Set(depts.map((d) => d.name)) : null,
  )
  const salt = valid.some((r) => r.phone) ? await phoneSaltOf(db, caller.company) : null
  const rows: StoredRow[] = valid.map(({ phone, ...r }) => ({
    ...r,
    phoneHash: phone && salt ? phoneHash(salt, phone) : null,
  }))
  const jobId = `imp${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  const chunks: ImportChunkDoc[] = []
  for (let i = 0; i < rows.length; i += CHUNK)
    chunks.push({
      _id: chunkId(jobId, chunks.length),
      kind: 'chunk',
      companyId,
      rows: rows.slice(i, i + CHUNK),
    })
  const job: ImportJobDoc = {
    _id: jobId,
    kind: 'job',
    companyId,
    fileID: input.fileID,
    status: chunks.length ? 'running' : 'done',
    total: valid.length + errors.length,
    chunks: chunks.length,
    nextChunk: 0,
    processed: errors.length,
    created: 0,
    updated: 0,
    errors: errors.slice(0, MAX_STORED_ERRORS),
    createdAt: now,
    createdBy: caller.member._id,
  }
  const coll = db.collection(ADMIN_COLLECTIONS.imports) as unknown as {
    add(o: { data: object[] }): Promise<unknown>
  }
  // chunks first: a job document only exists once all its rows are stored
  for (let i = 0; i < chunks.length; i += 10) await coll.add({ data: chunks.slice(i, i + 10) })
  await coll.add({ data: [job] })
  await deleteFiles([input.fileID])
  await audit(db, caller, now, {
    subject: 'import',
    subjectId: jobId,
    action: 'importStart',
    to: `${valid.length} valid, ${errors.length} refused`,
  })
  return view(job)
}

export async function importContinue(input: A['importContinue'][0], { db, openid }: Context) {
  const { company } = await requireHr(db, openid)
  const started = Date.now()
  const stored = await getById<ImportJobDoc>(db, ADMIN_COLLECTIONS.imports, input.jobId)
  if (!stored || stored.kind !== 'job' || stored.companyId !== company._id)
    throw new DomainError('IMPORT_NOT_FOUND')
  let job: ImportJobDoc = stored
  const depts = await departmentsOf(db, company._id)
  while (job.status === 'running' && Date.now() - started < BUDGET_MS) {
    const chunk = await getById<ImportChunkDoc>(
      db,
      ADMIN_COLLECTIONS.imports,
      chunkId(job._id, job.nextChunk),
    )
    const counts = chunk ? await applyRows(db, company._id, chunk.rows, depts) : { created: 0, updated: 0 }
    const nextChunk: number = job.nextChunk + 1
    const fields: Partial<ImportJobDoc> = {
      nextChunk,
      status: nextChunk >= job.chunks ? ('done' as const) : ('running' as const),
      processed: job.processed + (chunk?.rows.length ?? 0),
      created: job.created + counts.created,
      updated: job.updated + counts.updated,
    }
    // re-applying a chunk after a crash is harmless: rows upsert by employee number
    await patch(db, ADMIN_COLLECTIONS.imports, job._id, fields)
    job = { ...job, ...fields }
  }
  // should a crash have come between storing the job and deleting its file, the file goes when the job ends
  if (job.status === 'done' && stored.status === 'running') await deleteFiles([job.fileID])
  return view(job)
}

/** Upserts one chunk: one query for the existing members, one array insert for the new ones, updates in waves. */
async function applyRows(db: Db, companyId: string, rows: StoredRow[], depts: DepartmentDoc[]) {
  const _ = db.command
  const res = await db
    .collection(COLLECTIONS.members)
    .where({ companyId, employeeNo: _.in(rows.map((r) => r.employeeNo)) })
    .limit(1000)
    .get()
  const existing = new Map((res.data as MemberDoc[]).map((m) => [m.employeeNo, m]))
  const fresh: MemberDoc[] = rows
    .filter((r) => !existing.has(r.employeeNo))
    .map((r) => ({
      _id: `${companyId}-${r.employeeNo}`,
      companyId,
      employeeNo: r.employeeNo,
      name: r.name,
      dept: r.dept,
      region: r.region,
      roles: r.roles,
      joinedOn: r.joinedOn ?? localDay(new Date()),
      // a new member of a department whose make-up is switched off starts switched off too
      makeupEnabled: deptAllowsMakeup(depts, r.dept),
      identityBound: false,
      phoneHash: r.phoneHash,
      openid: null,
      status: 'active',
    }))
  if (fresh.length)
    await (
      db.collection(COLLECTIONS.members) as unknown as { add(o: { data: object[] }): Promise<unknown> }
    ).add({ data: fresh })
  const changed = rows
    .map((r) => [r, existing.get(r.employeeNo)] as const)
    .filter(
      ([r, m]) =>
        m &&
        (m.name !== r.name ||
          m.dept !== r.dept ||
          m.region !== r.region ||
          (r.joinedOn && r.joinedOn !== m.joinedOn) ||
          (r.phoneHash && r.phoneHash !== m.phoneHash)),
    )
  for (let i = 0; i < changed.length; i += 20)
    await Promise.all(
      changed.slice(i, i + 20).map(([r, m]) =>
        // roles are not downgraded by a sheet (that would be a quiet way to remove the last HR admin)
        patch(db, COLLECTIONS.members, m!._id, {
          name: r.name,
          dept: r.dept,
          region: r.region,
          roles: [...new Set([...m!.roles, ...r.roles])],
          ...(r.joinedOn ? { joinedOn: r.joinedOn } : {}),
          ...(r.phoneHash ? { phoneHash: r.phoneHash } : {}),
        }),
      ),
    )
  // open requests carry the department their reviewers' queue selects on: they move with their members
  const moved = changed.filter(([r, m]) => m!.dept !== r.dept)
  for (const dept of new Set(moved.map(([r]) => r.dept)))
    await setRequestsDept(
      db,
      companyId,
      moved.filter(([r]) => r.dept === dept).map(([, m]) => m!._id),
      dept,
      { status: _.in(OPEN_STATUSES) },
    )
  return { created: fresh.length, updated: changed.length }
}
