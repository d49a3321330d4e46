// Company administration rules, pure: the department tree, policy validation (field-specific catalogued refusals)
// and its change list for the audit log, and the documents the admin function stores beside core/makeup/records.ts.
import { DomainError, type ErrorCode, type Role } from '../shared'
import { policySchema, stableJson, type Policy, type RuleGroup } from '../policy'
import { HHMM, NOTICE_TIME_LABELS } from '../notices'

export const ADMIN_COLLECTIONS = {
  departments: 'departments',
  policyVersions: 'policy_versions',
  imports: 'imports',
  help: 'help',
  webhooks: 'webhooks',
  deliveries: 'webhook_deliveries',
} as const

/** _id = `${companyId}_${name}`: a department name is unique within its company. */
export interface DepartmentDoc {
  _id: string
  companyId: string
  name: string
  parent: string | null
  /** make-up feature for the whole department; a member's own switch applies on top */
  makeupEnabled: boolean
}

/** Every policy version a company ever had; _id = policyVersionId(companyId, version). */
export interface PolicyVersionDoc {
  _id: string
  companyId: string
  version: number
  policy: Policy
  savedAt: Date
  savedBy: string
}

export const policyVersionId = (companyId: string, version: number) => `${companyId}_v${version}`
export const departmentId = (companyId: string, name: string) => `${companyId}_${name}`

export interface HelpContact {
  kind: 'hr' | 'hotline' | 'wechat' | 'emergency'
  name: string
  value: string
}

export interface FaqEntry {
  q: string
  a: string
}

/** _id = companyId */
export interface HelpDoc {
  _id: string
  companyId: string
  contacts: HelpContact[]
  faq: FaqEntry[]
  updatedAt: Date
}

/** What admins change, written to the shared `audit` collection (its by_company_at index lists them). */
export interface AdminAuditDoc {
  companyId: string
  subject: 'policy' | 'member' | 'department' | 'maintenance' | 'help' | 'company' | 'import' | 'leave'
  subjectId: string
  memberId: string
  action: string
  from: string | null
  to: string
  actor: { kind: 'admin' | 'operator'; id: string; name: string }
  at: Date
  reason: string
  /** changed fields, for the audit view: "window.days: 1 → 3" */
  changes?: string[]
}

export const ADMIN_ROLES: Role[] = ['employee', 'reviewer', 'hr']

// ---------------------------------------------------------------- departments

export interface DeptNode {
  name: string
  parent: string | null
  makeupEnabled: boolean
  children: DeptNode[]
}

/** Roots first, children by name; a node whose parent is missing becomes a root (nothing is lost). */
export function deptTree(depts: Pick<DepartmentDoc, 'name' | 'parent' | 'makeupEnabled'>[]): DeptNode[] {
  const nodes = new Map(depts.map((d) => [d.name, { ...d, children: [] as DeptNode[] }]))
  const roots: DeptNode[] = []
  for (const n of [...nodes.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh'))) {
    const parent = n.parent ? nodes.get(n.parent) : undefined
    if (parent) parent.children.push(n)
    else roots.push(n)
  }
  return roots
}

/** The department and everything under it. */
export function subtree(depts: Pick<DepartmentDoc, 'name' | 'parent'>[], root: string): string[] {
  const out = [root]
  for (let i = 0; i < out.length; i++)
    for (const d of depts) if (d.parent === out[i] && !out.includes(d.name)) out.push(d.name)
  return out
}

/** Refuses a parent that does not exist or that would make a cycle. */
export function checkParent(
  depts: Pick<DepartmentDoc, 'name' | 'parent'>[],
  name: string,
  parent: string | null,
): void {
  if (parent === null) return
  if (!depts.some((d) => d.name === parent)) throw new DomainError('DEPT_UNKNOWN', parent, { dept: parent })
  if (subtree(depts, name).includes(parent)) throw new DomainError('DEPT_CYCLE', parent)
}

/** Whether the make-up feature is on for a member: the department switch (and its ancestors') and their own. */
export function deptAllowsMakeup(
  depts: Pick<DepartmentDoc, 'name' | 'parent' | 'makeupEnabled'>[],
  dept: string,
): boolean {
  const byName = new Map(depts.map((d) => [d.name, d]))
  const seen = new Set<string>()
  for (let d = byName.get(dept); d && !seen.has(d.name); d = d.parent ? byName.get(d.parent) : undefined) {
    if (!d.makeupEnabled) return false
    seen.add(d.name)
  }
  return true
}

// ---------------------------------------------------------------- policy

const FIELD_LABELS: Record<string, string> = {
  version: '版本',
  'window.days': '补卡时限（天数）',
  'window.unit': '时限计算方式',
  cutoffDay: '上月截止日',
  'quota.cap': '额度上限',
  'quota.cycle': '额度周期',
  'quota.cycle.startDay': '自定义周期起始日',
  'quota.revokeRefunds': '撤销后退还额度',
  review: '审核方式',
  requiredFields: '必填项',
  attachments: '附件要求',
  'attachments.maxCount': '附件数量上限',
  'attachments.maxBytes': '附件大小上限',
  enablement: '开通方式',
  dailyCheckinCloses: '每日打卡截止时间',
  minClientVersion: '最低客户端版本',
  calendar: '工作日历',
  regions: '地区规则',
  groups: '规则组',
}

export function fieldLabel(path: string): string {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '')
    if (FIELD_LABELS[p]) return FIELD_LABELS[p]
  return path
}

function refuse(code: ErrorCode, field: string): never {
  throw new DomainError(code, field, { field: fieldLabel(field) })
}

/**
 * A policy an HR admin may save, or the first catalogued refusal: the specific codes for the classic mistakes
 * (negative or absurd windows — 0 is allowed: same day only —, a cut-off day that some months lack, a zero cap with nobody reviewing), else
 * POLICY_INVALID naming the field.
 */
export function validatePolicy(candidate: unknown): Policy {
  const c = candidate as Partial<Policy> | null
  const days = c?.window?.days
  if (typeof days === 'number' && (!Number.isInteger(days) || days < 0 || days > 180))
    refuse('POLICY_WINDOW_INVALID', 'window.days')
  const cutoff = c?.cutoffDay
  if (typeof cutoff === 'number' && (!Number.isInteger(cutoff) || cutoff < 1 || cutoff > 28))
    refuse('POLICY_CUTOFF_INVALID', 'cutoffDay')
  const parsed = policySchema.safeParse(candidate)
  if (!parsed.success) refuse('POLICY_INVALID', parsed.error.issues[0]?.path.join('.') ?? '')
  const policy = parsed.data as Policy
  // region names become object keys in stored documents: no operator-looking or dotted keys
  if (Object.keys(policy.regions).some((r) => r.startsWith('$') || r.includes('.')))
    refuse('POLICY_INVALID', 'regions')
  // a cap of 0 means "no make-ups"; with auto-approval that is a contradiction an admin surely did not intend
  if (policy.quota.cap === 0 && policy.review === 'auto') refuse('POLICY_CAP_CONFLICT', 'quota.cap')
  if (policy.attachments.rule !== 'none' && policy.attachments.maxCount === 0)
    refuse('POLICY_INVALID', 'attachments.maxCount')
  checkGroups(policy)
  return policy
}

/**
 * Rule groups a policy may hold: distinct names, each with someone in it, the same checks as the company rule on
 * what they override, and each member id and department in at most one group (so a member has exactly one rule:
 * core/policy ruleFor's precedence never has to choose between two groups of one rank).
 */
function checkGroups(policy: Policy): void {
  const groups = policy.groups ?? []
  const names = new Set<string>()
  const memberIn = new Map<string, string>()
  const deptIn = new Map<string, string>()
  groups.forEach((g, i) => {
    const at = `groups.${i}`
    if (names.has(g.name)) throw new DomainError('POLICY_GROUP_NAME_TAKEN', `${at}.name`, { group: g.name })
    names.add(g.name)
    if (g.departments.length === 0 && g.members.length === 0)
      throw new DomainError('POLICY_GROUP_EMPTY', at, { group: g.name })
    if (g.quota?.cap === 0 && policy.review === 'auto') refuse('POLICY_CAP_CONFLICT', `${at}.quota.cap`)
    if (g.attachments && g.attachments.rule !== 'none' && g.attachments.maxCount === 0)
      refuse('POLICY_INVALID', `${at}.attachments.maxCount`)
    checkGroupReminder(g, at, policy.dailyCheckinCloses)
    for (const id of new Set(g.members)) {
      const other = memberIn.get(id)
      if (other !== undefined)
        throw new DomainError('POLICY_GROUP_OVERLAP', `${at}.members: ${id}`, { a: other, b: g.name })
      memberIn.set(id, g.name)
    }
    for (const dept of new Set(g.departments)) {
      const other = deptIn.get(dept)
      if (other !== undefined)
        throw new DomainError('POLICY_GROUP_DEPT_OVERLAP', `${at}.departments`, { dept, a: other, b: g.name })
      deptIn.set(dept, g.name)
    }
  })
}

/** A group's own reminder time: checked as the company's (core/notices checkNoticeTimes), naming the group. */
function checkGroupReminder(g: RuleGroup, at: string, closes: string | null): void {
  const t = g.checkinReminderAt
  if (t === undefined || t === null) return
  if (!HHMM.test(t))
    throw new DomainError('NOTICE_TIME_INVALID', `${at}.checkinReminderAt`, {
      field: `规则组"${g.name}"的${NOTICE_TIME_LABELS.checkinReminderAt}`,
    })
  if (closes && t >= closes)
    throw new DomainError('POLICY_GROUP_REMINDER_AFTER_CLOSE', `${at}.checkinReminderAt`, {
      group: g.name,
      closes,
    })
}

/** Leaf-level differences, "path: before → after", for the audit log; groups by name (groupChanges). */
export function policyChanges(before: Policy, after: Policy): string[] {
  const out: string[] = []
  const walk = (a: unknown, b: unknown, path: string) => {
    if (path === 'version') return
    if (path === 'groups') {
      out.push(...groupChanges(before.groups ?? [], after.groups ?? []))
      return
    }
    const objects = a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)
    if (objects && !Array.isArray(b)) {
      const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)])
      for (const k of [...keys].sort())
        walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k)
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push(`${path}: ${JSON.stringify(a) ?? '—'} → ${JSON.stringify(b) ?? '—'}`)
    }
  }
  walk(before, after, '')
  return out
}

/**
 * Rule-group changes for the audit log, one line each: a group added or removed, an override changed, departments
 * and listed members added or removed (member ids, counted beyond a few: a group may list hundreds).
 */
export function groupChanges(before: RuleGroup[], after: RuleGroup[]): string[] {
  const out: string[] = []
  const old = new Map(before.map((g) => [g.name, g]))
  const now = new Map(after.map((g) => [g.name, g]))
  for (const g of before) if (!now.has(g.name)) out.push(`groups.${g.name}: 删除`)
  for (const g of after) {
    const was = old.get(g.name)
    if (!was) out.push(`groups.${g.name}: 新增`)
    for (const k of ['window', 'quota', 'attachments', 'checkinReminderAt', 'approval'] as const) {
      const [a, b] = [stableJson(was?.[k]), stableJson(g[k])]
      if (was && a !== b) out.push(`groups.${g.name}.${k}: ${a ?? '—'} → ${b ?? '—'}`)
      else if (!was && b) out.push(`groups.${g.name}.${k}: ${b}`)
    }
    for (const k of ['departments', 'members'] as const) {
      const added = g[k].filter((x) => !(was?.[k] ?? []).includes(x))
      const removed = (was?.[k] ?? []).filter((x) => !g[k].includes(x))
      const list = (xs: string[]) =>
        xs.length > 5 ? `${xs.slice(0, 5).join('、')} 等 ${xs.length} 个` : xs.join('、')
      if (added.length || removed.length)
        out.push(
          `groups.${g.name}.${k}: ${[added.length ? `+${list(added)}` : '', removed.length ? `−${list(removed)}` : ''].filter(Boolean).join(' ')}`,
        )
    }
  }
  return out
}

/** Refuses removing the company's last active HR admin (by role change or deactivation). */
export function checkKeepsAnHrAdmin(activeHrIds: string[], memberId: string, stillHrAfter: boolean): void {
  if (stillHrAfter || !activeHrIds.includes(memberId)) return
  if (activeHrIds.filter((id) => id !== memberId).length === 0) throw new DomainError('LAST_HR_ADMIN')
}
