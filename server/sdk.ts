// The one typed wrapper over wx-server-sdk. Its declared types are loose (`Promise<X> | void | string`, no DB
// namespace), so the handful of calls we use are typed here once and everything else goes through these helpers.
import * as cloud from 'wx-server-sdk'
import { DomainError } from '@core/shared'

export interface DocHandle {
  get(): Promise<{ data: unknown }>
  set(opts: { data: object }): Promise<unknown>
  update(opts: { data: object }): Promise<{ stats: { updated: number } }>
  remove(): Promise<unknown>
}

export interface QueryHandle {
  where(query: object): QueryHandle
  orderBy(field: string, dir: 'asc' | 'desc'): QueryHandle
  limit(n: number): QueryHandle
  skip(n: number): QueryHandle
  get(): Promise<{ data: unknown[] }>
  count(): Promise<{ total: number }>
}

export interface CollectionHandle extends QueryHandle {
  doc(id: string): DocHandle
  add(opts: { data: object }): Promise<{ _id: string }>
  aggregate(): Pipeline
}

/** An aggregation pipeline: `collection.aggregate()` (sent by `end()`) or `command.aggregate.pipeline()` (a
 * sub-pipeline for `lookup({ pipeline })`, its stages taken by `done()`). Stage arguments are serialised as the
 * SDK does for every stage (query commands in `match`). */
export interface Pipeline {
  match(query: object): Pipeline
  addFields(spec: object): Pipeline
  lookup(spec: object): Pipeline
  project(spec: object): Pipeline
  sort(spec: object): Pipeline
  skip(n: number): Pipeline
  limit(n: number): Pipeline
  /** the stages (sub-pipeline) */
  done(): object[]
  /** sends the aggregation (collection pipeline) */
  end(): Promise<{ list: unknown[] }>
}

/** What both the database and a transaction offer: single-document operations. */
export interface DocStore {
  collection(name: string): { doc(id: string): DocHandle; add(opts: { data: object }): Promise<unknown> }
}

export interface Db extends DocStore {
  collection(name: string): CollectionHandle
  command: Command
  runTransaction<T>(fn: (tx: DocStore) => Promise<T>, times?: number): Promise<T>
}

export interface Command {
  aggregate: { pipeline(): Pipeline; concat(parts: unknown[]): unknown }
  in(values: unknown[]): unknown
  gt(v: unknown): unknown
  gte(v: unknown): unknown
  lte(v: unknown): unknown
  and(...conds: unknown[]): unknown
  inc(n: number): unknown
  pull(value: unknown): unknown
  addToSet(value: unknown): unknown
  size(n: number): unknown
  push(values: unknown[]): unknown
  or(conditions: object[]): unknown
  neq(v: unknown): unknown
}

interface SdkCloud {
  init(opts: object): void
  DYNAMIC_CURRENT_ENV: symbol
  database(config?: object): Db
  getWXContext(): { OPENID?: string; APPID?: string; ENV?: string }
  getTempFileURL(opts: {
    fileList: { fileID: string; maxAge: number }[]
  }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number }[] }>
  downloadFile(opts: { fileID: string }): Promise<{ fileContent: Uint8Array }>
  uploadFile(opts: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
}

const sdk = cloud as unknown as SdkCloud
let db: Db | null = null

/** Initialises the SDK once per instance, as in production; missing documents read as null instead of throwing. */
export function database(): Db {
  if (!db) {
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
    db = sdk.database({ throwOnNotFound: false })
  }
  return db
}

export function callerOpenid(): string | undefined {
  return sdk.getWXContext().OPENID || undefined
}

/**
 * Whether a fileID names a file of this environment's storage (`cloud://<env>.<bucket>/…`): another
 * environment's file is never a member's upload, whatever its path says.
 */
export function inThisEnv(fileID: string): boolean {
  const env = sdk.getWXContext().ENV
  return !env || fileID.startsWith(`cloud://${env}.`)
}

/**
 * How long a link to a file holding health data lives (seconds): long enough to open it, not the SDK's default day
 * (a forwarded link must stop working soon).
 */
export const HEALTH_LINK_MAX_AGE_S = 10 * 60

const TEMP_URLS_PER_CALL = 50

/** Temp URLs of our files, each valid `maxAge` seconds. */
export async function tempUrls(
  fileIDs: string[],
  maxAge = HEALTH_LINK_MAX_AGE_S,
): Promise<Map<string, string>> {
  const ours = fileIDs.filter(inThisEnv)
  if (ours.length === 0) return new Map()
  // getTempFileURL takes at most 50 files per call
  const chunks: string[][] = []
  for (let i = 0; i < ours.length; i += TEMP_URLS_PER_CALL) chunks.push(ours.slice(i, i + TEMP_URLS_PER_CALL))
  const answers = await Promise.all(
    chunks.map((c) => sdk.getTempFileURL({ fileList: c.map((fileID) => ({ fileID, maxAge })) })),
  )
  return new Map(
    answers.flatMap((res) =>
      res.fileList.filter((f) => f.status === 0).map((f): [string, string] => [f.fileID, f.tempFileURL]),
    ),
  )
}

/** The file's bytes, or null when storage has no such file. */
export async function downloadFile(fileID: string): Promise<Uint8Array | null> {
  if (!inThisEnv(fileID)) return null
  try {
    return (await sdk.downloadFile({ fileID })).fileContent
  } catch (e) {
    // the SDK reports a missing file as errCode -1 with code STORAGE_FILE_NONEXIST (-503003 in other paths)
    const err = e as { errCode?: number; code?: string }
    if (err?.code === 'STORAGE_FILE_NONEXIST' || err?.errCode === -503003) return null
    throw e
  }
}

/** Writes the bytes to cloud storage at `cloudPath` (an existing file there is replaced); returns its file id. */
export async function uploadFile(cloudPath: string, content: Buffer): Promise<string> {
  return (await sdk.uploadFile({ cloudPath, fileContent: content })).fileID
}

export async function getById<T>(store: DocStore, coll: string, id: string): Promise<T | null> {
  const res = await store.collection(coll).doc(id).get()
  return (res.data as T | null) ?? null
}

export async function find<T>(
  database: Db,
  coll: string,
  where: object,
  opts: { orderBy?: [string, 'asc' | 'desc']; limit?: number } = {},
): Promise<T[]> {
  let q: QueryHandle = database.collection(coll).where(where)
  if (opts.orderBy) q = q.orderBy(...opts.orderBy)
  const res = await q.limit(opts.limit ?? 100).get()
  return res.data as T[]
}

/** Runs one aggregation on `coll` (one round trip, however many collections its lookups join). */
export async function aggregate<T>(
  database: Db,
  coll: string,
  build: (p: Pipeline) => Pipeline,
): Promise<T[]> {
  const res = await build(database.collection(coll).aggregate()).end()
  return res.list as T[]
}

/** The stages of a lookup's sub-pipeline: the documents `where` selects, optionally ordered, limited, trimmed. */
export function subPipeline(
  database: Db,
  where: object,
  opts: { orderBy?: [string, 'asc' | 'desc']; limit?: number; fields?: string[] } = {},
): object[] {
  let p = database.command.aggregate.pipeline().match(where)
  if (opts.orderBy) p = p.sort({ [opts.orderBy[0]]: opts.orderBy[1] === 'asc' ? 1 : -1 })
  if (opts.limit) p = p.limit(opts.limit)
  if (opts.fields) p = p.project(Object.fromEntries(opts.fields.map((f) => [f, 1])))
  return p.done()
}

/** Inserts a document with its own _id (a duplicate _id fails: that is how uniqueness is enforced). */
export async function insert<T extends { _id?: string }>(
  store: DocStore,
  coll: string,
  doc: T,
): Promise<void> {
  await store.collection(coll).add({ data: withoutUndefined(doc) })
}

/** Replaces (or creates) a whole document. */
export async function replace<T extends { _id: string }>(
  store: DocStore,
  coll: string,
  doc: T,
): Promise<void> {
  const { _id, ...data } = doc
  await store
    .collection(coll)
    .doc(_id)
    .set({ data: withoutUndefined(data) })
}

/** Drops undefined fields (optional properties) before serialisation; Dates and arrays are kept as they are. */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T
  if (!value || typeof value !== 'object' || value instanceof Date) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v)
  return out as T
}

/**
 * Updates every document matching `where` with one request; the count says how many changed. With the expected
 * state in `where` it is a compare-and-set: of concurrent callers only those whose condition still held count.
 */
export async function updateWhere(db: Db, coll: string, where: unknown, data: object): Promise<number> {
  const query = db.collection(coll).where(where as object) as unknown as {
    update(o: { data: object }): Promise<{ stats: { updated: number } }>
  }
  return (await query.update({ data })).stats.updated
}

/** Sets top-level fields of one document. */
export async function patch(store: DocStore, coll: string, id: string, fields: object): Promise<number> {
  const res = await store.collection(coll).doc(id).update({ data: fields })
  return res.stats.updated
}

const TX_ATTEMPTS = 8
const BACKOFF_BASE_MS = 20
const BACKOFF_CAP_MS = 800

/**
 * Runs a transaction, retrying it (bounded, exponential back-off with full jitter) when it fails for anything but
 * a domain refusal: in production wx-server-sdk reports DATABASE_TRANSACTION_CONFLICT as a generic -501001 and
 * its own runTransaction therefore never retries it. The body re-reads everything it decides on, so a retry
 * sees the winner's write (and usually refuses fast: quota used up, duplicate found).
 */
export async function withTransaction<T>(database: Db, body: (tx: DocStore) => Promise<T>): Promise<T> {
  let lastError: unknown
  for (let attempt = 1; attempt <= TX_ATTEMPTS; attempt++) {
    try {
      return await database.runTransaction(body, 0)
    } catch (e) {
      if (e instanceof DomainError || isPermanent(e)) throw e
      lastError = e
      if (attempt < TX_ATTEMPTS)
        await sleep(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt))
    }
  }
  console.warn('transaction gave up after retries', lastError)
  throw new DomainError('BUSY_RETRY')
}

/** Errors a retry cannot fix: invalid parameters, missing collection. */
function isPermanent(e: unknown): boolean {
  const code = (e as { errCode?: number })?.errCode
  return code === -501007 || code === -502005
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
