// Which missed days a member can still make up, by when, and — when a day cannot be made up — the one reason why.
// Pure: the caller loads the facts (records, open requests, quota counters, grants, maintenance) and passes "now".
import type { AllowedSlot, BlockedDay, SlotsView } from './contract'
import type { HealthReport } from '../health'
import { DomainError, type ErrorCode, type LocalDay } from '../shared'
import {
  addDays,
  addMonths,
  atLocalTime,
  clampedDayOfMonth,
  customCycleStart,
  dayRange,
  daysBetween,
  endOfLocalDay,
  isoShanghai,
  isWorkingDay,
  localDay,
  monthOf,
  nthWorkingDayAfter,
  quarterOf,
  startOfLocalDay,
} from '../calendar'
import {
  compareVersions,
  effectivePolicy,
  type AttachmentKind,
  type EffectivePolicy,
  type Policy,
  type QuotaCycle,
} from './policy'
import { everyRule, ruleFor } from './groups'

export interface MemberProfile {
  companyId: string
  memberId: string
  /** the member's department: with the id, it picks their rule group (groups.ts) */
  dept?: string
  joinedOn: LocalDay
  region: string
  makeupEnabled: boolean
  identityBound: boolean
  extraVerified: boolean
}

export interface Interval {
  start: Date
  end: Date
}

export interface MemberFacts {
  /** version of the calling mini program, when the client sent one */
  clientVersion?: string | null
  /** days with an effective check-in record (on time or approved make-up) */
  checkedDays: LocalDay[]
  /** days with a pending or returned make-up request */
  openRequestDays: LocalDay[]
  /** quota cycle key → requests currently charged to it */
  quotaUsed: Record<string, number>
  /**
   * unused special-handling grants: the day can be made up once, until the deadline HR set; `charged: false` =
   * HR granted it free (not counted against the quota, nor refused when the quota is used up)
   */
  grants: { day: LocalDay; deadline: Date; id?: string; charged?: boolean }[]
  /** maintenance windows: overlapping days get their deadline extended and are not charged */
  maintenance: Interval[]
  /** days HR recorded as leave, business trip or exempt: not needed, so never made up */
  leaveDays?: LocalDay[]
}

export const EMPTY_FACTS: MemberFacts = {
  checkedDays: [],
  openRequestDays: [],
  quotaUsed: {},
  grants: [],
  maintenance: [],
}

/** How many past days the slots view covers at least, and what one read of a member's days spans. */
export const LOOKBACK_DAYS = 31

/** A maintenance window lasts at most 7 days (admin refuses longer): the most it can extend one day's deadline. */
export const MAINTENANCE_EXTENSION_DAYS = 7

/**
 * How many past days the slots view covers under `policy`: its window counted back from `today` (working days over
 * the company calendar), plus what maintenance can add to a deadline, and never fewer than LOOKBACK_DAYS. Region
 * overrides add requirements but keep the policy's window, and a rule group may set a longer one: this is the
 * longest window of the company rule and every group's (a caller reading facts need not know the member's group).
 */
export function lookbackDays(policy: Policy, today: LocalDay): number {
  return Math.max(...everyRule(policy).map((rule) => ruleLookback(rule, today)))
}

function ruleLookback(policy: Policy, today: LocalDay): number {
  const { days, unit } = policy.window
  let from = unit === 'natural' ? addDays(today, -days) : today
  if (unit === 'working')
    for (let left = days; left > 0;) {
      from = addDays(from, -1)
      if (isWorkingDay(from, policy.calendar)) left--
    }
  return Math.max(LOOKBACK_DAYS, daysBetween(from, today) + MAINTENANCE_EXTENSION_DAYS)
}

export function cycleKey(day: LocalDay, cycle: QuotaCycle): string {
  switch (cycle.kind) {
    case 'month':
      return monthOf(day)
    case 'quarter':
      return quarterOf(day)
    case 'custom':
      return `C${customCycleStart(day, cycle.startDay)}`
  }
}

export interface Deadline {
  deadline: Date
  /** which rule set the deadline */
  by: 'window' | 'cutoff' | 'grant'
  /** false when a maintenance window overlapped the day: not charged to the quota */
  charged: boolean
}

/** Whether a declared maintenance window is in progress at `now`: submissions wait (the app keeps drafts). */
export function maintenanceActive(maintenance: Interval[], now: Date): boolean {
  return maintenance.some((m) => m.start.getTime() <= now.getTime() && now.getTime() < m.end.getTime())
}

/** The last instant at which `day` can be made up under the window, cut-off and maintenance rules. */
export function windowDeadline(day: LocalDay, policy: Policy, maintenance: Interval[]): Deadline {
  const { days, unit } = policy.window
  const lastDay = unit === 'natural' ? addDays(day, days) : nthWorkingDayAfter(day, days, policy.calendar)
  const dayStart = startOfLocalDay(day).getTime()
  const dayEnd = endOfLocalDay(day).getTime()
  const overlapping = maintenance.filter((m) => m.start.getTime() <= dayEnd && m.end.getTime() >= dayStart)
  const extension = overlapping.reduce((sum, m) => sum + (m.end.getTime() - m.start.getTime()), 0)
  const byWindow = new Date(endOfLocalDay(lastDay).getTime() + extension)
  const charged = overlapping.length === 0
  if (policy.cutoffDay !== null) {
    const cutoff = endOfLocalDay(clampedDayOfMonth(addMonths(monthOf(day), 1), policy.cutoffDay))
    if (cutoff < byWindow) return { deadline: cutoff, by: 'cutoff', charged }
  }
  return { deadline: byWindow, by: 'window', charged }
}

export type DayJudgement =
  | { ok: true; day: LocalDay; deadline: Date; cycle: string; charged: boolean; granted: boolean }
  | { ok: false; day: LocalDay; code: ErrorCode }

/** A reason shared by every day, or null: enablement, client version, region requirements. */
export function memberGate(
  member: MemberProfile,
  policy: EffectivePolicy,
  facts: MemberFacts,
): ErrorCode | null {
  if (policy.enablement === 'enabled-only' && !member.makeupEnabled) return 'MAKEUP_NOT_ENABLED'
  if (
    policy.minClientVersion &&
    (!facts.clientVersion || compareVersions(facts.clientVersion, policy.minClientVersion) < 0)
  )
    return 'CLIENT_TOO_OLD'
  if (policy.identityBindingRequired && !member.identityBound) return 'IDENTITY_BINDING_REQUIRED'
  if (policy.extraVerificationRequired && !member.extraVerified) return 'EXTRA_VERIFICATION_REQUIRED'
  return null
}

/** Whether today is a make-up day already (its daily check-in has closed). */
function todayClosed(policy: Policy, today: LocalDay, now: Date): boolean {
  return policy.dailyCheckinCloses !== null && now >= atLocalTime(today, policy.dailyCheckinCloses)
}

/**
 * One day's verdict. Facts about the day itself come first (future, not required, already done), then the
 * member-wide gates, then time limits, then quota — so each blocked day carries the most specific single reason.
 */
export function judgeDay(
  day: LocalDay,
  member: MemberProfile,
  policy: EffectivePolicy,
  now: Date,
  facts: MemberFacts,
): DayJudgement {
  const today = localDay(now)
  const no = (code: ErrorCode): DayJudgement => ({ ok: false, day, code })
  if (day > today) return no('DAY_IN_FUTURE')
  if (day === today && !todayClosed(policy, today, now)) return no('DAY_TODAY_CHECKIN_OPEN')
  if (day < member.joinedOn) return no('DAY_BEFORE_JOINING')
  if (!isWorkingDay(day, policy.calendar)) return no('DAY_NOT_REQUIRED')
  if (facts.checkedDays.includes(day)) return no('DAY_ALREADY_CHECKED')
  if (facts.openRequestDays.includes(day)) return no('DAY_HAS_OPEN_REQUEST')
  if (facts.leaveDays?.includes(day)) return no('DAY_ON_LEAVE')
  const gate = memberGate(member, policy, facts)
  if (gate) return no(gate)

  const grant = facts.grants.find((g) => g.day === day && now <= g.deadline)
  const limit = windowDeadline(day, policy, facts.maintenance)
  const deadline = grant ? grant.deadline : limit.deadline
  if (now > deadline) return no(limit.by === 'cutoff' ? 'MAKEUP_CUTOFF_PASSED' : 'MAKEUP_WINDOW_PASSED')

  const cycle = cycleKey(day, policy.quota.cycle)
  const charged = limit.charged && grant?.charged !== false
  if (charged && !hasQuotaLeft(facts.quotaUsed[cycle] ?? 0, policy.quota.cap)) return no('QUOTA_EXHAUSTED')
  return { ok: true, day, deadline, cycle, charged, granted: Boolean(grant) }
}

export function hasQuotaLeft(used: number, cap: number | null): boolean {
  return cap === null || used < cap
}

export interface SlotsResult extends SlotsView {
  judgements: DayJudgement[]
}

/** The slots view: makeable days with deadlines, blocked days with one reason each, quota of affected cycles. */
export function allowedSlots(
  member: MemberProfile,
  policy: Policy,
  now: Date,
  facts: MemberFacts,
): SlotsResult {
  const eff = effectivePolicy(ruleFor(policy, member), member.region)
  const today = localDay(now)
  const judgements = dayRange(addDays(today, -lookbackDays(eff, today)), today)
    .filter((d) => isWorkingDay(d, eff.calendar) && d >= member.joinedOn)
    .map((d) => judgeDay(d, member, eff, now, facts))
    .filter((j) => j.ok || j.code !== 'DAY_TODAY_CHECKIN_OPEN')
  const slots: (AllowedSlot & { granted?: boolean; charged?: boolean })[] = []
  const blocked: BlockedDay[] = []
  const cycles = new Set<string>()
  for (const j of judgements) {
    if (j.ok) {
      slots.push({ day: j.day, deadline: isoShanghai(j.deadline), granted: j.granted, charged: j.charged })
      cycles.add(j.cycle)
    } else {
      blocked.push({ day: j.day, code: j.code })
      if (j.code === 'QUOTA_EXHAUSTED') cycles.add(cycleKey(j.day, eff.quota.cycle))
    }
  }
  cycles.add(cycleKey(today, eff.quota.cycle))
  const cap = eff.quota.cap
  const quota = [...cycles].sort().map((cycle) => {
    const used = facts.quotaUsed[cycle] ?? 0
    return { cycle, cap: cap ?? -1, used, remaining: cap === null ? -1 : Math.max(0, cap - used) }
  })
  return { today, slots, blocked, quota, judgements }
}

export interface SubmissionInput {
  day: LocalDay
  report: HealthReport
  reason: string
  attachments: string[]
  attachmentKind?: AttachmentKind
}

export interface AcceptedSubmission {
  day: LocalDay
  deadline: Date
  cycle: string
  charged: boolean
  granted: boolean
  policyVersion: number
}

const FILE_EXT: Record<string, 'jpg' | 'png' | 'pdf'> = { jpg: 'jpg', jpeg: 'jpg', png: 'png', pdf: 'pdf' }

/** A fileID the member may attach: under their own folder, a plain random name, an allowed extension. */
export function ownFileType(fileID: string, member: MemberProfile): 'jpg' | 'png' | 'pdf' | null {
  const prefix = `/companies/${member.companyId}/members/${member.memberId}/`
  const m = /^cloud:\/\/[A-Za-z0-9._-]+(\/.*)$/.exec(fileID)
  if (!m || !m[1].startsWith(prefix)) return null
  const name = /^([A-Za-z0-9_-]{1,64})\.([a-z]{3,4})$/.exec(m[1].slice(prefix.length))
  return name ? (FILE_EXT[name[2]] ?? null) : null
}

/**
 * The regions whose rules apply to a reported day: the member's profile region always (gates about the person
 * follow the person), and the region they report for the day as well — a day spent in a stricter region is judged
 * by its overrides too, and a milder one typed in never lifts the profile region's.
 */
export function regionsOfDay(member: Pick<MemberProfile, 'region'>, report?: { region?: string }): string[] {
  const reported = report?.region?.trim()
  return reported && reported !== member.region ? [member.region, reported] : [member.region]
}

/** Judges a make-up submission against the slots and the policy; throws the catalogued refusal. */
export function judgeSubmission(
  input: SubmissionInput,
  member: MemberProfile,
  policy: Policy,
  now: Date,
  facts: MemberFacts,
): AcceptedSubmission {
  if (maintenanceActive(facts.maintenance, now)) throw new DomainError('MAINTENANCE_ACTIVE')
  const eff = effectivePolicy(ruleFor(policy, member), regionsOfDay(member, input.report))
  const verdict = judgeDay(input.day, member, eff, now, facts)
  if (!verdict.ok) throw new DomainError(verdict.code, input.day)
  checkContent(input, member, eff)
  const { day, deadline, cycle, charged, granted } = verdict
  return { day, deadline, cycle, charged, granted, policyVersion: eff.version }
}

/** Required fields and attachments: also what a resubmission of a returned request must satisfy. */
export function checkContent(
  input: Omit<SubmissionInput, 'day'>,
  member: MemberProfile,
  policy: Policy,
): void {
  const eff = effectivePolicy(ruleFor(policy, member), regionsOfDay(member, input.report))
  checkRequiredFields(input, eff)
  checkAttachments(input, member, eff)
}

function checkRequiredFields(input: Omit<SubmissionInput, 'day'>, policy: EffectivePolicy): void {
  for (const field of policy.requiredFields) {
    const value = field === 'reason' ? input.reason : input.report[field]
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
      throw new DomainError('FIELD_REQUIRED', field)
  }
}

function checkAttachments(
  input: Omit<SubmissionInput, 'day'>,
  member: MemberProfile,
  policy: EffectivePolicy,
): void {
  const { rule, maxCount, types } = policy.attachments
  for (const f of input.attachments) {
    const type = ownFileType(f, member)
    if (type === null) throw new DomainError('ATTACHMENT_FORBIDDEN', f)
    if (!types.includes(type)) throw new DomainError('ATTACHMENT_INVALID', `type ${type}`)
  }
  if (input.attachments.length > maxCount) throw new DomainError('ATTACHMENT_INVALID', 'too many files')
  if (rule === 'none') return
  const kindOk = rule === 'either' || input.attachmentKind === rule
  if (input.attachments.length === 0 || !kindOk) throw new DomainError('ATTACHMENT_REQUIRED', rule)
}
