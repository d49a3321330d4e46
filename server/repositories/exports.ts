// Export jobs: each call reads up to one part of rows in range-paged batches (on the kind's indexed day or time key,
// then _id: never skip), writes the part to cloud storage and moves the job's cursor; the last call joins the
// parts into one CSV or XLSX file. Memory holds one part; time per call is bounded by the part size (the last
// call's join copies bytes: XLSX parts are deflated already, see ../xlsx.ts).
import { endOfLocalDay, startOfLocalDay } from '@core/calendar'
import {
  COLLECTIONS,
  type AuditDoc,
  type CheckinDoc,
  type CompanyDoc,
  type MakeupDoc,
  type MemberDoc,
} from '@core/makeup'
import {
  auditRow,
  checkinRow,
  COLUMN_WIDTHS,
  csvHead,
  csvLine,
  HEADERS,
  makeupRow,
  monthlyRow,
  SHEET_NAMES,
  type ExportJobDoc,
  type ExportKind,
} from '@core/review'
import { downloadFile, getById, replace, uploadFile, type Db } from '../sdk'
import { membersMonths } from '../monthly'
import { deflatePart, EMPTY_SHEET, sheetHead, sheetRows, xlsxFile } from '../xlsx'
import { auditWhere } from './audit-log'
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

const SOURCES: Record<Exclude<ExportKind, 'monthly'>, { coll: string; key: 'day' | 'at' }> = {
  checkins: { coll: COLLECTIONS.checkins, key: 'day' },
  makeups: { coll: COLLECTIONS.makeups, key: 'day' },
  audit: { coll: COLLECTIONS.audit, key: 'at' },
}
/** the monthly report reads a page of members with their month in one aggregation (../monthly.ts) */
const MONTHLY_PAGE = 100
/**
 * A monthly part stops taking pages after this long: each page joins ~120 documents per member, so 5 000 rows
 * would outlast the function's time limit (measured at 10 k members); the next call continues from the cursor.
 */
const MONTHLY_BUDGET_MS = 3000

type RowKind = Exclude<ExportKind, 'monthly'>
const rowKind = (job: ExportJobDoc) => job.kind as RowKind

const monthlyMembers = (job: ExportJobDoc) => ({
  companyId: job.companyId,
  status: 'active',
  ...(job.dept ? { dept: job.dept } : {}),
})

function baseWhere(db: Db, job: ExportJobDoc): Record<string, unknown> {
  const _ = db.command as unknown as RangeCommand
  const { key } = SOURCES[rowKind(job)]
  if (job.kind === 'audit')
    return auditWhere(db, { companyId: job.companyId, ...job.scope, from: job.from, to: job.to })
  const range =
    key === 'at'
      ? _.and(_.gte(startOfLocalDay(job.from)), _.lte(endOfLocalDay(job.to)))
      : _.and(_.gte(job.from), _.lte(job.to))
  return { companyId: job.companyId, [key]: range }
}

export async function countRows(db: Db, job: ExportJobDoc): Promise<number> {
  if (job.kind === 'monthly')
    return (
      await (db.collection(COLLECTIONS.members) as unknown as Countable).where(monthlyMembers(job)).count()
    ).total
  const coll = db.collection(SOURCES[rowKind(job)].coll) as unknown as Countable
  return (await coll.where(baseWhere(db, job)).count()).total
}

async function batch(db: Db, job: ExportJobDoc, cursor: ExportJobDoc['cursor']): Promise<Row[]> {
  const _ = db.command as unknown as RangeCommand
  const { coll, key } = SOURCES[rowKind(job)]
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

function keyOf(kind: RowKind, row: Row): string {
  return kind === 'audit' ? String((row as AuditDoc).at.getTime()) : (row as CheckinDoc).day
}

function fieldsOf(kind: RowKind, row: Row, who: (id: string) => MemberDoc | undefined): unknown[] {
  if (kind === 'checkins') return checkinRow(row as CheckinDoc, who)
  if (kind === 'makeups') return makeupRow(row as MakeupDoc, who)
  return auditRow(row as AuditDoc, who)
}

const formatOf = (job: ExportJobDoc) => job.format ?? 'csv'

// a one-part CSV is the finished file itself; XLSX parts are deflated sheet XML, not files of their own
const partPath = (job: ExportJobDoc, n: number) =>
  `exports/${job.companyId}/${job._id}/part-${String(n).padStart(4, '0')}.${formatOf(job) === 'csv' ? 'csv' : 'sheet'}`

/** One part's bytes (null when it has nothing to write) and the job's sheet state after it. */
function encodePart(
  job: ExportJobDoc,
  rows: unknown[][],
): { bytes: Buffer | null; sheet?: ExportJobDoc['sheet'] } {
  const first = job.rows === 0 && job.parts.length === 0
  if (formatOf(job) === 'csv') {
    const text = (first ? csvHead(job.kind) : '') + rows.map(csvLine).join('')
    return { bytes: text ? Buffer.from(text, 'utf8') : null }
  }
  const head = first ? sheetHead(HEADERS[job.kind], COLUMN_WIDTHS[job.kind]) : ''
  const xml = head + sheetRows(rows, job.rows + 2)
  if (!xml) return { bytes: null, sheet: job.sheet }
  const { bytes, state } = deflatePart(xml, job.sheet ?? EMPTY_SHEET)
  return { bytes, sheet: state }
}

/** Up to one part of the monthly report: pages of members after the cursor's _id, each with its month's numbers. */
async function monthlyLines(db: Db, job: ExportJobDoc, now: Date) {
  const company = await getById<CompanyDoc>(db, COLLECTIONS.companies, job.companyId)
  if (!company) throw new Error(`export of a missing company: ${job.companyId}`)
  const lines: unknown[][] = []
  let cursor = job.cursor
  const month = job.from.slice(0, 7)
  const started = Date.now()
  while (lines.length < PART_ROWS && Date.now() - started < MONTHLY_BUDGET_MS) {
    const page = await membersMonths(db, company, month, now, {
      dept: job.dept,
      after: cursor?.id ?? '',
      limit: MONTHLY_PAGE,
    })
    for (const m of page) lines.push(monthlyRow(m.member, m.summary))
    if (page.length > 0) cursor = { key: '', id: page[page.length - 1].member._id }
    if (page.length < MONTHLY_PAGE) return { lines, cursor, finished: true }
  }
  return { lines, cursor, finished: false }
}

/** Up to one part of rows of a collection in the job's range. */
async function collectionLines(db: Db, job: ExportJobDoc) {
  const kind = rowKind(job)
  const lines: unknown[][] = []
  let cursor = job.cursor
  let finished = false
  const members = new Map<string, MemberDoc>()
  while (lines.length < PART_ROWS) {
    const docs = await batch(db, job, cursor)
    const ids = docs.flatMap((d) => [
      d.memberId,
      ...('actor' in d ? [d.actor.id] : []),
      ...('decidedBy' in d && d.decidedBy ? [d.decidedBy] : []),
    ])
    const missing = [...new Set(ids)].filter((id) => !members.has(id))
    for (const m of await membersByIds(db, job.companyId, missing)) members.set(m._id, m)
    for (const d of docs) lines.push(fieldsOf(kind, d, (id) => members.get(id)))
    if (docs.length > 0) cursor = { key: keyOf(kind, docs[docs.length - 1]), id: docs[docs.length - 1]._id! }
    if (docs.length < PAGE) {
      finished = true
      break
    }
  }
  return { lines, cursor, finished }
}

/** Writes the next part of the job (or finishes it) and saves the job; returns the job as saved. */
export async function runPart(db: Db, job: ExportJobDoc, now: Date): Promise<ExportJobDoc> {
  if (job.status === 'done') return job
  const { lines, cursor, finished } =
    job.kind === 'monthly' ? await monthlyLines(db, job, now) : await collectionLines(db, job)
  const parts = [...job.parts]
  const { bytes, sheet } = encodePart(job, lines)
  if (bytes) parts.push(await uploadFile(partPath(job, parts.length + 1), bytes))
  const updated: ExportJobDoc = {
    ...job,
    rows: job.rows + lines.length,
    cursor,
    parts,
    sheet,
    updatedAt: now,
  }
  if (finished) Object.assign(updated, { status: 'done', fileID: await joinParts(updated) })
  await replace(db, EXPORTS, updated)
  return updated
}

/** The finished file from the parts: CSV is their concatenation (one part is already the file), XLSX wraps them. */
async function joinParts(job: ExportJobDoc): Promise<string> {
  const format = formatOf(job)
  if (format === 'csv' && job.parts.length === 1) return job.parts[0]
  const chunks: Buffer[] = []
  for (const id of job.parts) {
    const bytes = await downloadFile(id)
    if (!bytes) throw new Error(`export part missing: ${id}`)
    chunks.push(Buffer.from(bytes))
  }
  const file =
    format === 'csv'
      ? Buffer.concat(chunks)
      : xlsxFile(SHEET_NAMES[job.kind], chunks, job.sheet ?? EMPTY_SHEET)
  const name = `${job.kind}-${job.from}-${job.to}.${format}`
  return uploadFile(`exports/${job.companyId}/${job._id}/${name}`, file)
}
