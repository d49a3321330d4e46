// WeChat's rules for subscribe-message field values, by the type prefix of the field key (thing1 → thing).
// Lengths count characters (code points), as WeChat does.

const DATE = String.raw`(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})`
const CLOCK = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?`
const TIME_POINT = new RegExp(`^(?:${DATE}\\s*)?${CLOCK}$`)
const DATE_POINT = new RegExp(`^${DATE}(?:\\s*${CLOCK})?$`)
const CHINESE = /^[\u3400-\u9fff]+$/u
const HAS_CHINESE = /[\u3400-\u9fff]/u

const chars = (s: string) => [...s].length

/** 24-hour formats, optionally a range joined with "~" (WeChat accepts both halves in the same format). */
function timeLike(value: string, point: RegExp): string | null {
  const parts = value.split('~').map((p) => p.trim())
  if (parts.length > 2) return 'has more than one "~"'
  for (const p of parts) {
    if (!point.test(p)) return 'is not a valid 24-hour time or date'
    const d = /(\d{4})[年\-/](\d{1,2})[月\-/](\d{1,2})/.exec(p)
    if (d && (+d[2] < 1 || +d[2] > 12 || +d[3] < 1 || +d[3] > 31)) return 'is not a valid date'
  }
  return null
}

type Rule = (value: string) => string | null

const maxLen =
  (n: number, re: RegExp, what: string): Rule =>
  (v) =>
    chars(v) > n ? `exceeds ${n} characters` : re.test(v) ? null : `must be ${what}`

export const FIELD_RULES: Record<string, Rule> = {
  thing: (v) => (chars(v) > 20 ? 'exceeds 20 characters' : null),
  number: maxLen(32, /^[+-]?\d+(\.\d+)?$/, 'a number'),
  letter: maxLen(32, /^[A-Za-z]+$/, 'letters only'),
  symbol: maxLen(5, /^[^\p{L}\p{N}\s]+$/u, 'symbols only'),
  character_string: maxLen(32, /^[\x21-\x7e]+$/, 'letters, digits and symbols'),
  phone_number: maxLen(17, /^[\d+\-\s()]+$/, 'digits, "+" and "-"'),
  car_number: maxLen(8, /^[\u3400-\u9fffA-Za-z0-9]+$/u, 'a plate number'),
  phrase: (v) =>
    chars(v) > 5 ? 'exceeds 5 characters' : CHINESE.test(v) ? null : 'must be Chinese characters only',
  name: (v) =>
    HAS_CHINESE.test(v)
      ? chars(v) > 10
        ? 'exceeds 10 Chinese characters'
        : null
      : chars(v) > 20
        ? 'exceeds 20 letters'
        : /^[A-Za-z .'-]+$/.test(v)
          ? null
          : 'must be a name',
  amount: maxLen(14, /^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/u, 'an amount'),
  time: (v) => timeLike(v, TIME_POINT),
  date: (v) => timeLike(v, DATE_POINT),
}

/** The type of a template field key: `thing12` → `thing`, `character_string3` → `character_string`. */
export function fieldType(key: string): string {
  return key.replace(/\d+$/, '')
}

/** Null when the value is acceptable, else why not. Empty values are rejected for every type. */
export function checkField(type: string, value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return 'is missing'
  const v = String(value)
  if (v.trim() === '') return 'is empty'
  const rule = FIELD_RULES[type]
  return rule ? rule(v) : `has unknown type ${type}`
}
