// The hostile values, by kind. Each kind says whether a function may ever accept a payload carrying it: query
// operators, dotted keys, wrong types, huge values, non-finite numbers and impossible dates must always be refused;
// odd but well-formed text, far dates and edge numbers may pass the schema and are then the handler's to judge.

/** Query operators where a primitive belongs (NoSQL injection). */
export const OPERATORS: unknown[] = [
  { $ne: null },
  { $where: 'sleep(1000) || true' },
  { $gt: '' },
  { $regex: '.*' },
  { $in: ['m1', 'm2', 'm9'] },
  { $exists: true },
  { $elemMatch: { $ne: null } },
  { $function: { body: 'return true', args: [], lang: 'js' } },
]

/** Keys that a careless `update(input)` or `where(input)` would read as paths or operators. */
export const DOTTED_KEYS: [string, unknown][] = [
  ['a.b', 1],
  ['report.temperature', 50],
  ['status.$', 'approved'],
  ['roles.0', 'hr'],
  ['$where', 'true'],
  ['$set', { roles: ['hr'] }],
  ['__proto__', { roles: ['hr', 'operator'] }],
  ['constructor', { prototype: { isHr: true } }],
]

/** Extra fields the schema does not declare (strict objects refuse every one). */
export const EXTRA_FIELDS: [string, unknown][] = [
  ['extra', 1],
  ['companyId', 'c2'],
  ['memberId', 'm2'],
  ['status', 'approved'],
  ['roles', ['hr']],
  ['_id', 'm2'],
]

export const HUGE_STRING = 'x'.repeat(1024 * 1024)
export const HUGE_ARRAY_LENGTH = 10_000

/**
 * Text a person could paste, and whether it is broken: control characters and lone surrogate halves are refused
 * everywhere (storage, CSV and subscribe messages would alter them); the rest is odd but well-formed text.
 */
export const UNICODE: [string, boolean][] = [
  ['\uD800', true], // lone high surrogate
  ['a\uDC00b', true], // lone low surrogate
  ['\u202Egpj.exe', false], // right-to-left override
  ['\u200B', false], // zero-width space only
  ['x\u200D\u200C\uFEFFy', false], // zero-width joiner, non-joiner, BOM
  ['👩‍👩‍👧‍👦', false], // emoji ZWJ sequence
  ['nul\u0000byte', true],
  ['\u0000', true],
  ['A\u0301\u0301\u0301\u0301', false], // stacked combining marks
  ['\uFFFF\uFFFE', false],
  ['ｍ１', false], // full-width look-alike of an id
  ['line\u2028break\u2029', false], // Unicode line separators
  ['bell\u0007\u001b[2J', true], // terminal escapes
  ['next\u0085line', true], // C1 control
]

/** Numbers at the edges; JSON sends NaN and the infinities as null, the raw transport keeps them. */
export const NUMBERS: number[] = [
  -1,
  Number.NaN,
  Infinity,
  -Infinity,
  -0,
  1e308,
  5e-324,
  2 ** 53 + 2,
  1.5,
  -1e308,
]

/**
 * Dates: far past and future (well-formed; the schema takes years 1900–2099, the handler judges them), then
 * impossible or malformed ones.
 */
export const FAR_DATES = ['0001-01-01', '9999-12-31', '1900-01-01', '2099-12-31', '1970-01-01', '2100-02-28']
export const BAD_DATES = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2026-11-1',
  '+002026-11-01',
  '２０２６-11-25',
  '2026-11-25T00:00:00Z',
  '2026-11-25\u0000',
  ' 2026-11-25',
]
export const BAD_MONTHS = ['2026-13', '0000-00', '2026-1', '9999-99', '2026-11-01']

/**
 * Values of another type than `like` (never null: a field may be nullable). A null field's own type is unknown
 * (a nullable string or number): only a boolean, arrays and objects are surely wrong there.
 */
export function wrongTypes(like: unknown): unknown[] {
  if (like === null) return [true, [], {}, [like], { value: like }]
  const all: unknown[] = [1, true, 'text', [], {}, [like], { value: like }]
  return all.filter((v) => typeOf(v) !== typeOf(like))
}

export function typeOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}

export const isDateLike = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
export const isMonthLike = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}$/.test(v)
export const isInstantLike = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)
