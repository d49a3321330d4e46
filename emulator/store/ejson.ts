// Conversions between the wire's EJSON strings, the stored document text and the JS values mingo works on.
import { BSONRegExp, EJSON } from 'bson'
import { WireError } from '../wire'

export type Doc = Record<string, any>

/** Parses an EJSON string from the SDK (canonical form) into JS values; bad input is the caller's fault. */
export function parseWire(text: unknown, what: string, now: () => Date): any {
  if (typeof text !== 'string') throw new WireError('INVALID_PARAM', `${what} must be an EJSON string`)
  let value: unknown
  try {
    value = EJSON.parse(text, { relaxed: true })
  } catch (err) {
    throw new WireError('INVALID_PARAM', `${what} is not valid EJSON: ${(err as Error).message}`)
  }
  // every serverDate() of one request is the same instant (its offsets apart), however long the parse takes
  const at = now()
  return normalize(value, () => at)
}

/**
 * Makes parsed EJSON usable by mingo: BSONRegExp → RegExp (mingo ignores BSONRegExp),
 * `{$tcb_server_date: {offset}}` → the emulator's current time plus offset (what `db.serverDate()` sends).
 */
export function normalize(value: any, now: () => Date): any {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new WireError('INVALID_PARAM', 'invalid date in EJSON input')
    return value
  }
  if (value instanceof RegExp) return value
  if (value instanceof BSONRegExp) return toRegExp(value.pattern, value.options)
  if (Array.isArray(value)) return value.map((v) => normalize(v, now))
  if (value._bsontype) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number(value.$tcb_server_date?.offset ?? 0)
    return new Date(now().getTime() + (Number.isFinite(offset) ? offset : 0))
  }
  const out: Doc = {}
  for (const k of keys) out[k] = normalize(value[k], now)
  return out
}

function toRegExp(pattern: string, options: string): RegExp {
  // JS knows i, m, s, u; Mongo's x (extended) has no JS equivalent and is dropped.
  const flags = [...new Set(options.split(''))].filter((f) => 'imsu'.includes(f)).join('')
  try {
    return new RegExp(pattern, flags)
  } catch (err) {
    throw new WireError('INVALID_PARAM', `invalid regular expression /${pattern}/: ${(err as Error).message}`)
  }
}

/** Stored form: relaxed EJSON text, which is also a valid answer to the SDK (it EJSON-parses list items). */
export function encodeDoc(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: true })
}

/** Most documents carry no EJSON wrappers at all: skip the reviver then (it is several times slower). */
export function decodeDoc(text: string): Doc {
  return text.includes('"$') ? (EJSON.parse(text, { relaxed: true }) as Doc) : JSON.parse(text)
}

/** An EJSON object (console, import files) into JS values. */
export function fromEjsonObject(value: unknown, now: () => Date): Doc {
  try {
    return normalize(EJSON.deserialize(value as Doc, { relaxed: true }), now)
  } catch (err) {
    throw new WireError('INVALID_PARAM', `invalid EJSON document: ${(err as Error).message}`)
  }
}

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false
  // any realm's Object.prototype (its own prototype is null), or no prototype; class instances are not plain
  const proto = Object.getPrototypeOf(v)
  return proto === null || Object.getPrototypeOf(proto) === null
}
