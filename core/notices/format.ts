// Fits a value to a subscribe-message field type, so that WeChat's rules (the same the emulator enforces) always
// pass: thing ≤ 20 characters, phrase ≤ 5 Chinese characters, name ≤ 10 Chinese / 20 letters, number / letter /
// character_string ≤ 32, symbol ≤ 5, 24-hour times and dates in Asia/Shanghai. Lengths count code points.
import type { LocalDay } from '../shared'
import { isLocalDay, shanghai } from '../calendar'

/** A field's value before formatting: text, a number, an instant, a local day, or a range of two. */
export type FieldValue = string | number | Date | readonly [string | Date, string | Date]

const CHINESE_CHAR = /[\u3400-\u9fff]/u
const ELLIPSIS = '…'

const codePoints = (s: string) => [...s]

/** Cuts to `max` code points, the last one an ellipsis when something was cut. */
export function clip(s: string, max: number, ellipsis = true): string {
  const cps = codePoints(s)
  if (cps.length <= max) return s
  return ellipsis ? cps.slice(0, max - 1).join('') + ELLIPSIS : cps.slice(0, max).join('')
}

const keep = (s: string, allowed: RegExp) =>
  codePoints(s)
    .filter((c) => allowed.test(c))
    .join('')

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim()

/** Status words (request and special-handling states, decisions) as phrases of at most 5 Chinese characters. */
export const STATUS_PHRASES: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  autoApproved: '已通过',
  rejected: '已驳回',
  returned: '已退回',
  withdrawn: '已撤回',
  revoked: '已撤销',
  revoke: '已撤销',
  granted: '已批准',
  denied: '未批准',
  declined: '未批准',
  approve: '已通过',
  reject: '已驳回',
  return: '已退回',
  grant: '已批准',
  deny: '未批准',
  reminder: '提醒',
  escalation: '催办',
}

function text(value: FieldValue | undefined): string {
  if (value === undefined || value === null) return ''
  if (value instanceof Date) return formatTime(value)
  if (Array.isArray(value)) return value.map((v) => text(v)).join('~')
  return String(value)
}

/** The instant (or 'YYYY-MM-DD' day, or 'HH:mm') as a point WeChat accepts. */
function timePoint(v: string | Date, withClock: boolean): string {
  if (v instanceof Date) return withClock ? formatTime(v) : formatDate(v)
  const s = v.trim()
  if (isLocalDay(s)) return withClock ? `${chineseDay(s)} 00:00` : chineseDay(s)
  if (withClock && /^([01]\d|2[0-3]):[0-5]\d$/.test(s)) return s
  const parsed = Date.parse(s)
  if (Number.isNaN(parsed)) throw new Error(`not a time or date: ${JSON.stringify(v)}`)
  return withClock ? formatTime(new Date(parsed)) : formatDate(new Date(parsed))
}

function chineseDay(day: LocalDay): string {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** 2026年11月28日 15:01 (Asia/Shanghai, 24-hour). */
export function formatTime(at: Date): string {
  return shanghai(at).format('YYYY年M月D日 HH:mm')
}

/** 2026年11月28日 (the Shanghai day of the instant). */
export function formatDate(at: Date | LocalDay): string {
  return at instanceof Date ? shanghai(at).format('YYYY年M月D日') : chineseDay(at)
}

function timeLike(value: FieldValue | undefined, withClock: boolean): string {
  if (value === undefined || value === '') throw new Error('a time or date field needs a value')
  if (Array.isArray(value)) return value.map((v) => timePoint(v, withClock)).join('~')
  if (typeof value === 'number') return timePoint(new Date(value), withClock)
  return timePoint(value as string | Date, withClock)
}

function number(value: FieldValue | undefined): string {
  let s: string
  if (typeof value === 'number' && Number.isFinite(value)) {
    s = Number.isInteger(value)
      ? BigInt(Math.trunc(value)).toString()
      : value.toFixed(2).replace(/\.?0+$/, '')
  } else {
    s = /[+-]?\d+(\.\d+)?/.exec(text(value))?.[0] ?? '0'
  }
  if (s.length > 32) s = s.replace(/\.\d+$/, '')
  return s.slice(0, 32)
}

function amount(value: FieldValue | undefined): string {
  const n = typeof value === 'number' ? value : Number(/\d+(\.\d+)?/.exec(text(value))?.[0] ?? 0)
  const clamped = Math.min(Math.max(Number.isFinite(n) ? n : 0, 0), 9_999_999_999.99)
  return Number.isInteger(clamped) ? String(clamped) : clamped.toFixed(2)
}

function name(value: FieldValue | undefined): string {
  const s = oneLine(text(value))
  // a Chinese name is judged by its Chinese characters: clipping may cut them all off (then it is a Latin one)
  const chinese = clip(s, 10)
  if (CHINESE_CHAR.test(chinese)) return chinese
  const latin = oneLine(keep(s, /[A-Za-z .'-]/))
  return latin === '' ? '员工' : clip(latin, 20, false).trimEnd()
}

function phrase(value: FieldValue | undefined): string {
  const s = text(value).trim()
  // own keys only: 'toString' is not a status
  if (Object.prototype.hasOwnProperty.call(STATUS_PHRASES, s)) return STATUS_PHRASES[s]
  const chinese = keep(s, CHINESE_CHAR)
  return chinese === '' ? '通知' : clip(chinese, 5, false)
}

const orDefault = (s: string, fallback: string) => (s === '' ? fallback : s)

const FORMATTERS: Record<string, (v: FieldValue | undefined) => string> = {
  thing: (v) => clip(orDefault(oneLine(text(v)), '无'), 20),
  number,
  letter: (v) => orDefault(keep(text(v), /[A-Za-z]/).slice(0, 32), 'NA'),
  symbol: (v) => orDefault(clip(keep(text(v), /[^\p{L}\p{N}\s]/u), 5, false), '-'),
  character_string: (v) => orDefault(keep(text(v), /[\x21-\x7e]/).slice(0, 32), '-'),
  phone_number: (v) => orDefault(clip(oneLine(keep(text(v), /[\d+\-\s()]/)), 17, false).trimEnd(), '-'),
  car_number: (v) => orDefault(clip(keep(text(v), /[\u3400-\u9fffA-Za-z0-9]/u), 8, false), '无'),
  phrase,
  name,
  amount,
  time: (v) => timeLike(v, true),
  date: (v) => timeLike(v, false),
}

export const FIELD_TYPES = Object.keys(FORMATTERS)

/** The type of a template field key: `thing12` → `thing`, `character_string3` → `character_string`. */
export function fieldType(key: string): string {
  return key.replace(/\d+$/, '')
}

/** The value fitted to the field type; throws for an unknown type or a time/date field without a usable value. */
export function formatField(type: string, value: FieldValue | undefined): string {
  const format = Object.prototype.hasOwnProperty.call(FORMATTERS, type) ? FORMATTERS[type] : undefined
  if (!format) throw new Error(`unknown subscribe-message field type: ${type}`)
  return format(value)
}
