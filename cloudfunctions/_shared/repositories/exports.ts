// Export jobs: each call reads up to one part of rows in range-paged batches (on the kind's indexed day or time key,
// then _id: never skip), writes the part to cloud storage and moves the job's cursor; the last call joins the
// parts into one CSV file. Memory holds one part; time per call is bounded by the part size.
import { endOfLocalDay, startOfLocalDay } from '../../../core/dates'
import {
  COLLECTIONS,
  type AuditDoc,
  type CheckinDoc,
  type MakeupDoc,
  type MemberDoc,
} from '../../../core/records'
import {
  auditRow,
  checkinRow,
  csvHead,
  csvLine,
  makeupRow,
  type ExportJobDoc,
  type ExportKind,
} from '../../../core/review-export'
import { downloadFile, replace, uploadFile, type Db } from '../sdk'
import { membersByIds } from './review'

export const EXPORTS = 'exports'
const PAGE = 1000
export const PART_ROWS = 5000

interface RangeCommand {
  gt(v: unknown): unknown
  gte(v: unknown): unknown
  lte(v: unknown): unknown
  eq(v: unknown): unknown
  and(...c: unknown[]): unknown
  or(c: object[]): unknown
}
interface Countable {
  where(q: object): { count(): Promise<{ total: number }> }
}

type Row = CheckinDoc | MakeupDoc | (AuditDoc & { _id: string })

const SOURCES: Record<ExportKind, { coll: string; key: 'day' | 'at' }> = {
  checkins: { coll: COLLECTIONS.checkins, key: 'day' },
  makeups: { coll: COLLECTIONS.makeups, key: 'day' },
  audit: { coll: COLLECTIONS.audit, key: 'at' },
}

function baseWhere(db: Db, job: ExportJobDoc): Record<string, unknown> {
  const _ = db.command as unknown as RangeCommand
  const { key } = SOURCES[job.kind]
  const range =
    key === 'at'
      ? _.and(_.gte(startOfLocalDay(job.from)), _.lte(endOfLocalDay(job.to)))
      : _.and(_.gte(job.from), _.lte(job.to))
  return { companyId: job.companyId, [key]: range }
}

export async function countRows(db: Db, job: ExportJobDoc): Promise<number> {
  const coll = db.collection(SOURCES[job.kind].coll) as unknown as Countable
  return (await coll.where(baseWhere(db, job)).count()).total
}

async function batch(db: Db, job: ExportJobDoc, cursor: ExportJobDoc['cursor']): Promise<Row[]> {
  const _ = db.command as unknown as RangeCommand
  const { coll, key } = SOURCES[job.kind]
  const base = baseWhere(db, job)
  let where: object = base
  if (cursor) {
    const k = key === 'at' ? new Date(Number(cursor.key)) : cursor.key
    where = _.and(base, _.or([{ [key]: _.gt(k) }, { [key]: _.eq(k), _id: _.gt(cursor.id) }])) as object
  }
  const res = await db
    .collection(coll)
    .where(where)
    .orderBy(key, 'asc')
    .orderBy('_id', 'asc')
    .limit(PAGE)
    .get()
  return res.data as Row[]
}

function keyOf(kind: ExportKind, row: Row): string {
  return kind === 'audit' ? String((row as AuditDoc).at.getTime()) : (row as CheckinDoc).day
}

function lineOf(kind: ExportKind, row: Row, who: (id: string) => MemberDoc | undefined): string {
  if (kind === 'checkins') return csvLine(checkinRow(row as CheckinDoc, who))
  if (kind === 'makeups') return csvLine(makeupRow(row as MakeupDoc, who))
  return csvLine(auditRow(row as AuditDoc, who))
}

const partPath = (job: ExportJobDoc, n: number) =>
  `exports/${job.companyId}/${job._id}/part-${String(n).padStart(4, '0')}.csv`

/** Writes the next part of the job (or finishes it) and saves the job; returns the job as saved. */
export async function runPart(db: Db, job: ExportJobDoc, now: Date): Promise<ExportJobDoc> {
  if (job.status === 'done') return job
  let text = job.rows === 0 && job.parts.length === 0 ? csvHead(job.kind) : ''
  let cursor = job.cursor
  let rows = 0
  let finished = false
  const members = new Map<string, MemberDoc>()
  while (rows < PART_ROWS) {
    const docs = await batch(db, job, cursor)
    const ids = docs.flatMap((d) => [
      d.memberId,
      ...('actor' in d ? [d.actor.id] : []),
      ...('decidedBy' in d && d.decidedBy ? [d.decidedBy] : []),
    ])
    const missing = [...new Set(ids)].filter((id) => !members.has(id))
    for (const m of await membersByIds(db, job.companyId, missing)) members.set(m._id, m)
    for (const d of docs) text += lineOf(job.kind, d, (id) => members.get(id))
    rows += docs.length
    if (docs.length > 0)
      cursor = { key: keyOf(job.kind, docs[docs.length - 1]), id: docs[docs.length - 1]._id! }
    if (docs.length < PAGE) {
      finished = true
      break
    }
  }
  const parts = [...job.parts]
  if (text) parts.push(await uploadFile(partPath(job, parts.length + 1), Buffer.from(text, 'utf8')))
  const updated: ExportJobDoc = { ...job, rows: job.rows + rows, cursor, parts, updatedAt: now }
  if (finished) Object.assign(updated, { status: 'done', fileID: await joinParts(updated) })
  await replace(db, EXPORTS, updated)
  return updated
}

/** One CSV file from the parts (a single part is already the file). */
async function joinParts(job: ExportJobDoc): Promise<string> {
  if (job.parts.length === 1) return job.parts[0]
  const chunks: Buffer[] = []
  for (const id of job.parts) {
    const bytes = await downloadFile(id)
    if (!bytes) throw new Error(`export part missing: ${id}`)
    chunks.push(Buffer.from(bytes))
  }
  const name = `${job.kind}-${job.from}-${job.to}.csv`
  return uploadFile(`exports/${job.companyId}/${job._id}/${name}`, Buffer.concat(chunks))
}
