// The document store: one SQLite table per collection (id, relaxed-EJSON text), mingo for matching/sorting/
// projection/updates/aggregation, declared indexes pushed down into SQL, snapshot-isolated transactions.
import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import 'mingo/init/system'
import { Aggregator, Query } from 'mingo'
import { WireError } from '../wire'
import { decodeDoc, encodeDoc, fromEjsonObject, isPlainObject, type Doc } from './ejson'
import {
  assertCollectionName,
  indexDdl,
  jsonPath,
  keyClass,
  keyExpr,
  planOrder,
  plainClasses,
  sameKey,
  sortsLikeBson,
  sqlKeyClass,
  sqlKeyValue,
  pathHitsArray,
  planPushdown,
  readCollectionsFile,
  sqliteIndexName,
  type DeclaredCollections,
  type IndexSpec,
  type KeyClass,
} from './indexes'
import { docKey, Transactions, type Txn } from './transactions'
import { applyOperatorUpdate, toOperatorUpdate } from './update'
import type { AdminStore } from './index'

export interface StoreOptions {
  /** null = in-memory SQLite (tests); else a folder (created) holding the db file */
  dataDir: string | null
  /** database/collections.json: collections are created and their indexes built */
  collectionsFile?: string
  /** the emulator clock (serverDate, transaction expiry) */
  now: () => Date
  /** default 512 KiB (the SDK's declared CloudBase limit); never above 16 MiB (MongoDB's) */
  maxDocumentBytes?: number
  /** a query that no index serves on a collection bigger than this is flagged (default 1000) */
  scanWarningThreshold?: number
}

/** One database call as the request log shows it. */
export interface QueryLogEntry {
  action: string
  collection?: string
  query?: unknown
  transactionId?: string
  index?: string | null
  scanned?: number
  returned?: number
  /** a sorted read: rows came in index order ('index') or were all read and sorted by mingo ('memory') */
  sort?: 'index' | 'memory'
  warning?: string
  /** an aggregation's joins, each with how it was served */
  lookups?: QueryPlan['lookups']
}

/** How a read was served, for the request log. */
export interface QueryPlan {
  index: string | null
  scanned: number
  returned: number
  sort?: 'index' | 'memory'
  warning?: string
  /** an aggregation's $lookup stages: how each joined collection was read */
  lookups?: (QueryPlan & { collection: string; query: unknown })[]
}

export interface FindOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Doc
}

export interface ModifyOptions {
  /** true: `data` is an operator update (deep merge); false: `data` replaces the document */
  merge: boolean
  multi: boolean
  upsert: boolean
}

interface Collection {
  name: string
  table: string
  indexes: IndexSpec[]
  /** indexed paths under which no document has stored an array: safe to push down */
  pushable: Set<string>
  /** per indexed path: the kinds of values ever stored there (sort pushdown needs one kind) */
  keyClasses: Map<string, Set<KeyClass>>
  count: number
  stmt: {
    get: Database.Statement
    insert: Database.Statement
    update: Database.Statement
    remove: Database.Statement
  }
  selects: Map<string, { stmt: Database.Statement; index: string | null; sort?: 'index' | 'memory' }>
  /** per unique index: SELECT id … WHERE <its key> = ? (transactional writes check uniqueness up front) */
  uniqueLookups: Map<string, Database.Statement>
}

interface Write {
  coll: Collection
  id: string
  before: string | null
  after: string | null
  afterDoc?: Doc
}

const MAX_DOC_BYTES = 16 * 1024 * 1024
const QUERY_OPTIONS = { scriptEnabled: false }
const ALL = new Query({}, QUERY_OPTIONS)

export class DocumentStore implements AdminStore {
  private readonly db: Database.Database
  private readonly colls = new Map<string, Collection>()
  private readonly declared: DeclaredCollections
  private readonly txns: Transactions
  private readonly maxBytes: number
  private readonly scanWarning: number
  readonly now: () => Date
  private idCounter = 0
  private readonly queryLog: QueryLogEntry[] = []
  private queriesTotal = 0

  constructor(opts: StoreOptions) {
    this.now = opts.now
    this.maxBytes = Math.min(opts.maxDocumentBytes ?? 512 * 1024, MAX_DOC_BYTES)
    this.scanWarning = opts.scanWarningThreshold ?? 1000
    this.declared = readCollectionsFile(opts.collectionsFile)
    this.txns = new Transactions(opts.now)
    let file = ':memory:'
    if (opts.dataDir) {
      fs.mkdirSync(opts.dataDir, { recursive: true })
      file = path.join(opts.dataDir, 'database.sqlite')
    }
    this.db = new Database(file)
    this.db.function('key_class', { deterministic: true }, (type, value, dateType) =>
      sqlKeyClass(type as string | null, value, dateType as string | null),
    )
    // WAL + NORMAL: a committed transaction survives the process being killed (not an OS crash / power loss).
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    // freed space is zeroed: purged health text must not linger in the file (a rewritten row's old version included)
    this.db.pragma('secure_delete = ON')
    this.db.exec(`CREATE TABLE IF NOT EXISTS _collections (name TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS _multikey (collection TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (collection, path));
      CREATE TABLE IF NOT EXISTS _keyclasses (collection TEXT NOT NULL, path TEXT NOT NULL, class TEXT NOT NULL,
        PRIMARY KEY (collection, path, class))`)
    for (const { name } of this.db.prepare('SELECT name FROM _collections').all() as { name: string }[])
      this.attach(name)
    for (const name of this.declared.keys()) this.createCollection(name, true)
  }

  /** The last 1000 database calls, oldest first (tests assert index use through it; the console shows it). */
  recentQueries(): QueryLogEntry[] {
    return [...this.queryLog]
  }

  /** How many calls were ever logged (entries beyond the last 1000 are dropped from `recentQueries`). */
  queriesLogged(): number {
    return this.queriesTotal
  }

  logQuery(entry: QueryLogEntry): void {
    this.queriesTotal++
    this.queryLog.push(entry)
    if (this.queryLog.length > 1000) this.queryLog.splice(0, this.queryLog.length - 1000)
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  // ---- collections -------------------------------------------------------------------------------------------

  createCollection(name: unknown, ifMissing = false): void {
    assertCollectionName(name)
    if (this.colls.has(name)) {
      if (ifMissing) return
      throw new WireError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
    }
    this.db.transaction(() => {
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS "${tableOf(name)}" (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`,
      )
      this.db.prepare('INSERT OR IGNORE INTO _collections (name) VALUES (?)').run(name)
    })()
    this.attach(name)
  }

  dropCollection(name: string): boolean {
    const coll = this.colls.get(name)
    if (!coll) return false
    this.db.transaction(() => {
      this.db.exec(`DROP TABLE "${coll.table}"`)
      this.db.prepare('DELETE FROM _collections WHERE name = ?').run(name)
      this.db.prepare('DELETE FROM _multikey WHERE collection = ?').run(name)
      this.db.prepare('DELETE FROM _keyclasses WHERE collection = ?').run(name)
    })()
    this.colls.delete(name)
    return true
  }

  collectionNames(): string[] {
    return [...this.colls.keys()].sort()
  }

  collectionInfo(name: string): { name: string; count: number; indexes: string[] } {
    const c = this.need(name)
    return { name, count: c.count, indexes: c.indexes.map((i) => i.name) }
  }

  /** Opens an existing table: syncs its declared indexes, prepares statements, counts rows. */
  private attach(name: string): void {
    const table = tableOf(name)
    const indexes = this.declared.get(name) ?? []
    this.syncIndexes(name, table, indexes)
    const multikey = new Set(
      (
        this.db.prepare('SELECT path FROM _multikey WHERE collection = ?').all(name) as { path: string }[]
      ).map((r) => r.path),
    )
    const paths = new Set(indexes.flatMap((i) => i.keys.map(([p]) => p)))
    const pushable = new Set([...paths].filter((p) => !multikey.has(p)))
    const keyClasses = new Map([...paths].map((p) => [p, new Set<KeyClass>()]))
    for (const r of this.db.prepare('SELECT path, class FROM _keyclasses WHERE collection = ?').all(name) as {
      path: string
      class: KeyClass
    }[])
      keyClasses.get(r.path)?.add(r.class)
    this.colls.set(name, {
      name,
      table,
      indexes,
      pushable,
      keyClasses,
      count: (this.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n,
      stmt: {
        get: this.db.prepare(`SELECT doc FROM "${table}" WHERE id = ?`).pluck(),
        insert: this.db.prepare(`INSERT INTO "${table}" (id, doc) VALUES (?, ?)`),
        update: this.db.prepare(`UPDATE "${table}" SET doc = ? WHERE id = ?`),
        remove: this.db.prepare(`DELETE FROM "${table}" WHERE id = ?`),
      },
      selects: new Map(),
      uniqueLookups: new Map(),
    })
  }

  private syncIndexes(name: string, table: string, specs: IndexSpec[]): void {
    const existing = new Map(
      (
        this.db
          .prepare(
            `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`,
          )
          .all(table) as { name: string; sql: string }[]
      ).map((r) => [r.name, r.sql]),
    )
    const wanted = new Map(specs.map((s) => [sqliteIndexName(table, s), s]))
    for (const ixName of existing.keys()) if (!wanted.has(ixName)) this.db.exec(`DROP INDEX "${ixName}"`)
    for (const [ixName, spec] of wanted) {
      const ddl = indexDdl(table, spec)
      if (existing.get(ixName) === ddl) continue
      if (existing.has(ixName)) this.db.exec(`DROP INDEX "${ixName}"`)
      try {
        this.db.exec(ddl)
      } catch (err) {
        throw new Error(`cannot build index ${spec.name} on ${name}: ${(err as Error).message}`)
      }
      // Paths that already hold arrays somewhere cannot be pushed down (equality there means array-contains).
      for (const [p] of spec.keys) {
        const prefixes = p.split('.').map((_, i, segs) => segs.slice(0, i + 1).join('.'))
        const hit = prefixes.some((pre) =>
          this.db
            .prepare(`SELECT 1 FROM "${table}" WHERE json_type(doc, ?) = 'array' LIMIT 1`)
            .get(jsonPath(pre)),
        )
        if (hit)
          this.db.prepare('INSERT OR IGNORE INTO _multikey (collection, path) VALUES (?, ?)').run(name, p)
        // The kinds of values already stored (also how data folders from before the class tracking catch up:
        // the key expression changed with it, so every index is rebuilt once).
        const jp = jsonPath(p)
        const classes = this.db
          .prepare(
            `SELECT DISTINCT key_class(json_type(doc, ?), json_extract(doc, ?), json_type(doc, ?)) FROM "${table}"`,
          )
          .pluck()
          .all(jp, jp, `${jp}."$date"`) as string[]
        const record = this.db.prepare(
          'INSERT OR IGNORE INTO _keyclasses (collection, path, class) VALUES (?, ?, ?)',
        )
        for (const c of classes) record.run(name, p, c)
      }
    }
  }

  private need(name: unknown): Collection {
    assertCollectionName(name)
    const c = this.colls.get(name)
    if (!c) throw new WireError('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`)
    return c
  }

  // ---- reads -------------------------------------------------------------------------------------------------

  find(
    collection: string,
    criteria: Doc,
    opts: FindOptions = {},
    txnId?: string,
  ): { list: string[]; plan: QueryPlan } {
    const coll = this.need(collection)
    if (txnId !== undefined) throw whereInTransaction()
    const offset = opts.offset ?? 0
    const limit = opts.limit ?? 100
    const empty = Object.keys(criteria).length === 0
    const sorted = opts.order && Object.keys(opts.order).length > 0 ? opts.order : undefined
    const { rows, index, ordered, sort, exact } = this.select(coll, criteria, sorted)
    const inMemory = sorted && !ordered
    // rows the SQL filtered exactly, in their final order and returned whole, need not be parsed here at all
    const asStored = (exact || empty) && !inMemory && !opts.projection
    let query: ReturnType<typeof compileQuery> | null = null
    try {
      if (!empty && !asStored) query = compileQuery(criteria)
    } catch (e) {
      rows.return?.() // frees the connection for the next statement
      throw e
    }
    let scanned = 0
    let matched: { doc: Doc | null; text: string; r: number }[] = []
    let skip = inMemory ? 0 : offset
    for (const row of rows) {
      scanned++
      const doc = asStored ? null : decodeDoc(row.doc)
      if (query && !matches(query, doc as Doc)) continue
      if (skip > 0) {
        skip--
        continue
      }
      matched.push({ doc, text: row.doc, r: row.r })
      if (!inMemory && matched.length >= limit) break // rows come in the final order: stop once the page is full
    }
    if (inMemory) {
      const texts = new Map(matched.map((m) => [m.doc, m.text]))
      // mingo's sort is stable: ties keep the natural (rowid) order, as the index path's rowid tiebreak does
      matched.sort((a, b) => a.r - b.r)
      const docs = ALL.find<Doc>(matched.map((m) => m.doc as Doc))
        .sort(sorted)
        .skip(offset)
        .limit(limit)
        .all()
      matched = docs.map((doc) => ({ doc, text: texts.get(doc) ?? encodeDoc(doc), r: 0 }))
    }
    const list = opts.projection
      ? project(
          matched.map((m) => m.doc as Doc),
          opts.projection,
        )
      : matched.map((m) => m.text)
    const plan = this.plan(coll, index, scanned, list.length, !empty || Boolean(sorted))
    return { list, plan: sort ? { ...plan, sort } : plan }
  }

  /** A single document by id, as the transaction (if any) sees it. */
  findById(
    collection: string,
    id: unknown,
    projection?: Doc,
    txnId?: string,
  ): { list: string[]; plan: QueryPlan } {
    const coll = this.need(collection)
    if (typeof id !== 'string') return { list: [], plan: { index: '_id', scanned: 0, returned: 0 } }
    const text = txnId !== undefined ? this.txnRead(this.txns.get(txnId), coll, id) : this.row(coll, id)
    const list = text === null ? [] : projection ? project([decodeDoc(text)], projection) : [text]
    return { list, plan: { index: '_id', scanned: text === null ? 0 : 1, returned: list.length } }
  }

  count(collection: string, criteria: Doc): { total: number; plan: QueryPlan } {
    const coll = this.need(collection)
    if (Object.keys(criteria).length === 0)
      return { total: coll.count, plan: { index: null, scanned: 0, returned: 0 } }
    const query = compileQuery(criteria)
    const pd = this.pushdown(coll, criteria)
    if (pd.exact && pd.where) {
      // the SQL keeps exactly what mingo would accept: count index entries, read no document
      const countOf = ({ sql, params }: { sql: string; params: unknown[] }) => {
        const where = sql ? ` WHERE ${sql}` : ''
        const entry = this.prepared(coll, `SELECT count(*) FROM "${coll.table}"${where}`, {
          where: sql,
          params,
        })
        return { n: entry.stmt.pluck().get(...params) as number, index: entry.index }
      }
      // a $ne needs each candidate's document; counting around it needs the index entries only
      const c = pd.complement
      const all = countOf(c ? c.without : { sql: pd.where, params: pd.params })
      const total = c ? all.n - countOf(c.equal).n : all.n
      return { total, plan: this.plan(coll, all.index, 0, 0, true) }
    }
    const { rows, index } = this.select(coll, criteria)
    let scanned = 0
    let total = 0
    for (const row of rows) {
      scanned++
      if (matches(query, decodeDoc(row.doc))) total++
    }
    return { total, plan: this.plan(coll, index, scanned, 0, true) }
  }

  aggregate(collection: string, pipeline: Doc[]): { list: string[]; plan: QueryPlan } {
    const coll = this.need(collection)
    const writing = pipeline.find((stage) => '$out' in stage || '$merge' in stage)
    if (writing) {
      throw new WireError(
        'DATABASE_INVALID_OPERRATOR',
        `${Object.keys(writing)[0]} is not supported in aggregate()`,
      )
    }
    // A leading $match selects the input rows, through the indexes like a query.
    const first = pipeline[0]
    const criteria: Doc = first && isPlainObject(first.$match) ? first.$match : {}
    const query = compileQuery(criteria)
    // A $sort right after it, bounded by the $skip/$limit that follow, reads only the leading rows in index order.
    const rest = criteria === first?.$match ? pipeline.slice(1) : pipeline
    const sortStage = isPlainObject(rest[0]?.$sort) ? (rest[0].$sort as Record<string, 1 | -1>) : undefined
    const bound = sortStage ? leadingRows(rest.slice(1)) : Infinity
    const { rows, index, ordered, sort } = this.select(
      coll,
      criteria,
      bound < Infinity ? sortStage : undefined,
    )
    const input: { doc: Doc; r: number }[] = []
    let scanned = 0
    for (const row of rows) {
      if (ordered && input.length >= bound) break
      scanned++
      const doc = decodeDoc(row.doc)
      if (matches(query, doc)) input.push({ doc, r: row.r })
    }
    // mingo's $sort is stable: ties keep the natural (rowid) order whichever index read the rows
    if (sortStage && !ordered) input.sort((a, b) => a.r - b.r)
    let out: Doc[] = input.map((i) => i.doc)
    const lookups: NonNullable<QueryPlan['lookups']> = []
    try {
      // Run segment by segment: each top-level $lookup gets only the foreign rows it can match (through the
      // indexes), as a database would, instead of every row of the joined collection.
      let segment: Doc[] = []
      const flush = (resolve: (name: string) => Doc[]) => {
        if (segment.length === 0) return
        const agg = new Aggregator(segment, { ...QUERY_OPTIONS, collectionResolver: resolve })
        out = agg.run(out) as Doc[]
        segment = []
      }
      const everything = (name: string) => this.allDocs(this.need(name))
      for (const stage of rest) {
        if (!isPlainObject(stage.$lookup)) {
          segment.push(stage)
          continue
        }
        flush(everything)
        const lookup = stage.$lookup as Doc
        const pre = this.lookupCandidates(lookup, out)
        if (pre?.plan) lookups.push(pre.plan)
        else if (!pre && typeof lookup.from === 'string') {
          const joined = this.need(lookup.from)
          lookups.push({
            ...this.plan(joined, null, joined.count, 0, true),
            collection: joined.name,
            query: null,
          })
        }
        if (pre?.counted) {
          // a counted sub-pipeline: every input row gets the count, as $count gives it (no row when 0)
          const { field, total } = pre.counted
          for (const doc of out) doc[lookup.as as string] = total > 0 ? [{ [field]: total }] : []
          continue
        }
        segment.push(stage)
        flush((name) => (pre && name === lookup.from ? pre.docs : everything(name)))
        // mingo leaves a hole per unmatched element of an array localField; MongoDB lists only matches
        if (typeof lookup.as === 'string' && !lookup.as.includes('.'))
          for (const doc of out) {
            const joined = doc[lookup.as]
            if (Array.isArray(joined)) doc[lookup.as] = joined.filter((d) => isPlainObject(d))
          }
      }
      flush(everything)
    } catch (err) {
      throw operatorError(err)
    }
    const list = out.map(encodeDoc)
    const base = this.plan(coll, index, scanned, list.length, Object.keys(criteria).length > 0)
    const plan: QueryPlan = sortStage ? { ...base, sort: sort ?? 'memory' } : base
    return { list, plan: lookups.length ? { ...plan, lookups } : plan }
  }

  /**
   * The rows of a $lookup's collection that can match, or null (then every row): for an equality join, those
   * whose foreignField holds one of the input's scalar localField values; for an uncorrelated sub-pipeline (no
   * `let`), those its leading $match selects — only the leading rows when a $sort an index serves and a $limit
   * follow it, and no row at all for `[$match, $count]` (counted like count(), the result in `counted`).
   * Matching itself stays mingo's.
   */
  private lookupCandidates(
    lookup: Doc,
    input: Doc[],
  ): {
    docs: Doc[]
    counted?: { field: string; total: number }
    plan?: QueryPlan & { collection: string; query: unknown }
  } | null {
    if (typeof lookup.from !== 'string') return null
    if (input.length === 0) return { docs: [] } // nothing to join: nothing read
    let criteria: Doc
    let rest: Doc[] = []
    if (
      typeof lookup.localField === 'string' &&
      typeof lookup.foreignField === 'string' &&
      !lookup.pipeline
    ) {
      const values: unknown[] = []
      for (const doc of input) {
        const v = valueAt(doc, lookup.localField)
        for (const x of Array.isArray(v) ? v : [v]) {
          if (typeof x !== 'string' && typeof x !== 'number') return null // null/missing match missing fields
          values.push(x)
        }
      }
      // empty local arrays (e.g. no delegations) join nothing: nothing read, rather than a scan for `$in: []`
      if (values.length === 0) return { docs: [] }
      criteria = { [lookup.foreignField]: { $in: [...new Set(values)] } }
    } else if (Array.isArray(lookup.pipeline) && !lookup.let && isPlainObject(lookup.pipeline[0]?.$match)) {
      criteria = lookup.pipeline[0].$match as Doc
      if (JSON.stringify(criteria).includes('"$expr"')) return null
      rest = (lookup.pipeline as Doc[]).slice(1)
    } else return null
    const coll = this.need(lookup.from)
    const countField = rest.length === 1 ? rest[0].$count : undefined
    if (typeof countField === 'string' && typeof lookup.as === 'string' && !lookup.as.includes('.')) {
      const { total, plan } = this.count(coll.name, criteria)
      return {
        docs: [],
        counted: { field: countField, total },
        plan: { ...plan, collection: coll.name, query: criteria },
      }
    }
    const query = compileQuery(criteria)
    const docs: Doc[] = []
    const sortStage = isPlainObject(rest[0]?.$sort) ? (rest[0].$sort as Record<string, 1 | -1>) : undefined
    const bound = sortStage ? leadingRows(rest.slice(1)) : Infinity
    const { rows, index, ordered, sort } = this.select(
      coll,
      criteria,
      bound < Infinity ? sortStage : undefined,
    )
    let scanned = 0
    for (const row of rows) {
      if (ordered && docs.length >= bound) break
      scanned++
      const doc = decodeDoc(row.doc)
      if (matches(query, doc)) docs.push(doc)
    }
    const plan = this.plan(coll, index, scanned, docs.length, true)
    return { docs, plan: { ...plan, ...(sort ? { sort } : {}), collection: coll.name, query: criteria } }
  }

  private allDocs(coll: Collection): Doc[] {
    return (this.db.prepare(`SELECT doc FROM "${coll.table}"`).pluck().all() as string[]).map(decodeDoc)
  }

  private row(coll: Collection, id: string): string | null {
    return (coll.stmt.get.get(id) as string | undefined) ?? null
  }

  /**
   * Candidate rows: every row, or those the pushed-down SQL predicates keep. With an `order` an index serves (see
   * `planOrder`), the rows come in mingo's order (`ordered`); `sort` says whether SQLite still sorted them all.
   */
  private select(
    coll: Collection,
    criteria: Doc,
    order?: Record<string, 1 | -1>,
  ): {
    rows: IterableIterator<{ r: number; id: string; doc: string }>
    index: string | null
    ordered: boolean
    sort?: 'index' | 'memory'
    /** the SQL keeps exactly the rows the criteria accept */
    exact: boolean
  } {
    const pd = this.pushdown(coll, criteria)
    const sortable = (p: string) => coll.pushable.has(p) && sortsLikeBson(coll.keyClasses.get(p) ?? new Set())
    const orderBy = order ? planOrder(Object.entries(order), pd.pinned, coll.indexes, sortable) : null
    const sql =
      `SELECT rowid AS r, id, doc FROM "${coll.table}"` +
      (pd.where ? ` WHERE ${pd.where}` : '') +
      (orderBy ? ` ORDER BY ${orderBy}` : '')
    const entry = this.prepared(coll, sql, pd, orderBy)
    return {
      rows: entry.stmt.iterate(...pd.params) as IterableIterator<{ r: number; id: string; doc: string }>,
      index: entry.index,
      ordered: orderBy !== null,
      sort: order ? (entry.sort ?? 'memory') : undefined,
      exact: pd.exact && pd.where !== '',
    }
  }

  /** A cached statement and how SQLite runs it (which index; whether it sorts every row for the ORDER BY). */
  private prepared(
    coll: Collection,
    sql: string,
    pd: { where: string; params: unknown[] },
    orderBy: string | null = null,
  ): { stmt: Database.Statement; index: string | null; sort?: 'index' | 'memory' } {
    let entry = coll.selects.get(sql)
    if (!entry) {
      if (coll.selects.size > 500) coll.selects.clear()
      const details = pd.where || orderBy ? this.queryPlan(sql, pd.params) : []
      entry = {
        stmt: this.db.prepare(sql),
        index: this.indexUsed(coll, details),
        // SQLite sorting every candidate itself is no index order, only a faster memory sort
        sort: orderBy
          ? details.some((d) => /TEMP B-TREE FOR ORDER BY/.test(d))
            ? 'memory'
            : 'index'
          : undefined,
      }
      coll.selects.set(sql, entry)
    }
    return entry
  }

  private pushdown(coll: Collection, criteria: Doc): ReturnType<typeof planPushdown> {
    return planPushdown(criteria, coll.pushable, (p) =>
      plainClasses(coll.keyClasses.get(p) ?? new Set(['other'])),
    )
  }

  private queryPlan(sql: string, params: unknown[]): string[] {
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
      (r) => r.detail,
    )
  }

  /** Which index SQLite's planner picked, by its declared name ('_id' for the primary key). */
  private indexUsed(coll: Collection, details: string[]): string | null {
    for (const d of details) {
      if (/PRIMARY KEY|sqlite_autoindex/.test(d)) return '_id'
      const m = d.match(/USING (?:COVERING )?INDEX "?([^\s"]+)"?/)
      if (m) return m[1].startsWith(`${coll.table}__`) ? m[1].slice(coll.table.length + 2) : m[1]
    }
    return null
  }

  private plan(
    coll: Collection,
    index: string | null,
    scanned: number,
    returned: number,
    selective: boolean,
  ): QueryPlan {
    const plan: QueryPlan = { index, scanned, returned }
    if (!index && selective && coll.count > this.scanWarning) {
      plan.warning = `no declared index serves this query on ${coll.name} (${coll.count} documents, ${scanned} scanned); CloudBase would scan the collection`
    }
    return plan
  }

  // ---- writes ------------------------------------------------------------------------------------------------

  insert(collection: string, docs: Doc[], txnId?: string): string[] {
    const coll = this.need(collection)
    if (!docs.length) throw new WireError('INVALID_PARAM', 'nothing to insert')
    const prepared = docs.map((doc) => {
      if (!isPlainObject(doc)) throw new WireError('INVALID_PARAM', 'each document must be an object')
      const full = this.withId(doc)
      return { id: full._id, doc: full, text: this.encode(full) }
    })
    const ids = prepared.map((p) => p.id)
    if (new Set(ids).size !== ids.length)
      throw duplicate(
        coll.name,
        '_id',
        ids.find((id, i) => ids.indexOf(id) !== i)!,
      )
    if (txnId !== undefined) {
      const txn = this.txns.get(txnId)
      for (const p of prepared) {
        if (this.txnRead(txn, coll, p.id) !== null) throw duplicate(coll.name, '_id', p.id)
      }
      for (const p of prepared) this.txnWrite(txn, coll, p.id, p.text)
      return ids
    }
    this.apply(prepared.map((p) => ({ coll, id: p.id, before: null, after: p.text, afterDoc: p.doc })))
    return ids
  }

  /** Update (merge) or replace documents; a `DOC` query is `{_id}`. Returns how many changed and an upserted id. */
  modify(
    collection: string,
    criteria: Doc,
    byId: boolean,
    data: Doc,
    opts: ModifyOptions,
    txnId?: string,
  ): { updated: number; upsertId?: string; plan: QueryPlan } {
    const coll = this.need(collection)
    const ops = opts.merge ? toOperatorUpdate(data) : null
    if (!ops && Object.keys(data).some((k) => k.startsWith('$'))) {
      throw new WireError('INVALID_PARAM', 'a replacement document cannot contain update operators')
    }
    const change = (id: string, before: string | null): { text: string; doc: Doc } | null => {
      let doc: Doc
      if (ops) {
        if (before === null) return null
        doc = decodeDoc(before)
        applyOperatorUpdate(doc, ops)
      } else {
        if (data._id !== undefined && data._id !== id)
          throw new WireError('INVALID_PARAM', 'cannot change _id')
        doc = { _id: id, ...data }
      }
      const text = this.encode(doc)
      return text === before ? null : { text, doc }
    }

    if (txnId !== undefined) {
      if (!byId) throw whereInTransaction()
      const txn = this.txns.get(txnId)
      const id = stringId(criteria)
      const before = this.txnRead(txn, coll, id)
      if (before === null && !(opts.upsert && !ops)) return { updated: 0, plan: idPlan(0) }
      const next = change(id, before)
      if (!next) return { updated: 0, plan: idPlan(1) }
      this.txnWrite(txn, coll, id, next.text)
      return before === null ? { updated: 0, upsertId: id, plan: idPlan(0) } : { updated: 1, plan: idPlan(1) }
    }

    const { targets, plan } = byId ? this.byId(coll, criteria) : this.matching(coll, criteria, opts.multi)
    const writes: Write[] = []
    for (const t of targets) {
      const next = change(t.id, t.text)
      if (next) writes.push({ coll, id: t.id, before: t.text, after: next.text, afterDoc: next.doc })
    }
    if (!targets.length && byId && opts.upsert && !ops) {
      const id = stringId(criteria)
      const next = change(id, null)!
      this.apply([{ coll, id, before: null, after: next.text, afterDoc: next.doc }])
      return { updated: 0, upsertId: id, plan }
    }
    this.apply(writes)
    return { updated: writes.length, plan }
  }

  remove(
    collection: string,
    criteria: Doc,
    byId: boolean,
    multi: boolean,
    txnId?: string,
  ): { deleted: number; plan: QueryPlan } {
    const coll = this.need(collection)
    if (txnId !== undefined) {
      if (!byId) throw whereInTransaction()
      const txn = this.txns.get(txnId)
      const id = stringId(criteria)
      if (this.txnRead(txn, coll, id) === null) return { deleted: 0, plan: idPlan(0) }
      this.txnWrite(txn, coll, id, null)
      return { deleted: 1, plan: idPlan(1) }
    }
    const { targets, plan } = byId ? this.byId(coll, criteria) : this.matching(coll, criteria, multi)
    this.apply(targets.map((t) => ({ coll, id: t.id, before: t.text, after: null })))
    return { deleted: targets.length, plan }
  }

  private byId(
    coll: Collection,
    criteria: Doc,
  ): { targets: { id: string; text: string }[]; plan: QueryPlan } {
    const id = criteria._id
    const text = typeof id === 'string' ? this.row(coll, id) : null
    return { targets: text === null ? [] : [{ id: id as string, text }], plan: idPlan(text === null ? 0 : 1) }
  }

  private matching(
    coll: Collection,
    criteria: Doc,
    multi: boolean,
  ): { targets: { id: string; text: string }[]; plan: QueryPlan } {
    const query = compileQuery(criteria)
    const empty = Object.keys(criteria).length === 0
    const { rows, index } = this.select(coll, criteria)
    const targets: { id: string; text: string }[] = []
    let scanned = 0
    for (const row of rows) {
      scanned++
      if (!empty && !matches(query, decodeDoc(row.doc))) continue
      targets.push({ id: row.id, text: row.doc })
      if (!multi) break
    }
    return { targets, plan: this.plan(coll, index, scanned, targets.length, !empty) }
  }

  /** Commits writes atomically (one SQLite transaction): all or nothing. */
  private apply(writes: Write[]): void {
    if (!writes.length) return
    const newlyMultikey: { coll: Collection; path: string }[] = []
    const newClasses: { coll: Collection; path: string; cls: KeyClass }[] = []
    try {
      this.db.transaction(() => {
        for (const w of writes) {
          if (w.after === null) w.coll.stmt.remove.run(w.id)
          else if (w.before === null) w.coll.stmt.insert.run(w.id, w.after)
          else w.coll.stmt.update.run(w.after, w.id)
          if (w.after !== null && w.coll.keyClasses.size) {
            const doc = w.afterDoc ?? decodeDoc(w.after)
            for (const [p, seen] of w.coll.keyClasses) {
              const cls = keyClass(doc, p)
              if (seen.has(cls) || newClasses.some((n) => n.coll === w.coll && n.path === p && n.cls === cls))
                continue
              this.db
                .prepare('INSERT OR IGNORE INTO _keyclasses (collection, path, class) VALUES (?, ?, ?)')
                .run(w.coll.name, p, cls)
              newClasses.push({ coll: w.coll, path: p, cls })
            }
            for (const p of w.coll.pushable) {
              if (!pathHitsArray(doc, p)) continue
              this.db
                .prepare('INSERT OR IGNORE INTO _multikey (collection, path) VALUES (?, ?)')
                .run(w.coll.name, p)
              newlyMultikey.push({ coll: w.coll, path: p })
            }
          }
        }
      })()
    } catch (err) {
      throw sqliteWriteError(err, writes[0].coll)
    }
    for (const { coll, path: p } of newlyMultikey) {
      coll.pushable.delete(p)
      coll.selects.clear()
    }
    for (const { coll, path: p, cls } of newClasses) coll.keyClasses.get(p)!.add(cls)
    for (const w of writes) w.coll.count += (w.after !== null ? 1 : 0) - (w.before !== null ? 1 : 0)
    this.txns.recordCommitted(writes.map((w) => ({ key: docKey(w.coll.name, w.id), before: w.before })))
  }

  private encode(doc: Doc): string {
    let text: string
    try {
      text = encodeDoc(doc)
    } catch (err) {
      throw new WireError('INVALID_PARAM', `document cannot be stored: ${(err as Error).message}`)
    }
    const bytes = Buffer.byteLength(text)
    if (bytes > this.maxBytes) {
      throw new WireError(
        'DATABASE_REQUEST_FAILED',
        `document too large: ${bytes} bytes, the limit is ${this.maxBytes} bytes`,
      )
    }
    return text
  }

  /** Time-ordered 32-hex ids (CloudBase's look alike), so inserts append to the primary-key B-tree. */
  private newId(): string {
    this.idCounter = (this.idCounter + 1) % 0xffffff
    return (
      Date.now().toString(16).padStart(12, '0') +
      this.idCounter.toString(16).padStart(6, '0') +
      randomBytes(7).toString('hex')
    )
  }

  // ---- transactions ------------------------------------------------------------------------------------------

  startTransaction(): string {
    return this.txns.start().id
  }

  commitTransaction(txnId: unknown): void {
    const txn = this.txns.get(txnId)
    try {
      this.txns.assertCommittable(txn)
      const writes: Write[] = []
      for (const w of txn.writes.values()) {
        const coll = this.need(w.collection)
        const before = this.row(coll, w.id)
        if (before === null && w.after === null) continue
        writes.push({ coll, id: w.id, before, after: w.after })
      }
      this.apply(writes)
    } finally {
      this.txns.end(txn)
    }
  }

  abortTransaction(txnId: unknown): void {
    this.txns.end(this.txns.get(txnId))
  }

  private txnRead(txn: Txn, coll: Collection, id: string): string | null {
    return this.txns.read(txn, docKey(coll.name, id), () => this.row(coll, id))
  }

  private txnWrite(txn: Txn, coll: Collection, id: string, after: string | null): void {
    const key = docKey(coll.name, id)
    if (after !== null) this.assertUniqueInTxn(txn, coll, id, decodeDoc(after))
    this.txns.claim(txn, key)
    txn.writes.set(key, { collection: coll.name, id, after })
  }

  /**
   * A unique-index violation surfaces at the transactional write, as on MongoDB/CloudBase, not only at commit:
   * the new key is looked up among committed documents the transaction has not rewritten and among its own writes.
   */
  private assertUniqueInTxn(txn: Txn, coll: Collection, id: string, doc: Doc): void {
    for (const ix of coll.indexes) {
      if (!ix.unique) continue
      const values = ix.keys.map(([p]) => sqlKeyValue(doc, p))
      let lookup = coll.uniqueLookups.get(ix.name)
      if (!lookup) {
        const where = ix.keys.map(([p]) => `${keyExpr(p)} = ?`).join(' AND ')
        lookup = this.db.prepare(`SELECT id FROM "${coll.table}" WHERE ${where}`).pluck()
        coll.uniqueLookups.set(ix.name, lookup)
      }
      const committed = (lookup.all(...values) as string[]).filter(
        (other) => other !== id && !txn.writes.has(docKey(coll.name, other)),
      )
      const own = [...txn.writes.values()].filter(
        (w) =>
          w.collection === coll.name &&
          w.id !== id &&
          w.after !== null &&
          ix.keys.every(([p], i) => sameKey(sqlKeyValue(decodeDoc(w.after!), p), values[i])),
      )
      if (committed.length || own.length)
        throw duplicate(coll.name, ix.name, JSON.stringify(values.map(String)))
    }
  }

  // ---- whole-store operations (control API, console) ---------------------------------------------------------

  reset(data?: Record<string, unknown[]>): void {
    this.txns.clear()
    for (const name of [...this.colls.keys()]) {
      if (!this.declared.has(name)) this.dropCollection(name)
    }
    this.db.transaction(() => {
      for (const coll of this.colls.values()) this.db.exec(`DELETE FROM "${coll.table}"`)
      this.db.exec('DELETE FROM _multikey')
      this.db.exec('DELETE FROM _keyclasses')
    })()
    for (const name of [...this.colls.keys()]) this.attach(name)
    if (data) this.importData(data)
  }

  listCollections(): { name: string; count: number; indexes: string[] }[] {
    return this.collectionNames().map((name) => this.collectionInfo(name))
  }

  exportData(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {}
    for (const name of this.collectionNames()) {
      const coll = this.colls.get(name)!
      out[name] = (
        this.db.prepare(`SELECT doc FROM "${coll.table}" ORDER BY rowid`).pluck().all() as string[]
      ).map((t) => JSON.parse(t))
    }
    return out
  }

  /** EJSON documents, upserted by _id; missing collections are created. One transaction for everything. */
  importData(data: Record<string, unknown[]>): void {
    if (!isPlainObject(data))
      throw new WireError('INVALID_PARAM', 'import data must map collection names to arrays')
    for (const [name, docs] of Object.entries(data)) {
      if (!Array.isArray(docs))
        throw new WireError('INVALID_PARAM', `import data for ${name} must be an array`)
      assertCollectionName(name)
    }
    for (const name of Object.keys(data)) this.createCollection(name, true)
    const writes: Write[] = []
    for (const [name, docs] of Object.entries(data)) {
      const coll = this.need(name)
      for (const raw of docs) writes.push(this.upsertWrite(coll, fromEjsonObject(raw, this.now)))
    }
    this.apply(writes)
  }

  listDocuments(collection: string, opts: { offset?: number; limit?: number } = {}): unknown[] {
    const coll = this.need(collection)
    return (
      this.db
        .prepare(`SELECT doc FROM "${coll.table}" ORDER BY rowid LIMIT ? OFFSET ?`)
        .pluck()
        .all(opts.limit ?? 100, opts.offset ?? 0) as string[]
    ).map((t) => JSON.parse(t))
  }

  putDocument(collection: string, ejsonDoc: Record<string, unknown>): string {
    const coll = this.need(collection)
    const w = this.upsertWrite(coll, fromEjsonObject(ejsonDoc, this.now))
    this.apply([w])
    return w.id
  }

  deleteDocument(collection: string, id: string): boolean {
    return this.remove(collection, { _id: id }, true, false).deleted > 0
  }

  private upsertWrite(coll: Collection, doc: Doc): Write {
    const full = this.withId(doc)
    return { coll, id: full._id, before: this.row(coll, full._id), after: this.encode(full), afterDoc: full }
  }

  /** The document with `_id` first: its own (a non-empty string) or a generated one. */
  private withId(doc: Doc): Doc & { _id: string } {
    const id = doc._id === undefined ? this.newId() : doc._id
    if (typeof id !== 'string' || !id) throw new WireError('INVALID_PARAM', '_id must be a non-empty string')
    return { _id: id, ...doc }
  }
}

// ---- helpers -----------------------------------------------------------------------------------------------

function tableOf(name: string): string {
  return `c_${name}`
}

/** A dot path's value; undefined when a step is missing or passes through an array. */
function valueAt(doc: Doc, path: string): unknown {
  let v: unknown = doc
  for (const key of path.split('.')) {
    if (!isPlainObject(v)) return undefined
    v = (v as Doc)[key]
  }
  return v
}

/** How many leading rows of a sort the $skip/$limit stages after it keep (Infinity when unbounded). */
function leadingRows(stages: Doc[]): number {
  let skipped = 0
  for (const stage of stages) {
    if (typeof stage.$skip === 'number') skipped += stage.$skip
    else if (typeof stage.$limit === 'number') return skipped + stage.$limit
    else break
  }
  return Infinity
}

function compileQuery(criteria: Doc): Query {
  if (!isPlainObject(criteria)) throw new WireError('INVALID_PARAM', 'query must be an object')
  try {
    return new Query(criteria, QUERY_OPTIONS)
  } catch (err) {
    throw operatorError(err)
  }
}

function matches(query: Query, doc: Doc): boolean {
  try {
    return query.test(doc)
  } catch (err) {
    throw operatorError(err)
  }
}

function project(docs: Doc[], projection: Doc): string[] {
  try {
    return ALL.find<Doc>(docs, projection).all().map(encodeDoc)
  } catch (err) {
    throw new WireError('INVALID_PARAM', `invalid projection: ${(err as Error).message}`)
  }
}

function operatorError(err: unknown): WireError {
  if (err instanceof WireError) return err
  const msg = (err as Error)?.message ?? String(err)
  if (/unknown|unregistered|not supported|invalid operator/i.test(msg))
    return new WireError('DATABASE_INVALID_OPERRATOR', msg)
  return new WireError('DATABASE_REQUEST_FAILED', msg)
}

function stringId(criteria: Doc): string {
  if (typeof criteria._id !== 'string') throw new WireError('INVALID_PARAM', 'document _id must be a string')
  return criteria._id
}

function idPlan(n: number): QueryPlan {
  return { index: '_id', scanned: n, returned: n }
}

function whereInTransaction(): WireError {
  return new WireError(
    'INVALID_PARAM',
    'only single-document operations are allowed in a transaction: doc().get/set/update/remove and add',
  )
}

function duplicate(collection: string, index: string, value: string): WireError {
  return new WireError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${value}`,
  )
}

function sqliteWriteError(err: unknown, coll: Collection): Error {
  if (err instanceof WireError) return err
  const e = err as { code?: string; message?: string }
  if (e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new WireError(
      'DATABASE_DUPLICATE_WRITE',
      `E11000 duplicate key error collection: ${coll.name} index: _id`,
    )
  }
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    const ix = e.message?.match(/index '([^']+)'/)?.[1] ?? ''
    const table = ix.split('__')[0] ?? ''
    const name = ix.includes('__') ? ix.slice(table.length + 2) : ix || '_id'
    return new WireError(
      'DATABASE_DUPLICATE_WRITE',
      `E11000 duplicate key error collection: ${table.replace(/^c_/, '') || coll.name} index: ${name}`,
    )
  }
  return err as Error
}
