// The reminder times a company's HR admin sets (`companies.notices` without `templates`, which the deployment owns):
// when the daily "not yet checked in" reminder goes out, after how many hours a pending request reminds its reviewer
// and escalates to HR, and how long before the quota cut-off its reminder goes out. The notify timer reads them on
// every run, so a saved change takes effect on the next one.
import { DomainError } from '../shared'
import { DEFAULT_NOTICE_SETTINGS, type NoticeSettings } from './templates'

export type NoticeTimes = Omit<NoticeSettings, 'templates'>

export const NOTICE_TIME_FIELDS = [
  'checkinReminderAt',
  'reviewRemindAfterHours',
  'reviewEscalateAfterHours',
  'cutoffRemindDaysBefore',
  'cutoffRemindAt',
] as const satisfies readonly (keyof NoticeTimes)[]

/** What the admin page names each setting (refusals name the field the same way). */
export const NOTICE_TIME_LABELS: Record<keyof NoticeTimes, string> = {
  checkinReminderAt: '每日打卡提醒时间',
  reviewRemindAfterHours: '提醒审核人（小时）',
  reviewEscalateAfterHours: '升级给 HR（小时）',
  cutoffRemindDaysBefore: '截止前几天提醒',
  cutoffRemindAt: '截止提醒时间',
}

/** The ranges each number may take: a week of waiting at most before a reminder, two before escalation. */
export const NOTICE_TIME_RANGES = {
  reviewRemindAfterHours: [1, 168],
  reviewEscalateAfterHours: [1, 336],
  cutoffRemindDaysBefore: [0, 10],
} as const

/** 'HH:mm', 24-hour */
export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/

/** The company's times: its own over the defaults (a stored `templates` is ignored). */
export function noticeTimesOf(company: { notices?: Partial<NoticeSettings> }): NoticeTimes {
  const out = {} as Record<keyof NoticeTimes, unknown>
  for (const k of NOTICE_TIME_FIELDS) out[k] = company.notices?.[k] ?? DEFAULT_NOTICE_SETTINGS[k]
  // null is a setting of its own ("no daily reminder"), not a missing value
  if (company.notices && company.notices.checkinReminderAt === null) out.checkinReminderAt = null
  return out as NoticeTimes
}

function refuse(field: keyof NoticeTimes): never {
  throw new DomainError('NOTICE_TIME_INVALID', field, { field: NOTICE_TIME_LABELS[field] })
}

/**
 * Times HR may save, or the first catalogued refusal: 'HH:mm' times, whole numbers in their ranges, escalation
 * after the reviewer's reminder, and a daily reminder before the policy's check-in closing time (else it never goes).
 */
export function checkNoticeTimes(t: NoticeTimes, policy: { dailyCheckinCloses: string | null }): NoticeTimes {
  if (t.checkinReminderAt !== null && !HHMM.test(t.checkinReminderAt)) refuse('checkinReminderAt')
  if (!HHMM.test(t.cutoffRemindAt)) refuse('cutoffRemindAt')
  for (const [k, [min, max]] of Object.entries(NOTICE_TIME_RANGES) as [
    keyof typeof NOTICE_TIME_RANGES,
    readonly [number, number],
  ][]) {
    const v = t[k]
    if (!Number.isInteger(v) || v < min || v > max) refuse(k)
  }
  if (t.reviewEscalateAfterHours <= t.reviewRemindAfterHours)
    throw new DomainError('NOTICE_ESCALATION_EARLY', 'reviewEscalateAfterHours')
  const closes = policy.dailyCheckinCloses
  if (t.checkinReminderAt && closes && t.checkinReminderAt >= closes)
    throw new DomainError('NOTICE_REMINDER_AFTER_CLOSE', 'checkinReminderAt', { closes })
  return t
}

/** "field: before → after" for each changed setting, for the audit log. */
export function noticeTimesChanges(before: NoticeTimes, after: NoticeTimes): string[] {
  return NOTICE_TIME_FIELDS.filter((k) => before[k] !== after[k]).map(
    (k) => `${k}: ${JSON.stringify(before[k])} → ${JSON.stringify(after[k])}`,
  )
}
