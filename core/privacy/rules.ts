// Health-data privacy, pure: the consent text and its versions, retention (when a record's health details are
// removed), what a purge removes from each kind of record, and minimisation (which report fields a policy needs).
// PIPL art. 28–30: health data is sensitive, needs separate consent after notice of purpose, fields, recipients,
// retention and how to withdraw; art. 19: keep it no longer than needed.
import { type AskedField, type HealthReport, temperatureInRange } from '../health'
import { DomainError, type LocalDay } from '../shared'
import { addDays, localDay } from '../calendar'
import type { Policy, ReportField } from '../policy'

/** Bumped whenever the consent text changes in substance: members then consent again before reporting. */
export const CONSENT_VERSION = 1

/** The employer's legal basis changes the text shown, never whether the consent is recorded. */
export type LegalBasis = 'consent' | 'hrManagement'

export const RETENTION_CHOICES = [30, 90, 180] as const
export const DEFAULT_RETENTION_DAYS = 180

/** The company's privacy settings (`companies.privacy`); absent = defaults. */
export interface PrivacySettings {
  retentionDays?: number
  legalBasis?: LegalBasis
}

/** Stored on the member document (`members.healthConsent`) so the check-in path reads it with the member. */
export interface HealthConsent {
  version: number
  at: Date
  /** set when withdrawn; a withdrawn consent lets no health field in until consent is given again */
  withdrawnAt?: Date | null
}

export function hasCurrentConsent(consent: HealthConsent | null | undefined): boolean {
  return Boolean(consent && consent.version === CONSENT_VERSION && !consent.withdrawnAt)
}

export function retentionDaysOf(settings: PrivacySettings | undefined): number {
  const days = settings?.retentionDays
  return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_RETENTION_DAYS
}

/** Records of days before this one have their health details removed now. */
export function purgeCutoffDay(now: Date, retentionDays: number): LocalDay {
  return addDays(localDay(now), -retentionDays)
}

/** The day a record of `day` loses its health details. */
export function removalDay(day: LocalDay, retentionDays: number): LocalDay {
  return addDays(day, retentionDays)
}

export interface ConsentSection {
  title: string
  body: string
}

export interface ConsentText {
  version: number
  title: string
  sections: ConsentSection[]
}

/** The health-data consent screen: purpose, fields, who sees them, retention, how to withdraw. */
export function consentText(settings: PrivacySettings | undefined): ConsentText {
  const days = retentionDaysOf(settings)
  const basis =
    settings?.legalBasis === 'hrManagement'
      ? '公司依据人力资源管理的需要处理以下信息；我们仍单独征得您的同意，并记录同意的版本和时间。'
      : '以下信息仅在您单独同意后收集和使用。'
  return {
    version: CONSENT_VERSION,
    title: '健康信息处理说明',
    sections: [
      { title: '目的', body: `用于公司的每日健康打卡和补打卡审核。${basis}` },
      {
        title: '收集的信息',
        body: '健康状况、体温、所在地区（行程）、健康码颜色、备注，以及您上传的健康码截图或检测报告。',
      },
      {
        title: '谁能看到',
        body: '仅您所在部门的审核人和公司的 HR 管理员；每次查看都会被记录，您可以查看记录。',
      },
      {
        title: '保存期限',
        body: `打卡记录的健康信息和附件保存 ${days} 天，之后自动删除，只保留日期、状态和审核人。`,
      },
      {
        title: '如何撤回',
        body: '可随时在"隐私与数据"中撤回同意；撤回后将不能提交健康信息，已提交的记录按保存期限删除，也可申请删除。',
      },
    ],
  }
}

/** Health fields a record can carry; `status` (well / unwell) is the check-in itself and always kept. */
export const HEALTH_FIELDS = ['temperature', 'region', 'healthCode', 'note'] as const
export type HealthField = (typeof HEALTH_FIELDS)[number]

/** Minimisation: the health fields the company's policy requires (the others are dropped before storing). */
export function requiredHealthFields(policy: Pick<Policy, 'requiredFields'>): HealthField[] {
  return HEALTH_FIELDS.filter((f) => f === 'note' || policy.requiredFields.includes(f as ReportField))
}

/** The health fields the form asks for under the policy (status is always asked, the note is optional). */
export function askedFields(policy: Pick<Policy, 'requiredFields'>): AskedField[] {
  return requiredHealthFields(policy).filter((f): f is AskedField => f !== 'note')
}

/** The report as stored under the policy: fields it does not require are dropped (documented in PRIVACY.md). */
export function minimiseReport(
  report: HealthReport,
  policy: Pick<Policy, 'requiredFields'>,
): Partial<HealthReport> & Pick<HealthReport, 'status'> {
  const keep = new Set<string>(['status', ...requiredHealthFields(policy)])
  return Object.fromEntries(Object.entries(report).filter(([k]) => keep.has(k))) as Partial<HealthReport> &
    Pick<HealthReport, 'status'>
}

/**
 * A member's report as the functions judge and store it: minimised under the policy, and a temperature it keeps
 * must be plausible (a dropped field is not judged). Records keep the `HealthReport` type: a field the policy does
 * not require is absent, as the whole report is after a purge.
 */
export function acceptedReport(report: HealthReport, policy: Pick<Policy, 'requiredFields'>): HealthReport {
  for (const f of askedFields(policy)) if (report[f] === undefined) throw new DomainError('FIELD_REQUIRED', f)
  const kept = minimiseReport(report, policy)
  if (kept.temperature !== undefined && !temperatureInRange(kept.temperature))
    throw new DomainError('TEMPERATURE_OUT_OF_RANGE')
  return kept as HealthReport
}

/** What a retention purge removes from each kind of record; day, status and who decided are kept. */
export const PURGED_FIELDS = {
  checkins: ['report', 'corrections', 'onBehalf'],
  makeups: [
    'report',
    'reason',
    'attachments',
    'attachmentKind',
    'failures',
    'decisionNote',
    'discardedFiles',
    // HR's note on a revocation (the listed reason, revokeCode, stays)
    'revokeNote',
  ],
  specials: ['reason', 'evidence', 'decisionNote', 'discardedFiles'],
} as const

export type PurgedKind = keyof typeof PURGED_FIELDS

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((f): f is string => typeof f === 'string') : []

/** The files a record refers to, and those it replaced but were not yet deleted (removed from storage with it). */
export function filesOf(kind: PurgedKind, doc: Record<string, unknown>): string[] {
  const field = kind === 'makeups' ? 'attachments' : kind === 'specials' ? 'evidence' : null
  return [...new Set([...(field ? strings(doc[field]) : []), ...strings(doc.discardedFiles)])]
}

/**
 * The files a record drops when its files are replaced: the earlier ones it no longer refers to, added to any
 * still waiting for deletion. They are deleted once the replacement is stored (a crash in between leaves them
 * listed on the record, and the purge deletes them with it).
 */
export function discardedFiles(
  before: { discardedFiles?: string[] },
  earlier: readonly string[] | undefined,
  kept: readonly string[] | undefined,
): string[] {
  const keep = new Set(kept ?? [])
  return [...new Set([...(before.discardedFiles ?? []), ...(earlier ?? []).filter((f) => !keep.has(f))])]
}

/** Why the system withdraws an open request: its member's health data is deleted, or it expired unanswered. */
export const PURGE_REASONS = {
  deletion: '删除健康信息',
  retention: '超过保存期限',
} as const

/** A finished export file lives this long; then it, its parts and the job are deleted (also on every purge). */
export const EXPORT_TTL_MS = 24 * 3600_000

/** The record after the purge: the purged fields gone, `purgedAt` set. Purging twice changes nothing. */
export function purgedDoc<T extends Record<string, unknown>>(kind: PurgedKind, doc: T, now: Date): T {
  if (doc.purgedAt) return doc
  const out: Record<string, unknown> = { ...doc, purgedAt: now }
  for (const f of PURGED_FIELDS[kind]) delete out[f]
  return out as T
}

// A temperature as the functions accept it (35–42 °C, matched 34–43), written with a decimal point: any number of
// decimals, since computed values (36 + 3 / 10 = 36.300000000000004) reach a log unrounded; not part of a longer
// number, a dotted version, an address or the seconds of a time (02:00:36.500Z). Whole numbers are not matched
// (too many harmless ones). No lookbehind: this module is in the app bundle, older iOS WeChat engines reject it.
const TEMPERATURE = /(?:^|[^\d.:]|\D:)((?:3[4-9]|4[0-3])\.\d+)(?![\d.])/
// A health-code colour as a value (quoted after ':' or '=', or right after the field name) or its Chinese label;
// the field name alone is allowed (audit entries name changed fields).
const COLOUR = /[:=]\s*(["'])(?:green|yellow|red)\1|healthCode\W{0,3}(?:green|yellow|red)\b|[绿黄红]码/
// A signed temporary download link: the emulator's (/storage/download/…?t=…&sign=…), CloudBase's (…?sign=…).
const TEMP_URL = /https?:\/\/[^\s"'<>]*(?:\/download\/|[?&]sign=|[?&]q-signature=)[^\s"'<>]*/i

/** Words that must never appear in a log line or an audit record: health values and temporary file URLs. */
export function leaksHealthData(text: string): string | null {
  const temperature = TEMPERATURE.exec(text)
  if (temperature) return `temperature ${temperature[1]}`
  const colour = COLOUR.exec(text)
  if (colour) return `health-code colour ${colour[0]}`
  const url = TEMP_URL.exec(text)
  if (url) return `temporary URL ${url[0]}`
  return null
}
