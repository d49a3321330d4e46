// A company for review tests: an HR admin, reviewers of 研发部 and 市场部, employees A and B in 研发部, an employee in
// 运维部 (a department with no reviewer), and an HR admin of another company; pending make-ups loaded as the
// makeup function would have stored them (request, quota document with the open day, submit audit entry).
import type { Emulator } from '@emulator/index'
import {
  type AuditDoc,
  type CheckinDoc,
  COLLECTIONS,
  type MakeupDoc,
  type MakeupReasonKind,
  type MemberDoc,
  type SpecialDoc,
  specialId,
  holdKeys,
  withHoldKeys,
} from '@core/makeup'
import { cycleKey, DEFAULT_POLICY, type Policy } from '@core/policy'
import { A, B, COMPANY, OTHER_COMPANY, fixture, load, member, report } from './harness'

export const HR = 'o-hr'
export const REV_DEV = 'o-rev-dev'
export const REV_MKT = 'o-rev-mkt'
export const OPS = 'o-ops'
export const HR2 = 'o-hr-2'
export { A, B }

/** Openid → member id of the review fixture. */
export const MEMBER_OF: Record<string, string> = {
  [A]: 'm1',
  [B]: 'm2',
  [HR]: 'h1',
  [REV_DEV]: 'r1',
  [REV_MKT]: 'r2',
  [OPS]: 'o1',
  [HR2]: 'h9',
}

const extra: MemberDoc[] = [
  member('h1', COMPANY, {
    name: '陈思',
    dept: '人力资源部',
    roles: ['hr', 'reviewer', 'employee'],
    openid: HR,
  }),
  member('r1', COMPANY, { name: '李明', dept: '研发部', roles: ['reviewer', 'employee'], openid: REV_DEV }),
  member('r2', COMPANY, { name: '王磊', dept: '市场部', roles: ['reviewer', 'employee'], openid: REV_MKT }),
  member('o1', COMPANY, { name: '赵运维', dept: '运维部', openid: OPS }),
  member('h9', OTHER_COMPANY, { name: '别家HR', dept: '人力资源部', roles: ['hr', 'employee'], openid: HR2 }),
]

export interface PendingSpec {
  memberId: string
  day: string
  submittedAt: string
  attachments?: string[]
  id?: string
  /** absent: a request stored before reasons had categories */
  reasonKind?: MakeupReasonKind
  /** 'approved': stored as HR's approval left it (effective record, day made up), decided by h1 a day later */
  status?: 'pending' | 'approved'
}

/** The department a request of this member carries (as the makeup function copies it at submit). */
const deptOf = (memberId: string) =>
  extra.find((m) => m._id === memberId)?.dept ?? member(memberId, COMPANY).dept

/** One request as the makeup function would have stored it, holding its day (its unit is not numbered here). */
export function pendingDoc(s: PendingSpec): MakeupDoc {
  const doc = unkeyed(s)
  return { ...doc, ...holdKeys(doc._id, doc.memberId, doc.day, doc.cycle, null) }
}

function unkeyed(s: PendingSpec): Omit<MakeupDoc, 'dayKey' | 'slotKey' | 'quotaKey'> {
  const at = new Date(s.submittedAt)
  return {
    _id: s.id ?? `${s.memberId}_${s.day}`,
    companyId: s.memberId === 'h9' ? OTHER_COMPANY : COMPANY,
    memberId: s.memberId,
    dept: deptOf(s.memberId),
    day: s.day,
    status: s.status ?? 'pending',
    ...(s.status === 'approved'
      ? { decidedAt: new Date(at.getTime() + 86_400_000), decidedBy: 'h1', decisionNote: '' }
      : {}),
    report,
    reason: '当天忘记打卡',
    ...(s.reasonKind ? { reasonKind: s.reasonKind } : {}),
    attachments: s.attachments ?? [],
    attachmentKind: 'healthCode',
    cycle: cycleKey(s.day, DEFAULT_POLICY.quota.cycle),
    charged: true,
    granted: false,
    policyVersion: 1,
    submittedAt: at,
    updatedAt: at,
  }
}

/** Loads the company with these pending (or approved) requests and special requests. */
export function loadReviewFixture(
  emu: Emulator,
  pending: PendingSpec[],
  specials: SpecialDoc[] = [],
  checkins: CheckinDoc[] = [],
  policy: Partial<Policy> = {},
) {
  const base = fixture(policy)
  // each holds its day and a unit of its cycle's quota, numbered in submission order
  const makeups = withHoldKeys(pending.map(unkeyed))
  const approved = makeups.filter((d) => d.status === 'approved')
  const audit: AuditDoc[] = makeups.map((d) => ({
    companyId: d.companyId,
    subject: 'makeup',
    subjectId: d._id,
    memberId: d.memberId,
    action: 'submit',
    from: null,
    to: 'pending',
    actor: { kind: 'member', id: d.memberId },
    at: d.submittedAt,
    reason: d.reason,
  }))
  for (const d of approved)
    audit.push({
      companyId: d.companyId,
      subject: 'makeup',
      subjectId: d._id,
      memberId: d.memberId,
      action: 'approve',
      from: 'pending',
      to: 'approved',
      actor: { kind: 'reviewer', id: 'h1', role: 'hr' },
      at: d.decidedAt!,
      reason: '',
    })
  const effective: CheckinDoc[] = approved.map((d) => ({
    _id: `${d.memberId}_${d.day}`,
    companyId: d.companyId,
    memberId: d.memberId,
    day: d.day,
    report: d.report,
    source: 'makeup',
    requestId: d._id,
    at: d.decidedAt!,
  }))
  const members = [...base.members, ...extra]
  load(emu, {
    ...base,
    members,
    bindings: members
      .filter((m) => m.openid)
      .map((m) => ({
        _id: m.openid!,
        companyId: m.companyId,
        memberId: m._id,
        boundAt: new Date('2026-01-05T02:00:00Z'),
      })),
    makeups,
    audit,
    specials,
    checkins: [...checkins, ...effective],
    delegations: [],
  })
}

/** A daily check-in of `memberId` on `day`. */
export function checkinDoc(memberId: string, day: string): CheckinDoc {
  return {
    _id: `${memberId}_${day}`,
    companyId: COMPANY,
    memberId,
    day,
    report,
    source: 'daily',
    at: new Date(`${day}T00:30:00Z`),
  }
}

export function specialDoc(memberId: string, day: string, submittedAt: string): SpecialDoc {
  return {
    _id: specialId(memberId, day),
    companyId: COMPANY,
    memberId,
    day,
    reason: '出差无网络',
    evidence: [],
    status: 'pending',
    submittedAt: new Date(submittedAt),
    used: false,
  }
}

export { COLLECTIONS }
