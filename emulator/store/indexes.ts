// Declared indexes (database/collections.json) as SQLite expression indexes, and the query pushdown that uses them.
//
// Every indexed key is the SQL expression `coalesce(json_extract(doc, '$."a"."b"'), x'00')`: a missing field and
// null both become the blob x'00' (json_extract never yields a blob), so a unique index treats "missing" as null
// the way CloudBase does. Pushed-down predicates only pre-select candidate rows — mingo still decides — so each
// SQL predicate must keep every row that could match (a superset), never drop one.
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

export function keyExpr(path: string): string {
  return `coalesce(json_extract(doc, '${jsonPath(path)}'), x'00')`
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
  return EJSON.stringify(cur, { relaxed: true }) // objects, arrays, dates: their JSON text
}

export function sameKey(a: unknown, b: unknown): boolean {
  return Buffer.isBuffer(a) && Buffer.isBuffer(b) ? a.equals(b) : a === b
}

export interface Pushdown {
  /** SQL conditions joined by AND, or '' when nothing could be pushed down */
  where: string
  params: unknown[]
}

/**
 * Collects the equality/range predicates on `_id` and on indexed scalar paths from the top level of the query and
 * its `$and` branches (never from `$or`/`$nor`/`$not`, where dropping rows would be wrong).
 * `pushable` holds the indexed paths no document has ever stored an array under.
 */
export function planPushdown(criteria: Record<string, any>, pushable: Set<string>): Pushdown {
  const conds: string[] = []
  const params: unknown[] = []
  const visit = (q: Record<string, any>) => {
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(value)) value.forEach((v) => isPlainObject(v) && visit(v))
      if (key.startsWith('$')) continue
      if (key === '_id') pushField('id', value, true)
      else if (pushable.has(key)) pushField(keyExpr(key), value, false)
    }
  }
  const pushField = (expr: string, value: unknown, isId: boolean) => {
    const ops: Record<string, unknown> =
      isPlainObject(value) && Object.keys(value).every((k) => k.startsWith('$')) ? value : { $eq: value }
    for (const [op, operand] of Object.entries(ops)) {
      if (op === '$eq') {
        const p = sqlScalar(operand, isId)
        if (p !== undefined) (conds.push(`${expr} = ?`), params.push(p))
      } else if (op === '$in' && Array.isArray(operand) && operand.length) {
        const ps = operand.map((o) => sqlScalar(o, isId))
        if (ps.every((p) => p !== undefined)) {
          conds.push(`${expr} IN (${ps.map(() => '?').join(', ')})`)
          params.push(...ps)
        }
      } else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') {
        const range = sqlRange(expr, op, operand, isId)
        if (range) (conds.push(range.sql), params.push(...range.params))
      }
    }
  }
  visit(criteria)
  return { where: conds.join(' AND '), params }
}

/** A value SQLite compares the way the stored JSON compares, or undefined when that cannot be guaranteed. */
function sqlScalar(v: unknown, isId: boolean): unknown {
  if (typeof v === 'string') return v
  if (isId) return undefined
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'boolean') return v ? 1 : 0 // json_extract yields 1/0: also keeps numeric 1/0 rows, a superset
  if (v === null) return NULL_KEY
  // json_extract yields a stored date as the object's JSON text, exactly what the same serializer writes here.
  // (Equality only: bson drops ".000" from ISO strings, so texts of dates do not sort like the dates.)
  if (v instanceof Date && !Number.isNaN(v.getTime())) return EJSON.stringify(v, { relaxed: true })
  return undefined
}

// SQLite orders NULL < numbers < text < blob; Mongo compares within one type. The extra bound keeps the range
// inside its type so missing fields (x'00') are not read for `$gt`.
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
