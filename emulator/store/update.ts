// Update operators: mingo applies them; this module first rejects what MongoDB/CloudBase reject but mingo
// would silently accept (`$inc` on a string, `$set 'a.b'` when `a` is a number, `$push` onto a non-array, …).
import { update as mingoUpdate } from 'mingo'
import { WireError } from '../wire'
import { isPlainObject, type Doc } from './ejson'

const CREATES_PATH = new Set([
  '$set',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$currentDate',
  '$setOnInsert',
])
const NUMERIC = new Set(['$inc', '$mul'])
const ARRAY_TARGET = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop'])
const SUPPORTED = new Set([...CREATES_PATH, ...ARRAY_TARGET, '$unset', '$rename'])

/** Turns the request's update data into one operator document (plain top-level fields count as `$set`). */
export function toOperatorUpdate(data: Doc): Doc {
  const out: Doc = {}
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('$')) {
      if (!SUPPORTED.has(key))
        throw new WireError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${key}`)
      if (!isPlainObject(value)) throw new WireError('INVALID_PARAM', `${key} needs an object of field paths`)
      out[key] = { ...(out[key] ?? {}), ...value }
    } else {
      out.$set = { ...(out.$set ?? {}), [key]: value }
    }
  }
  return out
}

/** Applies an operator update to `doc` (mutated) after checking it the way MongoDB would. */
export function applyOperatorUpdate(doc: Doc, update: Doc): void {
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, operand] of Object.entries(fields as Doc)) {
      if (path === '_id' || path.startsWith('_id.'))
        throw new WireError('INVALID_PARAM', 'cannot update the _id field')
      checkPath(doc, op, path, operand)
      if (op === '$rename') checkPath(doc, '$set', String(operand), undefined)
    }
  }
  for (const [op, fields] of Object.entries(update)) {
    if (op === '$setOnInsert') continue
    try {
      mingoUpdate(doc, { [op]: fields } as any)
    } catch (err) {
      throw new WireError('DATABASE_REQUEST_FAILED', `cannot apply ${op}: ${(err as Error).message}`)
    }
  }
}

function checkPath(doc: Doc, op: string, path: string, operand: unknown): void {
  if (!path || path.split('.').some((s) => s === '' || s.startsWith('$'))) {
    throw new WireError('INVALID_PARAM', `invalid field path '${path}' in ${op}`)
  }
  if (NUMERIC.has(op) && typeof operand !== 'number') {
    throw new WireError(
      'DATABASE_REQUEST_FAILED',
      `${op} needs a number for '${path}', got ${describe(operand)}`,
    )
  }
  const segments = path.split('.')
  let cur: any = doc
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i]
    const next = Array.isArray(cur)
      ? /^\d+$/.test(seg)
        ? cur[Number(seg)]
        : invalidArrayField(cur, seg, op)
      : cur[seg]
    if (next === undefined) return // the rest of the path will be created (or, for removals, nothing happens)
    if (next === null || typeof next !== 'object' || next instanceof Date || next instanceof RegExp) {
      if (!CREATES_PATH.has(op)) return
      throw new WireError(
        'DATABASE_REQUEST_FAILED',
        `cannot create field '${segments[i + 1]}' in element {${seg}: ${describe(next)}} (${op} '${path}')`,
      )
    }
    cur = next
  }
  const last = segments[segments.length - 1]
  const target = Array.isArray(cur) && !/^\d+$/.test(last) ? invalidArrayField(cur, last, op) : cur[last]
  if (target === undefined) return
  if (NUMERIC.has(op) && typeof target !== 'number') {
    throw new WireError(
      'DATABASE_REQUEST_FAILED',
      `cannot apply ${op} to '${path}': it holds ${describe(target)}`,
    )
  }
  if (ARRAY_TARGET.has(op) && !Array.isArray(target)) {
    throw new WireError(
      'DATABASE_REQUEST_FAILED',
      `cannot apply ${op} to '${path}': it holds ${describe(target)}, not an array`,
    )
  }
}

function invalidArrayField(arr: unknown[], seg: string, op: string): never {
  throw new WireError(
    'DATABASE_REQUEST_FAILED',
    `cannot use field '${seg}' inside an array (${op}); array length ${arr.length}`,
  )
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (v instanceof Date) return 'a date'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`
  return `${typeof v} ${JSON.stringify(v)}`
}
