// The demo company for `npm start` and the browser tests: 示例科技有限公司 with its policy, an HR admin, two
// reviewers, employees in three departments and two regions, and ~30 days of history relative to `now` (check-ins
// with some missed days, pending and decided make-ups, consistent quota documents and audit entries).
// Deterministic for a given `now`. Dates are Date objects (the emulator stores them as EJSON dates).
import { createHmac } from 'node:crypto'
import type { HealthReport } from '@core/health'
import type { LocalDay, Role } from '@core/shared'
import {
  type AuditDoc,
  type BindingDoc,
  type CheckinDoc,
  checkinId,
  COLLECTIONS,
  type CompanyDoc,
  type MakeupDoc,
  type MakeupStatus,
  type MemberDoc,
  withHoldKeys,
} from '@core/makeup'
import { addDays, atLocalTime, dayRange, isWorkingDay, localDay } from '@core/calendar'
import { cycleKey, DEFAULT_POLICY, type Policy } from '@core/policy'
import { CONSENT_VERSION } from '@core/privacy'
import {
  ADMIN_COLLECTIONS,
  departmentId,
  policyVersionId,
  type DepartmentDoc,
  type HelpDoc,
  type PolicyVersionDoc,
} from '@core/admin'

export const DEMO_COMPANY_ID = 'c-demo'
export const DEMO_INVITE_CODE = 'DEMO2026'
export const DEMO_EMPLOYEE_OPENID = 'o-emp-01'

/** The demo's earlier make-ups, varied so HR's dashboard shows reasons of several kinds. */
const SEED_REASONS: Pick<MakeupDoc, 'reason' | 'reasonKind'>[] = [
  { reason: '当天忘记打卡', reasonKind: 'forgot' },
  { reason: '公司网络故障，提交一直失败', reasonKind: 'network' },
  { reason: '手机没电了', reasonKind: 'device' },
  { reason: '在外地出差，山区没有信号', reasonKind: 'away' },
]
export const HR_OPENID = 'o-hr-admin'

export interface Seed {
  collections: Record<string, object[]>
  identities: { openid: string; label: string }[]
}

/** The demo roster's phone numbers: person i has 1380000 and i in four digits (the 身份验证 page binds with it). */
export const demoPhone = (i: number) => `1380000${String(i).padStart(4, '0')}`
const DEMO_PHONE_SALT = 'demo-company-phone-salt'

export const DEMO_POLICY: Policy = {
  ...DEFAULT_POLICY,
  version: 1,
  window: { days: 3, unit: 'working' },
  cutoffDay: 5,
  quota: { cycle: { kind: 'month' }, cap: 3, refundOnRejection: true },
  review: 'required',
  attachments: { rule: 'healthCode', maxCount: 3, maxBytes: 5 * 1024 * 1024, types: ['jpg', 'png'] },
  regions: { 上海: { identityBinding: true } },
}

interface Person {
  name: string
  dept: string
  region: string
  roles: Role[]
  openid: string | null
  joinedDaysAgo: number
}

const DEPTS = ['研发部', '市场部', '人力资源部']
const NAMES = [
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  '陈静',
  '杨磊',
  '赵敏',
  '黄勇',
  '周婷',
  '吴强',
  '徐丽',
  '孙杰',
  '马超',
  '朱琳',
  '胡军',
  '郭涛',
  '何雪',
  '高峰',
  '林晓',
  '罗斌',
]

function people(): Person[] {
  const out: Person[] = [
    {
      name: '陈思',
      dept: '人力资源部',
      region: '北京',
      roles: ['hr', 'reviewer', 'employee'],
      openid: HR_OPENID,
      joinedDaysAgo: 900,
    },
    {
      name: '李明',
      dept: '研发部',
      region: '北京',
      roles: ['reviewer', 'employee'],
      openid: 'o-reviewer-01',
      joinedDaysAgo: 700,
    },
    {
      name: '王磊',
      dept: '市场部',
      region: '上海',
      roles: ['reviewer', 'employee'],
      openid: 'o-reviewer-02',
      joinedDaysAgo: 650,
    },
  ]
  NAMES.forEach((name, i) => {
    const n = i + 1
    out.push({
      name,
      dept: DEPTS[i % DEPTS.length],
      region: i % 3 === 1 ? '上海' : '北京',
      roles: ['employee'],
      // the last two stay unbound so binding can be tried with the invite code
      openid: n <= 18 ? `o-emp-${String(n).padStart(2, '0')}` : null,
      // one recent joiner shows "before joining" days
      joinedDaysAgo: n === 5 ? 10 : 200 + n * 7,
    })
  })
  return out
}

/** A small seeded generator (mulberry32): the same `now` gives the same history; the crash run's kill points
 * replay from a printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function report(rand: () => number, region: string): HealthReport {
  return {
    status: 'well',
    temperature: Math.round((36.2 + rand() * 0.7) * 10) / 10,
    region,
    healthCode: 'green',
  }
}

export const OPERATOR_OPENID = 'o-operator'

/**
 * Company administration content: the department tree (人力资源部 under 总部 shows nesting), the policy's first
 * version in the archive, help contacts and FAQ, and a platform operator (creates companies and their first HR
 * admin; a member of the demo company only so that the app can identify them).
 */
function adminContent(company: CompanyDoc, now: Date) {
  const dept = (name: string, parent: string | null): DepartmentDoc => ({
    _id: departmentId(company._id, name),
    companyId: company._id,
    name,
    parent,
    makeupEnabled: true,
  })
  const operator: MemberDoc = {
    _id: 'm-operator',
    companyId: company._id,
    employeeNo: 'OP001',
    name: '平台运营',
    dept: '人力资源部',
    region: '北京',
    roles: ['employee', 'operator'],
    joinedOn: addDays(localDay(now), -400),
    makeupEnabled: false,
    identityBound: true,
    openid: OPERATOR_OPENID,
    status: 'active',
  }
  const help: HelpDoc = {
    _id: company._id,
    companyId: company._id,
    contacts: [
      { kind: 'hr', name: 'HR 王老师', value: '010-88886666' },
      { kind: 'hotline', name: '平台客服热线', value: '400-820-8820' },
      { kind: 'wechat', name: '微信客服', value: 'budaka-service' },
      { kind: 'emergency', name: '行政值班', value: '138-0013-8000' },
    ],
    faq: [
      { q: '忘记打卡了怎么办？', a: '在首页点"补打卡"，选择漏打的日期，填写健康信息并上传健康码截图。' },
      { q: '补卡有次数限制吗？', a: '每月最多 3 次，驳回的申请会退还次数；超过时限请提交特殊情况申请。' },
      {
        q: '为什么提示地区要求实名绑定？',
        a: '上海地区要求先完成实名身份绑定：在"身份验证"页用微信手机号验证，或请 HR 人工确认。',
      },
    ],
    updatedAt: atLocalTime(addDays(localDay(now), -30), '09:00'),
  }
  return {
    departments: [
      dept('总部', null),
      dept('研发部', '总部'),
      dept('市场部', '总部'),
      dept('人力资源部', '总部'),
    ],
    policyVersion: {
      _id: policyVersionId(company._id, company.policy.version),
      companyId: company._id,
      version: company.policy.version,
      policy: company.policy,
      savedAt: company.createdAt,
      savedBy: '系统初始化',
    } satisfies PolicyVersionDoc,
    help,
    operator,
    operatorBinding: {
      _id: OPERATOR_OPENID,
      companyId: company._id,
      memberId: operator._id,
      boundAt: company.createdAt,
    } satisfies BindingDoc,
  }
}

export function buildDemoSeed(now: Date): Seed {
  const today = localDay(now)
  const rand = seededRandom(Number(today.replace(/-/g, '')))
  const company: CompanyDoc = {
    _id: DEMO_COMPANY_ID,
    name: '示例科技有限公司',
    inviteCode: DEMO_INVITE_CODE,
    policy: DEMO_POLICY,
    createdAt: atLocalTime(addDays(today, -1000), '09:00'),
    phoneSalt: DEMO_PHONE_SALT,
  }
  const members: MemberDoc[] = []
  const bindings: BindingDoc[] = []
  const checkins: CheckinDoc[] = []
  const makeups: Omit<MakeupDoc, 'dayKey' | 'slotKey' | 'quotaKey'>[] = []
  const audit: AuditDoc[] = []
  const identities: Seed['identities'] = []

  people().forEach((p, i) => {
    const memberId = `m-${String(i + 1).padStart(3, '0')}`
    const joinedOn = addDays(today, -p.joinedDaysAgo)
    members.push({
      _id: memberId,
      companyId: company._id,
      employeeNo: `E${String(i + 1).padStart(3, '0')}`,
      name: p.name,
      dept: p.dept,
      region: p.region,
      roles: p.roles,
      joinedOn,
      makeupEnabled: true,
      // 上海 requires a bound identity; one 上海 employee has not done it yet
      identityBound: p.region !== '上海' || i !== 4,
      // the roster's numbers, hashed as an import stores them (server/verification.ts phoneHash)
      phoneHash: createHmac('sha256', DEMO_PHONE_SALT).update(demoPhone(i)).digest('hex'),
      openid: p.openid,
      status: 'active',
    })
    if (p.openid) {
      bindings.push({
        _id: p.openid,
        companyId: company._id,
        memberId,
        boundAt: atLocalTime(joinedOn, '10:00'),
      })
      const role = p.roles.includes('hr') ? 'HR' : p.roles.includes('reviewer') ? '审核人' : '员工'
      identities.push({ openid: p.openid, label: `${p.name}（${role}·${p.dept}）` })
    }

    const days = dayRange(addDays(today, -30), addDays(today, -1)).filter(
      (d) => d >= joinedOn && isWorkingDay(d, DEMO_POLICY.calendar),
    )
    const isDemoEmployee = p.openid === DEMO_EMPLOYEE_OPENID
    // the demo employee: the two most recent working days missed (still makeable), a pending, an approved and
    // a rejected make-up further back; everyone else misses about one day in twelve
    const recentMissed = isDemoEmployee ? days.slice(-2) : []
    const requested: { day: LocalDay; status: MakeupStatus }[] = isDemoEmployee
      ? [
          { day: days[days.length - 4], status: 'pending' as const },
          { day: days[days.length - 9], status: 'approved' as const },
          { day: days[days.length - 14], status: 'rejected' as const },
        ].filter((r) => r.day)
      : rand() < 0.3 && days.length > 6
        ? [
            {
              day: days[days.length - 6],
              status: rand() < 0.5 ? ('pending' as const) : ('approved' as const),
            },
          ]
        : []
    for (const day of days) {
      if (recentMissed.includes(day) || requested.some((r) => r.day === day)) continue
      if (!isDemoEmployee && rand() < 1 / 12) continue
      checkins.push({
        _id: checkinId(memberId, day),
        companyId: company._id,
        memberId,
        day,
        report: report(rand, p.region),
        source: 'daily',
        at: new Date(atLocalTime(day, '08:15').getTime() + Math.floor(rand() * 90) * 60_000),
      })
    }
    requested.forEach((r, k) => {
      const submittedAt = atLocalTime(addDays(r.day, 1), '12:30')
      const decidedAt = atLocalTime(addDays(r.day, 2), '10:00')
      const cycle = cycleKey(r.day, DEMO_POLICY.quota.cycle)
      const doc: (typeof makeups)[number] = {
        _id: `${memberId}_seed${k}`,
        companyId: company._id,
        memberId,
        dept: p.dept,
        day: r.day,
        status: r.status,
        report: report(rand, p.region),
        ...SEED_REASONS[k % SEED_REASONS.length],
        attachments: [],
        attachmentKind: 'healthCode',
        cycle,
        charged: true,
        granted: false,
        policyVersion: DEMO_POLICY.version,
        submittedAt,
        updatedAt: r.status === 'pending' ? submittedAt : decidedAt,
        ...(r.status === 'pending'
          ? {}
          : {
              decidedAt,
              decidedBy: 'm-002',
              decisionNote: r.status === 'rejected' ? '健康码截图不清晰' : '',
            }),
      }
      makeups.push(doc)
      const entry = (
        action: AuditDoc['action'],
        from: MakeupStatus | null,
        to: MakeupStatus,
        at: Date,
        reason: string,
        actor: AuditDoc['actor'],
      ) =>
        audit.push({
          companyId: company._id,
          subject: 'makeup',
          subjectId: doc._id,
          memberId,
          action,
          from,
          to,
          actor,
          at,
          reason,
        })
      entry('submit', null, 'pending', submittedAt, doc.reason, { kind: 'member', id: memberId })
      if (r.status === 'approved') {
        entry('approve', 'pending', 'approved', decidedAt, '', { kind: 'reviewer', id: 'm-002' })
        checkins.push({
          _id: checkinId(memberId, r.day),
          companyId: company._id,
          memberId,
          day: r.day,
          report: doc.report,
          source: 'makeup',
          requestId: doc._id,
          at: decidedAt,
        })
      }
      if (r.status === 'rejected')
        entry('reject', 'pending', 'rejected', decidedAt, '健康码截图不清晰', {
          kind: 'reviewer',
          id: 'm-002',
        })
    })
  })
  const admin = adminContent(company, now)
  members.push(admin.operator)
  bindings.push(admin.operatorBinding)
  identities.push({ openid: OPERATOR_OPENID, label: '平台运营（创建企业）' })
  identities.push({ openid: 'o-new-user', label: '新用户（未绑定）' })

  return {
    collections: {
      [COLLECTIONS.companies]: [company],
      // bound members consented to health-data processing when they bound; the unbound ones are asked on first use
      [COLLECTIONS.members]: members.map((m) =>
        m.openid
          ? {
              ...m,
              healthConsent: {
                version: CONSENT_VERSION,
                at: atLocalTime(m.joinedOn, '10:00'),
                withdrawnAt: null,
              },
            }
          : m,
      ),
      [COLLECTIONS.bindings]: bindings,
      [COLLECTIONS.checkins]: checkins,
      // each request holds the keys of its status (a rejection refunds under this policy)
      [COLLECTIONS.makeups]: withHoldKeys(makeups, DEMO_POLICY.quota),
      [COLLECTIONS.specials]: [],
      [COLLECTIONS.maintenance]: [],
      [COLLECTIONS.audit]: audit.map((a, i) => ({ _id: `seed-audit-${i}`, ...a })),
      [ADMIN_COLLECTIONS.departments]: admin.departments,
      [ADMIN_COLLECTIONS.policyVersions]: [admin.policyVersion],
      [ADMIN_COLLECTIONS.help]: [admin.help],
    },
    identities,
  }
}
