// Notices: what happened (a kind and its values) → a subscribe message (template id, page, fitted fields) and an
// in-app line; which template each kind uses comes from configuration (the company's overrides on top of the
// deployment default); and when timed reminders are due. Pure: every rule takes "now".
import type { LocalDay } from '../shared'
import {
  addDays,
  atLocalTime,
  clampedDayOfMonth,
  type CompanyCalendar,
  isWorkingDay,
  localDay,
  monthOf,
} from '../calendar'
import { fieldType, formatField, formatDate, type FieldValue } from './format'

import type { NoticeKind, NoticeValues, TemplateBinding, NoticeSettings } from './templates'

export interface SubscribeMessage {
  templateId: string
  page: string
  data: Record<string, { value: string }>
}

/** The message for WeChat: each bound field fitted to its type; the page with `{name}` filled (URL-encoded). */
export function buildMessage(values: NoticeValues, binding: TemplateBinding): SubscribeMessage {
  const data: Record<string, { value: string }> = {}
  for (const [key, source] of Object.entries(binding.fields))
    data[key] = { value: formatField(fieldType(key), values[source]) }
  const page = binding.page.replace(/\{(\w+)\}/g, (_, k: string) =>
    encodeURIComponent(values[k] === undefined ? '' : String(values[k])),
  )
  return { templateId: binding.templateId, page, data }
}

export const NOTICE_TITLES: Record<NoticeKind, string> = {
  reviewNeeded: '新的补卡申请待审核',
  requestDecided: '补卡申请有了结果',
  specialDecided: '特殊情况申请有了结果',
  checkinReminder: '今天还没有打卡',
  reviewPending: '有补卡申请等待审核',
  reviewEscalation: '补卡申请审核超时',
  quotaCutoff: '补卡即将截止',
  ticketReplied: '工单有了回复',
  accessDecided: '补打卡开通申请有了结果',
  requestRevoked: '补卡记录已被撤销',
  requestCopied: '抄送：补卡申请有了结果',
}

const s = (v: FieldValue | undefined) =>
  v === undefined ? '' : v instanceof Date ? formatDate(v) : String(v)

/** The in-app line of a notice (the list shows it whether or not the WeChat message went out). */
export function noticeBody(kind: NoticeKind, v: NoticeValues): string {
  const status = formatField('phrase', v.status)
  switch (kind) {
    case 'reviewNeeded':
      return `${s(v.applicant)} 申请补 ${s(v.day)} 的打卡：${s(v.reason)}`
    case 'requestDecided':
      return `${s(v.day)} 的补卡申请${status}${v.note ? `：${s(v.note)}` : ''}`
    case 'specialDecided':
    case 'accessDecided':
      return `${s(v.subject)}${status}${v.note ? `：${s(v.note)}` : ''}`
    case 'checkinReminder':
      return s(v.text)
    case 'reviewPending':
    case 'reviewEscalation':
      return `${s(v.count)} 条补卡申请${s(v.text)}`
    case 'quotaCutoff':
      return `${s(v.text)}（${s(v.days)} 天，截止 ${s(v.cutoff)}）`
    case 'ticketReplied':
      return `${s(v.subject)}：${s(v.reply)}`
    case 'requestRevoked':
      return `${s(v.day)} 的补卡${status}${v.note ? `：${s(v.note)}` : ''}`
    case 'requestCopied':
      return `${s(v.applicant)} ${s(v.day)} 的补卡申请${status}${v.note ? `：${s(v.note)}` : ''}（抄送给你）`
  }
}

// ---- timed reminders: when each is due (pure) ----

/** Today's daily check-in reminder is due: a working day, past the company's time, and check-in still open. */
export function checkinReminderDue(
  now: Date,
  settings: Pick<NoticeSettings, 'checkinReminderAt'>,
  policy: { dailyCheckinCloses: string | null; calendar: CompanyCalendar },
): LocalDay | null {
  if (!settings.checkinReminderAt) return null
  const today = localDay(now)
  if (!isWorkingDay(today, policy.calendar)) return null
  if (now < atLocalTime(today, settings.checkinReminderAt)) return null
  if (policy.dailyCheckinCloses && now >= atLocalTime(today, policy.dailyCheckinCloses)) return null
  return today
}

/** Whether a member gets today's check-in reminder. */
export function needsCheckinReminder(
  member: { status: string; openid: string | null; joinedOn: LocalDay },
  day: LocalDay,
  checkedIn: boolean,
): boolean {
  return member.status === 'active' && Boolean(member.openid) && member.joinedOn <= day && !checkedIn
}

export type ReviewStage = 'none' | 'remind' | 'escalate'

/** How overdue a pending request is: past N hours → remind the reviewer, past M hours → escalate to HR. */
export function reviewStage(
  submittedAt: Date,
  now: Date,
  settings: Pick<NoticeSettings, 'reviewRemindAfterHours' | 'reviewEscalateAfterHours'>,
): ReviewStage {
  const hours = (now.getTime() - submittedAt.getTime()) / 3_600_000
  if (hours >= settings.reviewEscalateAfterHours) return 'escalate'
  if (hours >= settings.reviewRemindAfterHours) return 'remind'
  return 'none'
}

/** The instant before which a request is overdue at `stage` (for the query). */
export function overdueBefore(now: Date, hours: number): Date {
  return new Date(now.getTime() - hours * 3_600_000)
}

/**
 * The cut-off reminder is due today (at the configured time, the configured days before the cut-off day of this
 * month): it returns the month whose missed days are about to close and the cut-off day; else null.
 */
export function cutoffReminderDue(
  now: Date,
  cutoffDay: number | null,
  settings: Pick<NoticeSettings, 'cutoffRemindDaysBefore' | 'cutoffRemindAt'>,
): { month: string; cutoff: LocalDay } | null {
  if (cutoffDay === null) return null
  const today = localDay(now)
  const cutoff = clampedDayOfMonth(monthOf(today), cutoffDay)
  if (addDays(cutoff, -settings.cutoffRemindDaysBefore) !== today) return null
  if (now < atLocalTime(today, settings.cutoffRemindAt)) return null
  const previous = monthOf(addDays(`${monthOf(today)}-01`, -1))
  return { month: previous, cutoff }
}

/** Idempotency key of a notice: one per kind, subject (member, request) and day at most. */
export function noticeKey(kind: NoticeKind, subject: string, day?: LocalDay): string {
  return day ? `${kind}_${subject}_${day}` : `${kind}_${subject}`
}
