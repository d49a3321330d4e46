// Declared indexes (database/collections.json) as SQLite expression indexes, and the query pushdown that uses them.
//
// Every indexed key is an SQL expression over the stored JSON (`keyExpr`): a missing field and null both become the
// blob x'00' (json_extract never yields a blob), so a unique index treats "missing" as null the way CloudBase
// does; a date becomes a blob of its zero-padded epoch milliseconds, so dates sort like dates (the relaxed-EJSON
// ISO text does not: bson drops ".000") and stay apart from numbers and strings. Pushed-down predicates only
// pre-select candidate rows — mingo still decides — so each SQL predicate must keep every row that could match
// (a superset), never drop one.
import fs from 'node:fs'
import { EJSON } from 'bson'
import { WireError } from '../wire'
import { isPlainObject } from './ejson'

export interface IndexSpec {
  name: string
  /** [dot path, direction] in declaration order */
  keys: [string, 1 | -1][]
  unique: boolean
}

export type DeclaredCollections = Map<string, IndexSpec[]>

const PATH_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/
const NAME_RE = /^[A-Za-z0-9_]{1,64}$/

export function readCollectionsFile(file: string | undefined): DeclaredCollections {
  const out: DeclaredCollections = new Map()
  if (!file) return out
  let json: any
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`cannot read collections file ${file}: ${(err as Error).message}`)
  }
  for (const [coll, def] of Object.entries<any>(json?.collections ?? {})) {
    const specs: IndexSpec[] = []
    for (const ix of def?.indexes ?? []) {
      const where = `${file}: collection ${coll}, index ${ix?.name}`
      if (typeof ix?.name !== 'string' || !NAME_RE.test(ix.name)) throw new Error(`${where}: bad index name`)
      const keys = Object.entries<any>(ix.keys ?? {})
      if (!keys.length) throw new Error(`${where}: no keys`)
      for (const [path, dir] of keys) {
        if (!PATH_RE.test(path) || path === '_id') throw new Error(`${where}: bad key path '${path}'`)
        if (dir !== 1 && dir !== -1) throw new Error(`${where}: key '${path}' must be 1 or -1`)
      }
      specs.push({ name: ix.name, keys: keys as [string, 1 | -1][], unique: Boolean(ix.unique) })
    }
    out.set(coll, specs)
  }
  return out
}

export function jsonPath(path: string): string {
  return (
    '$' +
    path
      .split('.')
      .map((s) => `."${s}"`)
      .join('')
  )
}

/** Added to a date's epoch milliseconds so every valid date (±8.64e15 ms) is a positive 17-digit number. */
const DATE_BIAS = 10n ** 16n

export function keyExpr(path: string): string {
  const p = jsonPath(path)
  const date = `json_extract(doc, '${p}."$date"')`
  const millis =
    `coalesce(CAST(json_extract(doc, '${p}."$date"."$numberLong"') AS INTEGER), ` +
    `CAST(round((julianday(${date}) - 2440587.5) * 86400000) AS INTEGER))`
  return (
    `CASE WHEN json_type(doc, '${p}."$date"') IS NULL THEN coalesce(json_extract(doc, '${p}'), x'00') ` +
    `ELSE CAST(printf('%017d', ${millis} + ${DATE_BIAS}) AS BLOB) END`
  )
}

/** A date as `keyExpr` indexes it (blobs sort after numbers and text, and x'00' before every date). */
export function dateKey(d: Date): Buffer {
  return Buffer.from((BigInt(d.getTime()) + DATE_BIAS).toString().padStart(17, '0'))
}

export function sqliteIndexName(table: string, spec: IndexSpec): string {
  return `${table}__${spec.name}`
}

export function indexDdl(table: string, spec: IndexSpec): string {
  const cols = spec.keys.map(([p, d]) => `${keyExpr(p)} ${d === -1 ? 'DESC' : 'ASC'}`).join(', ')
  return `CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX "${sqliteIndexName(table, spec)}" ON "${table}" (${cols})`
}

/** Does the path pass through (or end on) an array in this document? Then equality means array-contains. */
export function pathHitsArray(doc: Record<string, any>, path: string): boolean {
  let cur: any = doc
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return false
    if (Array.isArray(cur)) return true
    cur = cur[seg]
  }
  return Array.isArray(cur)
}

/** What the key expression yields for a missing or null field. */
const NULL_KEY = Buffer.from([0])

/** The value SQLite's key expression computes for this document (what a unique index compares). */
export function sqlKeyValue(doc: Record<string, any>, path: string): unknown {
  let cur: any = doc
  for (const seg of path.split('.')) {
    // json_extract finds no object key inside an array or a scalar
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || cur instanceof Date) return NULL_KEY
    cur = cur[seg]
  }
  if (cur === undefined || cur === null) return NULL_KEY
  if (typeof cur === 'string' || (typeof cur === 'number' && Number.isFinite(cur))) return cur
  if (typeof cur === 'boolean') return cur ? 1 : 0
  if (cur instanceof Date) return dateKey(cur)
  return EJSON.stringify(cur, { relaxed: true }) // objects, arrays: their JSON text
}

export function sameKey(a: unknown, b: unknown): boolean {
  return Buffer.isBuffer(a) && Buffer.isBuffer(b) ? a.equals(b) : a === b
}

export interface Pushdown {
  /** SQL conditions joined by AND, or '' when nothing could be pushed down */
  where: string
  params: unknown[]
  /** paths ('_id' included) a pushed top-level equality pins: every row mingo accepts holds the same value there */
  pinned: Set<string>
  /** the SQL keeps exactly the rows mingo accepts (a count needs no document then) */
  exact: boolean
  /**
   * With exactly one top-level `$ne` (exact plans only): the conditions without it, and those with its equality
   * instead. count(where) = count(without) − count(equal), both of which an index can count without the documents.
   */
  complement?: { without: SqlCond; equal: SqlCond }
}

interface SqlCond {
  sql: string
  params: unknown[]
}

function joinConds(conds: SqlCond[]): SqlCond {
  return { sql: conds.map((c) => c.sql).join(' AND '), params: conds.flatMap((c) => c.params) }
}

/**
 * Collects the equality/range predicates on `_id` and on indexed scalar paths from the top level of the query and
 * its `$and` branches (never from `$nor`/`$not`, where dropping rows would be wrong). An `$or` is pushed down as
 * the OR of its branches when every branch pushes something (each branch's SQL keeps a superset of its matches).
 * `pushable` holds the indexed paths no document has ever stored an array under; `plain(path)` says no document
 * stored anything but numbers, strings (below U+D800), dates and null there: then no object's JSON text can equal a
 * string operand, so string (in)equality is exact and `$ne` may be pushed down.
 */
export function planPushdown(
  criteria: Record<string, any>,
  pushable: Set<string>,
  plain: (path: string) => boolean = () => false,
): Pushdown {
  const conds: (SqlCond & { equal?: SqlCond })[] = []
  const push = (sql: string, ...params: unknown[]) => conds.push({ sql, params })
  const pinned = new Set<string>()
  let exact = true
  const visit = (q: Record<string, any>) => {
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(value)) {
        for (const v of value) {
          if (isPlainObject(v)) visit(v)
          else exact = false
        }
      } else if (key === '$or' && Array.isArray(value) && value.length) pushOr(value)
      else if (key === '_id') pushField('_id', 'id', value, true)
      else if (!key.startsWith('$') && pushable.has(key)) pushField(key, keyExpr(key), value, false)
      else exact = false
    }
  }
  const pushOr = (branches: unknown[]) => {
    const plans = branches.map((b) => (isPlainObject(b) ? planPushdown(b, pushable, plain) : null))
    if (!plans.every((p) => p?.where)) return void (exact = false)
    push(`(${plans.map((p) => `(${p!.where})`).join(' OR ')})`, ...plans.flatMap((p) => p!.params))
    if (!plans.every((p) => p!.exact)) exact = false
  }
  const pushField = (path: string, expr: string, value: unknown, isId: boolean) => {
    const ops: Record<string, unknown> =
      isPlainObject(value) && Object.keys(value).every((k) => k.startsWith('$')) ? value : { $eq: value }
    const plainPath = isId || plain(path)
    // exact: SQL equality on these keys means mingo equality (booleans and numbers share 1/0, so not those)
    const exactEq = (v: unknown) => v === null || v instanceof Date || (typeof v === 'string' && plainPath)
    if (!Object.keys(ops).length) exact = false
    for (const [op, operand] of Object.entries(ops)) {
      if (op === '$eq') {
        const p = sqlScalar(operand, isId)
        if (p !== undefined) {
          push(`${expr} = ?`, p)
          pinned.add(path)
        }
        if (p === undefined || !exactEq(operand)) exact = false
      } else if (op === '$in' && Array.isArray(operand) && operand.length) {
        const ps = operand.map((o) => sqlScalar(o, isId))
        if (ps.every((p) => p !== undefined)) {
          push(`${expr} IN (${ps.map(() => '?').join(', ')})`, ...ps)
        }
        if (!ps.every((p) => p !== undefined) || !operand.every(exactEq)) exact = false
      } else if (op === '$ne' && typeof operand === 'string' && plainPath) {
        // matches missing and null (x'00') and every other type, as $ne does
        conds.push({
          sql: `${expr} != ?`,
          params: [operand],
          equal: { sql: `${expr} = ?`, params: [operand] },
        })
      } else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') {
        const range = sqlRange(expr, op, operand, isId)
        if (range) push(range.sql, ...range.params)
        // date keys are blobs of their own: a date range keeps dates only, compared by time as mingo does
        if (!range || !(operand instanceof Date)) exact = false
      } else exact = false
    }
  }
  visit(criteria)
  const { sql: where, params } = joinConds(conds)
  const plan: Pushdown = { where, params, pinned, exact }
  const nes = conds.filter((c) => c.equal)
  if (exact && nes.length === 1) {
    const without = conds.filter((c) => !c.equal)
    plan.complement = { without: joinConds(without), equal: joinConds([...without, nes[0].equal!]) }
  }
  return plan
}

/**
 * What a stored value is, for sorting: SQLite orders the keys of one class the way BSON (and mingo) orders those
 * values, except strings with characters from U+D800 on (UTF-8 bytes vs UTF-16 units) — those count as 'other'.
 */
export type KeyClass = 'null' | 'number' | 'string' | 'date' | 'other'

export function keyClass(doc: Record<string, any>, path: string): KeyClass {
  let cur: any = doc
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || cur instanceof Date) return 'null'
    cur = cur[seg]
  }
  if (cur === undefined || cur === null) return 'null'
  if (typeof cur === 'number') return Number.isFinite(cur) ? 'number' : 'other'
  if (typeof cur === 'string') return WIDE_RE.test(cur) ? 'other' : 'string'
  if (cur instanceof Date) return 'date'
  return 'other'
}

const WIDE_RE = /[\uD800-\uFFFF]/

/** No value there but numbers, plain strings, dates and null (see `planPushdown`). */
export function plainClasses(classes: Set<KeyClass>): boolean {
  return !classes.has('other')
}

/** The same classification from SQL (json_type of the path, its value, json_type of its "$date"). */
export function sqlKeyClass(type: string | null, value: unknown, dateType: string | null): KeyClass {
  if (type === null || type === 'null') return 'null'
  if (type === 'integer' || type === 'real') return 'number'
  if (type === 'text') return WIDE_RE.test(String(value)) ? 'other' : 'string'
  if (type === 'object' && dateType !== null) return 'date'
  return 'other'
}

/**
 * Can SQLite's order of this path's keys stand for mingo's? Only within one class: all numbers, all strings, or
 * dates with missing/null (x'00' sorts before the date blobs as null does in BSON). Missing/null next to numbers
 * or strings is refused (x'00' sorts after them in SQLite, before them in BSON).
 */
export function sortsLikeBson(classes: Set<KeyClass>): boolean {
  if (classes.has('other')) return false
  const kinds = [...classes].filter((c) => c !== 'null')
  return kinds.length === 0 || (kinds.length === 1 && (kinds[0] === 'date' || !classes.has('null')))
}

/**
 * An ORDER BY that returns rows in mingo's order, or null when no index serves the order. Served: after dropping
 * pinned paths, the order's paths are consecutive keys of one index (only pinned keys before or between them),
 * directions all as declared or all reversed, `_id` only last. Ties: mingo's sort is stable over the natural
 * (rowid) order, so rowid ascending breaks them when `_id` is not in the order.
 */
export function planOrder(
  order: [string, unknown][],
  pinned: Set<string>,
  indexes: IndexSpec[],
  sortable: (path: string) => boolean,
): string | null {
  if (!order.every(([, d]) => d === 1 || d === -1)) return null // an aggregation's $sort may hold anything
  const idAt = order.findIndex(([p]) => p === '_id')
  if (idAt >= 0 && idAt !== order.length - 1) return null
  const id = idAt >= 0 && !pinned.has('_id') ? order[idAt] : null
  const rest = order.filter(([p]) => p !== '_id' && !pinned.has(p))
  if (!rest.every(([p]) => sortable(p))) return null
  const tiebreak = id ? `id ${id[1] === 1 ? 'ASC' : 'DESC'}` : 'rowid ASC'
  const cols = rest.map(([p, d]) => `${keyExpr(p)} ${d === 1 ? 'ASC' : 'DESC'}`)
  const sql = [...cols, tiebreak].join(', ')
  if (!rest.length) return id ? sql : null
  const served = indexes.some((ix) => {
    let pos = 0
    let reversed: boolean | undefined
    for (const [p, d] of rest) {
      while (pos < ix.keys.length && ix.keys[pos][0] !== p && pinned.has(ix.keys[pos][0])) pos++
      if (pos === ix.keys.length || ix.keys[pos][0] !== p) return false
      const r = d !== ix.keys[pos][1]
      if (reversed !== undefined && reversed !== r) return false
      reversed = r
      pos++
    }
    return true
  })
  return served ? sql : null
}

/** A value SQLite compares the way the stored JSON compares, or undefined when that cannot be guaranteed. */
function sqlScalar(v: unknown, isId: boolean): unknown {
  if (typeof v === 'string') return v
  if (isId) return undefined
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'boolean') return v ? 1 : 0 // json_extract yields 1/0: also keeps numeric 1/0 rows, a superset
  if (v === null) return NULL_KEY
  if (v instanceof Date && !Number.isNaN(v.getTime())) return dateKey(v)
  return undefined
}

// SQLite orders NULL < numbers < text < blob (x'00' = missing/null < dates); Mongo compares within one type. The
// extra bound keeps the range inside its type so missing fields (x'00') are not read.
function sqlRange(
  expr: string,
  op: string,
  v: unknown,
  isId: boolean,
): { sql: string; params: unknown[] } | null {
  const cmp = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op]!
  if (typeof v === 'string') {
    const bound = isId ? '' : op.startsWith('$g') ? ` AND ${expr} < x''` : ` AND ${expr} >= ''`
    return { sql: `${expr} ${cmp} ?${bound}`, params: [v] }
  }
  if (isId) return null
  if (typeof v === 'number' && Number.isFinite(v)) {
    const bound = op.startsWith('$g') ? ` AND ${expr} < ''` : ''
    return { sql: `${expr} ${cmp} ?${bound}`, params: [v] }
  }
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    const bound = op.startsWith('$g') ? '' : ` AND ${expr} > x'00'`
    return { sql: `${expr} ${cmp} ?${bound}`, params: [dateKey(v)] }
  }
  return null
}

export function assertCollectionName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name)) {
    throw new WireError(
      'INVALID_PARAM',
      `invalid collection name ${JSON.stringify(name)}: 1-64 letters, digits, '_' or '-', starting with a letter`,
    )
  }
}
