// The policy editor's preview of rule groups before saving: which rule applies to whom under the edited policy, and
// whose rule changes (window, quota cap, quota cycle, evidence) from the current one. Pure: the admin function reads
// the members (ids, names, departments only) and passes both policies.
import { DEFAULT_CHAIN, ruleResolver, stableJson, type Policy, type RuleAspect } from '../policy'

/** What the preview needs of a member: nothing about their health, nothing beyond who and where. */
export interface GroupMemberRow {
  _id: string
  name: string
  dept: string
}

export interface GroupPreviewGroup {
  /** null: the company rule (members in no group) */
  name: string | null
  /** members under this rule after saving, and before */
  count: number
  before: number
  /** of `count`, those whose rule changes */
  changed: number
  /** a few of its members' names, for "who is this" */
  sample: string[]
}

export interface GroupPreviewChange {
  memberId: string
  name: string
  dept: string
  from: string | null
  to: string | null
  aspects: RuleAspect[]
}

export interface GroupPreview {
  total: number
  groups: GroupPreviewGroup[]
  /** every member whose rule changes, up to `limit` (by department, then name); `changedTotal` counts them all */
  changes: GroupPreviewChange[]
  changedTotal: number
  /** listed member ids that are no active member of the company (left, or mistyped) */
  unknownMembers: string[]
}

const SAMPLE = 5
const zh = new Intl.Collator('zh')

function aspectsChanged(a: Policy, b: Policy): RuleAspect[] {
  const out: RuleAspect[] = []
  if (a.window.days !== b.window.days || a.window.unit !== b.window.unit) out.push('window')
  if (a.quota.cap !== b.quota.cap) out.push('quota')
  if (stableJson(a.quota.cycle) !== stableJson(b.quota.cycle)) out.push('cycle')
  if (stableJson(a.attachments) !== stableJson(b.attachments)) out.push('evidence')
  if (stableJson(a.approval ?? DEFAULT_CHAIN) !== stableJson(b.approval ?? DEFAULT_CHAIN))
    out.push('approval')
  return out
}

/** The preview of saving `edited` over `current` for these members. */
export function groupPreview(
  current: Policy,
  edited: Policy,
  members: GroupMemberRow[],
  limit = 200,
): GroupPreview {
  const before = ruleResolver(current)
  const after = ruleResolver(edited)
  const groups = new Map<string | null, GroupPreviewGroup>()
  const row = (name: string | null) => {
    let g = groups.get(name)
    if (!g) groups.set(name, (g = { name, count: 0, before: 0, changed: 0, sample: [] }))
    return g
  }
  // every group of the edited policy is shown, empty ones too (a department name with nobody in it is a hint)
  row(null)
  for (const g of edited.groups ?? []) row(g.name)
  const changes: GroupPreviewChange[] = []
  for (const m of members) {
    const subject = { memberId: m._id, dept: m.dept }
    const was = before(subject)
    const is = after(subject)
    row(was.group).before++
    const g = row(is.group)
    g.count++
    if (g.sample.length < SAMPLE) g.sample.push(m.name)
    const aspects = aspectsChanged(was.rule, is.rule)
    // the reminder time changes with the group's own setting (absent on both sides: the company's, unchanged)
    if (was.checkinReminderAt !== is.checkinReminderAt) aspects.push('reminder')
    if (aspects.length === 0) continue
    g.changed++
    changes.push({ memberId: m._id, name: m.name, dept: m.dept, from: was.group, to: is.group, aspects })
  }
  const known = new Set(members.map((m) => m._id))
  const unknownMembers = [...new Set((edited.groups ?? []).flatMap((g) => g.members))].filter(
    (id) => !known.has(id),
  )
  changes.sort((a, b) => zh.compare(a.dept, b.dept) || zh.compare(a.name, b.name))
  return {
    total: members.length,
    // groups that no longer exist but had members before stay listed with count 0
    groups: [...groups.values()],
    changes: changes.slice(0, limit),
    changedTotal: changes.length,
    unknownMembers,
  }
}
