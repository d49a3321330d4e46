// Rule groups: which rule applies to a member. The one resolution every judge of a member's make-ups goes through.
//
// Precedence: a group that lists the member by id > the group that lists the member's department > the company
// rule. Departments match exactly (the member's own `dept`): a group covers a sub-department only when it lists it,
// so nothing depends on the department tree at judging time (submit reads no department documents), and a later
// re-parenting never moves anyone silently. Validation (core/admin validatePolicy) keeps a member id and a department
// in at most one group each, so the resolution never has to pick between two groups of the same rank.
// Region overrides apply on top (effectivePolicy): they add requirements (identity, verification, enablement) and
// never touch what a group overrides (window, quota, evidence), so the order of the two layers cannot matter.
import type { Policy, RuleGroup } from './policy'

/** What a group may override, as the editor's preview names a change. */
export type RuleAspect = 'window' | 'quota' | 'cycle' | 'evidence' | 'approval' | 'reminder'

export const RULE_ASPECT_LABEL: Record<RuleAspect, string> = {
  window: '补卡时限',
  quota: '额度上限',
  cycle: '额度周期',
  evidence: '附件要求',
  approval: '审批流程',
  reminder: '提醒时间',
}

/** Who a rule is resolved for: the member's id and their department. */
export interface RuleSubject {
  memberId: string
  dept?: string | null
}

/** JSON with object keys sorted: equal values read equal whatever order a parser or a form put their keys in. */
export function stableJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

/** The member's group, or null for the company rule. */
export function groupOf(policy: Pick<Policy, 'groups'>, member: RuleSubject): RuleGroup | null {
  const groups = policy.groups ?? []
  const listed = groups.find((g) => g.members.includes(member.memberId))
  if (listed) return listed
  const dept = member.dept
  return (dept ? groups.find((g) => g.departments.includes(dept)) : undefined) ?? null
}

/**
 * The rule for one member: the company policy with their group's overrides, without the groups themselves — so
 * applying it twice changes nothing (callers deeper down may resolve again) and nothing judged by it can see other
 * members' groups.
 */
export function ruleFor(policy: Policy, member: RuleSubject): Policy {
  if (!policy.groups) return policy
  const { groups: _groups, ...base } = policy
  const group = groupOf(policy, member)
  return group ? withGroup(base, group) : base
}

function withGroup(base: Policy, group: RuleGroup): Policy {
  return {
    ...base,
    window: group.window ?? base.window,
    quota: group.quota ? { ...base.quota, cap: group.quota.cap, cycle: group.quota.cycle } : base.quota,
    attachments: group.attachments ?? base.attachments,
    approval: group.approval ?? base.approval,
  }
}

/** The company rule and every group's, for bounds that must hold whoever the member is (e.g. the lookback). */
export function everyRule(policy: Policy): Policy[] {
  const { groups, ...base } = policy
  return [base, ...(groups ?? []).map((g) => withGroup(base, g))]
}

/**
 * ruleFor for many members at once (the editor's preview of 10 000): the same precedence through two indexes
 * built once, each group's rule built once. A unit property checks it agrees with ruleFor.
 */
export function ruleResolver(policy: Policy): (member: RuleSubject) => {
  group: string | null
  rule: Policy
  /** the group's own reminder time (absent: the company's), see checkinReminderAtOf */
  checkinReminderAt?: string | null
} {
  const { groups, ...base } = policy
  const groupFor = groupResolver(policy)
  const rules = new Map<RuleGroup, Policy>()
  const companyRule = groups ? base : policy
  return (member) => {
    const g = groupFor(member)
    if (!g) return { group: null, rule: companyRule }
    let rule = rules.get(g)
    if (!rule) rules.set(g, (rule = withGroup(base, g)))
    return g.checkinReminderAt === undefined
      ? { group: g.name, rule }
      : { group: g.name, rule, checkinReminderAt: g.checkinReminderAt }
  }
}

/** groupOf for many members at once: two indexes built once (a unit property checks it agrees with groupOf). */
export function groupResolver(policy: Pick<Policy, 'groups'>): (member: RuleSubject) => RuleGroup | null {
  const byMember = new Map<string, RuleGroup>()
  const byDept = new Map<string, RuleGroup>()
  // the first group listing someone wins, as in groupOf's find (validation makes it the only one)
  for (const g of [...(policy.groups ?? [])].reverse()) {
    for (const id of g.members) byMember.set(id, g)
    for (const d of g.departments) byDept.set(d, g)
  }
  return (member) =>
    byMember.get(member.memberId) ?? (member.dept ? byDept.get(member.dept) : undefined) ?? null
}

/**
 * A member's daily check-in reminder time, from their group (groupOf / groupResolver, ruleFor's precedence): the
 * group's own when it sets one (null: no daily reminder for the group), else the company's (null: none).
 */
export function checkinReminderAtOf(
  group: Pick<RuleGroup, 'checkinReminderAt'> | null,
  companyAt: string | null,
): string | null {
  return group && group.checkinReminderAt !== undefined ? group.checkinReminderAt : companyAt
}

/** Every reminder time some member may have: the company's and the groups' own, sorted, without none. */
export function checkinReminderTimes(policy: Pick<Policy, 'groups'>, companyAt: string | null): string[] {
  const times = new Set<string>()
  if (companyAt) times.add(companyAt)
  for (const g of policy.groups ?? []) if (g.checkinReminderAt) times.add(g.checkinReminderAt)
  return [...times].sort()
}
