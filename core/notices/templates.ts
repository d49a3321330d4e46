// Which WeChat template each notice kind uses: the deployment default, the company's overrides, and what the app
// asks users to subscribe to on which tap. Kept apart from the rest of core/notices so the mini program's main
// package can use it without the calendar data.
import type { FieldValue } from './format'

export const NOTICE_KINDS = [
  'reviewNeeded', // a new request waits for this reviewer
  'requestDecided', // the employee's request was approved / rejected / returned
  'specialDecided', // HR decided a special-handling request
  'checkinReminder', // daily: not yet checked in
  'reviewPending', // requests waiting longer than N hours, to their reviewer
  'reviewEscalation', // a request waiting longer than M hours, to the HR admins
  'quotaCutoff', // before the cut-off day: missed days that can still be made up
  'ticketReplied', // a help ticket got an answer
  'accessDecided', // HR answered the member's request to have make-up enabled (申请开通)
  'requestRevoked', // HR revoked the employee's approved make-up
  'requestCopied', // a request's outcome, to the members its approval chain copies (抄送)
] as const

export type NoticeKind = (typeof NOTICE_KINDS)[number]

export type NoticeValues = Record<string, FieldValue | undefined>

/** A kind's WeChat template: its id, the page the message opens (`{name}` filled from values), field → value name. */
export interface TemplateBinding {
  templateId: string
  page: string
  fields: Record<string, string>
}

/** What the deployment configures per notice kind (config/subscribe-templates.json). */
export interface TemplateConfig {
  templates: Record<
    string,
    { templateId: string; title: string; page: string; fields: Record<string, string> }
  >
}

/** The local defaults (the emulator's registry, database/subscribe-templates.json); a deployment's own come from
 * config/subscribe-templates.json (server/notices/templates.ts). */
export const DEFAULT_TEMPLATES: Record<NoticeKind, TemplateBinding> = {
  reviewNeeded: {
    templateId: 'tmpl-makeup-review-needed',
    page: 'hr/detail/index?id={requestId}',
    fields: { name1: 'applicant', date2: 'day', thing3: 'reason', time4: 'submittedAt' },
  },
  requestDecided: {
    templateId: 'tmpl-makeup-decided',
    page: 'employee/request/index?id={requestId}',
    fields: { date1: 'day', phrase2: 'status', thing3: 'note', name4: 'reviewer' },
  },
  specialDecided: {
    templateId: 'tmpl-special-decided',
    page: 'employee/requests/index',
    fields: { thing1: 'subject', phrase2: 'status', thing3: 'note', time4: 'decidedAt' },
  },
  checkinReminder: {
    templateId: 'tmpl-checkin-reminder',
    page: 'pages/index/index',
    fields: { thing1: 'text', time2: 'closesAt' },
  },
  reviewPending: {
    templateId: 'tmpl-review-pending',
    page: 'hr/index',
    fields: { number1: 'count', thing2: 'text', time3: 'oldest' },
  },
  reviewEscalation: {
    templateId: 'tmpl-review-pending',
    page: 'hr/index',
    fields: { number1: 'count', thing2: 'text', time3: 'oldest' },
  },
  quotaCutoff: {
    templateId: 'tmpl-quota-cutoff',
    page: 'employee/makeup/index',
    fields: { thing1: 'text', number2: 'days', date3: 'cutoff' },
  },
  ticketReplied: {
    templateId: 'tmpl-ticket-replied',
    page: 'pages/index/index',
    fields: { thing1: 'subject', thing2: 'reply', time3: 'repliedAt', name4: 'replier' },
  },
  accessDecided: {
    templateId: 'tmpl-access-decided',
    page: 'pages/index/index',
    fields: { thing1: 'subject', phrase2: 'status', thing3: 'note', time4: 'decidedAt' },
  },
  // the decision template (same title): the employee authorised it on their submit tap, no extra prompt
  requestRevoked: {
    templateId: 'tmpl-makeup-decided',
    page: 'employee/request/index?id={requestId}',
    fields: { date1: 'day', phrase2: 'status', thing3: 'note', name4: 'reviewer' },
  },
  requestCopied: {
    templateId: 'tmpl-makeup-decided',
    page: 'pages/index/index',
    fields: { date1: 'day', phrase2: 'status', thing3: 'applicant', name4: 'reviewer' },
  },
}

/** WeChat's field types of subscribe-message templates: a key is a type and a number (thing1, time2 …). */
const FIELD_KEY =
  /^(thing|number|letter|symbol|character_string|time|date|amount|phone_number|car_number|name|phrase)\d+$/

/**
 * What is wrong with a subscribe-message configuration, in words for the deployer (empty when nothing is): every
 * notice kind bound to a template id, a title, a page and field keys of WeChat's form; templates asked on one tap
 * with distinct titles (WeChat keeps only one of each title).
 */
export function templateConfigProblems(config: TemplateConfig): string[] {
  const problems: string[] = []
  for (const kind of NOTICE_KINDS) {
    const t = config.templates?.[kind]
    if (!t) {
      problems.push(`${kind}: no template configured`)
      continue
    }
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(t.templateId ?? ''))
      problems.push(`${kind}: template id "${t.templateId}" is not one`)
    if (!t.title?.trim()) problems.push(`${kind}: no title`)
    if (!t.page?.trim()) problems.push(`${kind}: no page`)
    const keys = Object.keys(t.fields ?? {})
    if (keys.length === 0) problems.push(`${kind}: no fields`)
    for (const k of keys) {
      if (!FIELD_KEY.test(k)) problems.push(`${kind}: field key "${k}" is not a WeChat key (thing1, time2 …)`)
      if (!t.fields[k]) problems.push(`${kind}: field ${k} carries no value`)
    }
  }
  for (const [tap, kinds] of Object.entries(SUBSCRIBE_ON)) {
    const seen = new Map<string, string>()
    for (const kind of kinds) {
      const t = config.templates?.[kind]
      if (!t) continue
      const other = seen.get(t.title)
      if (other && config.templates[other].templateId !== t.templateId)
        problems.push(`${tap} tap: ${other} and ${kind} have the same title "${t.title}" (WeChat keeps one)`)
      seen.set(t.title, kind)
    }
    if (new Set(kinds.map((k) => config.templates?.[k]?.templateId)).size > 3)
      problems.push(`${tap} tap: more than 3 templates in one request`)
  }
  return problems
}

/** A company's notice configuration (`companies.notices`); everything optional, defaults below. */
export interface NoticeSettings {
  /** the deployment's bindings (server/notices/templates.ts); never read from a company document */
  templates: Partial<Record<NoticeKind, Partial<TemplateBinding>>>
  /** 'HH:mm' Shanghai time of the daily "not yet checked in" reminder; null = none */
  checkinReminderAt: string | null
  /** pending requests older than this remind their reviewers (once per reviewer per day) */
  reviewRemindAfterHours: number
  /** a pending request older than this is escalated to the HR admins (once per request) */
  reviewEscalateAfterHours: number
  /** the quota cut-off reminder goes out this many days before the cut-off day, at `cutoffRemindAt` */
  cutoffRemindDaysBefore: number
  cutoffRemindAt: string
}

export const DEFAULT_NOTICE_SETTINGS: NoticeSettings = {
  templates: {},
  checkinReminderAt: null,
  reviewRemindAfterHours: 24,
  reviewEscalateAfterHours: 48,
  cutoffRemindDaysBefore: 1,
  cutoffRemindAt: '10:00',
}

export function noticeSettings(company: { notices?: Partial<NoticeSettings> }): NoticeSettings {
  return { ...DEFAULT_NOTICE_SETTINGS, ...(company.notices ?? {}) }
}

/** The kind's binding: the settings' own field by field over the local default. */
export function bindingFor(kind: NoticeKind, settings: Pick<NoticeSettings, 'templates'>): TemplateBinding {
  const base = DEFAULT_TEMPLATES[kind]
  // a revocation and a copy go out on the decision's template unless configured apart: follow the company's
  // override of it
  const over =
    settings.templates[kind] ??
    (kind === 'requestRevoked' || kind === 'requestCopied' ? settings.templates.requestDecided : undefined) ??
    {}
  return {
    templateId: over.templateId ?? base.templateId,
    page: over.page ?? base.page,
    fields: over.fields ?? base.fields,
  }
}

/** Template ids a user should be asked to subscribe to for these kinds (deduplicated, in order). */
export function templateIdsFor(kinds: NoticeKind[], settings: Pick<NoticeSettings, 'templates'>): string[] {
  return [...new Set(kinds.map((k) => bindingFor(k, settings).templateId))]
}

/** What reviewers and employees subscribe to on their taps (≤ 3 ids per request, WeChat's older limit). */
export const SUBSCRIBE_ON = {
  /** an employee's submit tap: decisions on their requests, reminders */
  submit: ['requestDecided', 'specialDecided', 'checkinReminder', 'requestRevoked'] as NoticeKind[],
  /** a reviewer's approve / reject tap: new requests and pending reminders */
  review: ['reviewNeeded', 'reviewPending'] as NoticeKind[],
}
