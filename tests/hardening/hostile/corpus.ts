// The generated corpus: every field of every action's valid base input (top level and one level down, first array
// element included) mutated by each hostile kind that fits it, plus extra and dotted keys per action. Variants
// rotate through the value lists so that every value is used somewhere while the corpus stays CI-sized.
import type { FunctionName } from '@core/api'
import { schemas } from '@core/schemas'
import type { Bases } from './bases'
import {
  BAD_DATES,
  BAD_MONTHS,
  DOTTED_KEYS,
  EXTRA_FIELDS,
  FAR_DATES,
  HUGE_ARRAY_LENGTH,
  HUGE_STRING,
  NUMBERS,
  OPERATORS,
  UNICODE,
  isDateLike,
  isInstantLike,
  isMonthLike,
  wrongTypes,
} from './values'

export type Path = (string | number)[]
export type Transport = 'json' | 'raw'

export interface Case {
  fn: FunctionName
  action: string
  as: string
  /** the event as the app would send it: `{ action, ...input }` */
  event: Record<string, unknown>
  /** json: what a real client can send (NaN → null); raw: structured clone, as `emu.invoke` passes it */
  transport: Transport
  kind: string
  label: string
  /** the payload is invalid whatever the schema says: an `ok` answer is a bug */
  mustRefuse: boolean
  /** named cases: the outcomes allowed ('OK' or a code) */
  expect?: string[]
  /** accepted, yet must change nothing (e.g. a bulk decision whose items are all someone else's) */
  readOnly?: boolean
  /** named cases: what an accepted answer's data must satisfy, and how to say it */
  check?: [string, (data: unknown) => boolean]
}

export function actionsOf(b: Bases): { fn: FunctionName; action: string }[] {
  return (Object.keys(b) as FunctionName[]).flatMap((fn) =>
    Object.keys(b[fn]).map((action) => ({ fn, action })),
  )
}

export function baseOf(
  b: Bases,
  fn: FunctionName,
  action: string,
): { input: Record<string, unknown>; as: string } {
  return (b[fn] as Record<string, { input: Record<string, unknown>; as: string }>)[action]
}

interface ZodLike {
  _zod: { def: { type: string; shape?: Record<string, ZodLike>; innerType?: ZodLike; element?: ZodLike } }
}

/** The schema of the field at `path` (null inside a free-form record, where no schema names the fields). */
function schemaAt(fn: FunctionName, action: string, path: Path): ZodLike | null {
  let s = (schemas[fn] as unknown as Record<string, ZodLike>)[action]
  for (const key of path) {
    const def = unwrap(s)._zod.def
    const next = typeof key === 'number' ? def.element : def.shape?.[key]
    if (!next) return null
    s = next
  }
  return s
}

/** Without its optional / nullable wrappers. */
function unwrap(s: ZodLike): ZodLike {
  while (s._zod.def.innerType) s = s._zod.def.innerType
  return s
}

/** Whether the schema lets `path` be left out; inside a free-form record the handler's own validation decides. */
export function isOptional(fn: FunctionName, action: string, path: Path): boolean {
  const s = schemaAt(fn, action, path)
  return !s || s._zod.def.type === 'optional'
}

/** Whether the field at `path` is a free-form record (any string keys) rather than an object of known fields. */
export function isRecord(fn: FunctionName, action: string, path: Path): boolean {
  const s = schemaAt(fn, action, path)
  return !!s && unwrap(s)._zod.def.type === 'record'
}

/**
 * Field paths worth attacking: every field down to `depth` levels (objects' fields and arrays' first elements).
 * Two levels reach each action's own fields and a report's; three reach into policy drafts and help entries.
 */
export function fieldsOf(input: unknown, depth = 2, at: Path = []): { path: Path; value: unknown }[] {
  const children: [string | number, unknown][] = Array.isArray(input)
    ? input.length > 0
      ? [[0, input[0]]]
      : []
    : isPlainObject(input)
      ? Object.entries(input)
      : []
  if (at.length >= depth) return []
  return children.flatMap(([key, value]) => [
    { path: [...at, key], value },
    ...fieldsOf(value, depth, [...at, key]),
  ])
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v)

export function withValue(
  input: Record<string, unknown>,
  path: Path,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(input)
  let at = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
  at[path[path.length - 1]] = value
  return copy
}

export function without(input: Record<string, unknown>, path: Path): Record<string, unknown> {
  const copy = structuredClone(input)
  let at = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (Array.isArray(at)) at.splice(last as number, 1)
  else delete at[last]
  return copy
}

/** Adds a key as an own property (`__proto__` included, as JSON.parse would). */
export function withKey(input: Record<string, unknown>, path: Path, key: string, value: unknown) {
  const copy = structuredClone(input)
  let at = copy as Record<string | number, unknown>
  for (const k of path) at = at[k] as Record<string | number, unknown>
  Object.defineProperty(at, key, { value, enumerable: true, configurable: true, writable: true })
  return copy
}

const show = (v: unknown): string => {
  if (typeof v === 'string')
    return v.length > 40 ? `"${v.slice(0, 12)}…" (${v.length} chars)` : JSON.stringify(v)
  if (Array.isArray(v) && v.length > 20) return `[${v.length} items]`
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v)
  if (typeof v === 'bigint') return `${v}n`
  if (v instanceof Date) return `Date(${v.getTime()})`
  if (v instanceof Map) return 'Map'
  if (ArrayBuffer.isView(v)) return v.constructor.name
  return JSON.stringify(v) ?? String(v)
}

/**
 * Fields the handler overwrites whatever is sent, so that no value there can be wrong: the version of a saved or
 * previewed policy is the server's (base version + 1, or the saved one).
 */
const IGNORED = new Set([
  'admin.savePolicy policy.version',
  'admin.preview policy.version',
  'admin.groupPreview policy.version',
])

/** Actions that only read: even an accepted payload must change nothing. */
export const READS = new Set([
  'checkin.me',
  'checkin.month',
  'makeup.slots',
  'makeup.list',
  'makeup.detail',
  'makeup.specials',
  'review.queue',
  'review.detail',
  'review.specials',
  'review.audit',
  'review.dashboard',
  'admin.me',
  'admin.members',
  'admin.member',
  'admin.departments',
  'admin.policy',
  'admin.preview',
  'admin.groupPreview',
  'admin.maintenance',
  'admin.help',
  'admin.audit',
  'admin.webhook',
  'admin.companies',
  'admin.securityLog',
  'notify.inbox',
  'privacy.status',
  'privacy.exportMine',
  'privacy.deletionRequests',
  'help.mine',
  'help.detail',
  'help.queue',
])

/** Values only the raw (structured-clone) transport can carry. */
const RAW_ONLY: unknown[] = [
  new Date(0),
  10n,
  new Map([['$ne', null]]),
  new Uint8Array(4),
  Number.NaN,
  -Infinity,
]

/**
 * The generated corpus. CI size takes one value of each list per field, rotating through the lists so that every
 * value is used somewhere; `every` (a deep run) takes every value of every list for every field.
 */
export function generate(b: Bases, every = false): Case[] {
  const cases: Case[] = []
  let turn = 0
  const pick = <T>(list: T[]): T[] => (every ? list : [list[turn++ % list.length]])
  for (const { fn, action } of actionsOf(b)) {
    const { input, as } = baseOf(b, fn, action)
    const add = (
      kind: string,
      label: string,
      payload: Record<string, unknown>,
      mustRefuse: boolean,
      transport: Transport = 'json',
    ) =>
      cases.push({
        fn,
        action,
        as,
        event: { action, ...payload },
        transport,
        kind,
        label,
        mustRefuse,
        readOnly: READS.has(`${fn}.${action}`),
      })

    for (const { path, value } of fieldsOf(input, every ? 3 : 2)) {
      const at = path.join('.')
      const mustRefuse = !IGNORED.has(`${fn}.${action} ${at}`)
      for (const wrong of pick(wrongTypes(value)))
        add('wrong type', `${at} ← ${show(wrong)}`, withValue(input, path, wrong), mustRefuse)
      for (const op of pick(OPERATORS))
        add('operator', `${at} ← ${show(op)}`, withValue(input, path, op), mustRefuse)
      // an array element left out leaves a shorter list: the schema's minimum decides
      const required = typeof path[path.length - 1] !== 'number' && !isOptional(fn, action, path)
      add('missing', `${at} left out`, without(input, path), required && mustRefuse)
      if (typeof value === 'string') {
        add('huge', `${at} ← 1 MB string`, withValue(input, path, HUGE_STRING), true)
        for (const [u, broken] of pick(UNICODE))
          add('unicode', `${at} ← ${show(u)}`, withValue(input, path, u), broken && mustRefuse)
      }
      if (Array.isArray(value)) {
        const huge = Array.from({ length: HUGE_ARRAY_LENGTH }, () => value[0] ?? 'x')
        add('huge', `${at} ← ${HUGE_ARRAY_LENGTH} items`, withValue(input, path, huge), true)
      }
      if (typeof value === 'number')
        for (const n of [...pick(NUMBERS), ...(every ? [] : pick(NUMBERS))]) {
          // JSON sends a non-finite number as null, which a nullable field takes (a policy's cap: no limit);
          // the raw transport shows that the number itself is refused
          const refuse = !Number.isFinite(n) && mustRefuse
          add('number', `${at} ← ${show(n)} (json)`, withValue(input, path, n), false)
          add('number', `${at} ← ${show(n)} (raw)`, withValue(input, path, n), refuse, 'raw')
        }
      if (isDateLike(value)) {
        for (const far of pick(FAR_DATES))
          add('far date', `${at} ← ${far}`, withValue(input, path, far), false)
        for (const bad of pick(BAD_DATES))
          add('bad date', `${at} ← ${show(bad)}`, withValue(input, path, bad), true)
      } else if (isMonthLike(value)) {
        for (const bad of pick(BAD_MONTHS))
          add('bad date', `${at} ← ${bad}`, withValue(input, path, bad), true)
      } else if (isInstantLike(value)) {
        add('far date', `${at} ← year 1`, withValue(input, path, '0001-01-01T00:00:00Z'), false)
        add('bad date', `${at} ← Feb 30`, withValue(input, path, '2026-02-30T00:00:00+08:00'), true)
      }
    }

    const declared = Object.keys(
      (schemas[fn] as unknown as Record<string, ZodLike>)[action]._zod.def.shape ?? {},
    )
    for (const [key, value] of pick(EXTRA_FIELDS.filter(([k]) => !declared.includes(k))))
      add('extra field', `+ ${key}`, withKey(input, [], key, value), true)
    for (const [key, value] of pick(DOTTED_KEYS))
      add('dotted key', `+ ${JSON.stringify(key)}`, withKey(input, [], key, value), true)
    const nested = Object.keys(input).find((k) => isPlainObject(input[k]))
    if (nested)
      for (const [key, value] of pick(DOTTED_KEYS)) {
        // a free-form record (a policy draft) drops a `__proto__` key while parsing: stripped, not refused
        const stripped = key === '__proto__' && isRecord(fn, action, [nested])
        add(
          'dotted key',
          `${nested} + ${JSON.stringify(key)}`,
          withKey(input, [nested], key, value),
          !stripped,
        )
      }
    const first = fieldsOf(input)[0]
    if (first)
      for (const raw of pick(RAW_ONLY))
        add(
          'raw value',
          `${first.path.join('.')} ← ${show(raw)} (raw)`,
          withValue(input, first.path, raw),
          true,
          'raw',
        )
  }
  return cases
}
