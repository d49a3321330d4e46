// Rule groups: the one resolution (ruleFor) and its precedence, the validation of overlapping groups, the
// editor's preview (groupPreview) and the audit lines of a group change.
import fc from 'fast-check'
import {
  allowedSlots,
  DEFAULT_POLICY,
  effectivePolicy,
  EMPTY_FACTS,
  everyRule,
  groupOf,
  judgeSubmission,
  lookbackDays,
  ruleFor,
  ruleResolver,
  type MemberProfile,
  type Policy,
  type RuleGroup,
} from '@core/policy'
import { groupPreview, policyChanges, validatePolicy, type GroupMemberRow } from '@core/admin'
import { DomainError, ERRORS } from '@core/shared'

const field: RuleGroup = {
  name: '外勤人员',
  departments: [],
  members: ['m7'],
  window: { days: 10, unit: 'natural' },
  attachments: { rule: 'none', maxCount: 3, maxBytes: 1024 * 1024, types: ['jpg'] },
}
const production: RuleGroup = {
  name: '生产部门',
  departments: ['生产部', '生产部/一车间'],
  members: [],
  quota: { cap: 5, cycle: { kind: 'quarter' } },
}
const policy: Policy = {
  ...DEFAULT_POLICY,
  cutoffDay: null,
  regions: { 上海: { identityBinding: true } },
  groups: [field, production],
}

describe('ruleFor: member listed > department > company', () => {
  it('a listed member gets their group whatever their department', () => {
    expect(groupOf(policy, { memberId: 'm7', dept: '生产部' })?.name).toBe('外勤人员')
    const rule = ruleFor(policy, { memberId: 'm7', dept: '生产部' })
    expect(rule.window).toEqual({ days: 10, unit: 'natural' })
    // what the group does not override stays the company's
    expect(rule.quota).toEqual(DEFAULT_POLICY.quota)
    expect(rule.attachments.rule).toBe('none')
  })

  it('a member of a listed department gets its group; departments match exactly', () => {
    expect(ruleFor(policy, { memberId: 'm1', dept: '生产部' }).quota).toEqual({
      ...DEFAULT_POLICY.quota,
      cap: 5,
      cycle: { kind: 'quarter' },
    })
    expect(groupOf(policy, { memberId: 'm1', dept: '生产部/一车间' })?.name).toBe('生产部门')
    // a sub-department the group does not list is not in it
    expect(groupOf(policy, { memberId: 'm1', dept: '生产部/二车间' })).toBeNull()
  })

  it('anyone else gets the company rule, without the groups', () => {
    const { groups: _g, ...company } = policy
    expect(ruleFor(policy, { memberId: 'm2', dept: '研发部' })).toEqual(company)
    expect(ruleFor(DEFAULT_POLICY, { memberId: 'm2', dept: '研发部' })).toBe(DEFAULT_POLICY)
  })

  it('region overrides apply on top of the group rule', () => {
    const eff = effectivePolicy(ruleFor(policy, { memberId: 'm7', dept: '研发部' }), '上海')
    expect(eff.window.days).toBe(10)
    expect(eff.identityBindingRequired).toBe(true)
  })

  const groupArb: fc.Arbitrary<RuleGroup> = fc.record(
    {
      name: fc.string({ minLength: 1, maxLength: 4 }),
      departments: fc.subarray(['d1', 'd2', 'd3', 'd4']),
      members: fc.subarray(['m1', 'm2', 'm3', 'm4']),
      window: fc.record({
        days: fc.integer({ min: 0, max: 30 }),
        unit: fc.constantFrom('natural', 'working'),
      }),
      quota: fc.record({
        cap: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
        cycle: fc.constantFrom({ kind: 'month' as const }, { kind: 'quarter' as const }),
      }),
    },
    { requiredKeys: ['name', 'departments', 'members'] },
  )
  const policyArb = fc.array(groupArb, { maxLength: 4 }).map((groups) => ({ ...DEFAULT_POLICY, groups }))
  const subjectArb = fc.record({
    memberId: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5'),
    dept: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5'),
  })

  it('property: precedence, idempotence, and the many-member resolver agrees', () => {
    fc.assert(
      fc.property(policyArb, subjectArb, (p, m) => {
        const rule = ruleFor(p, m)
        const listed = p.groups.find((g) => g.members.includes(m.memberId))
        const byDept = p.groups.find((g) => g.departments.includes(m.dept))
        const expected = listed ?? byDept
        expect(groupOf(p, m)).toBe(expected ?? null)
        expect(rule.window).toEqual(expected?.window ?? p.window)
        expect(rule.quota.cap).toBe(expected?.quota ? expected.quota.cap : p.quota.cap)
        expect(rule).not.toHaveProperty('groups')
        expect(ruleFor(rule, m)).toEqual(rule)
        expect(ruleResolver(p)(m)).toEqual({ group: expected?.name ?? null, rule })
        // the lookback of the whole policy covers every member's own window
        expect(lookbackDays(p, '2026-11-27')).toBeGreaterThanOrEqual(lookbackDays(rule, '2026-11-27'))
      }),
    )
  })
})

describe('the judges use the member rule', () => {
  const member = (memberId: string, dept: string): MemberProfile => ({
    companyId: 'c1',
    memberId,
    dept,
    joinedOn: '2026-01-01',
    region: '北京',
    makeupEnabled: true,
    identityBound: false,
    extraVerified: false,
  })
  // Friday 2026-11-27, 10:00 in Shanghai
  const friday = new Date('2026-11-27T02:00:00Z')

  it('allowed days: the group window opens days the company window does not', () => {
    const days = (m: MemberProfile) => allowedSlots(m, policy, friday, EMPTY_FACTS).slots.map((s) => s.day)
    // company: 3 working days back from Fri 27 → Tue 24; group: 10 natural days → Tue 17
    expect(days(member('m2', '研发部'))).not.toContain('2026-11-18')
    expect(days(member('m7', '研发部'))).toContain('2026-11-18')
    expect(lookbackDays(policy, '2026-11-27')).toBeGreaterThanOrEqual(17)
  })

  it('allowed days: the group quota cycle and cap', () => {
    const view = allowedSlots(member('m1', '生产部'), policy, friday, {
      ...EMPTY_FACTS,
      quotaUsed: { '2026-11': 3, '2026-Q4': 2 },
    })
    expect(view.quota.find((q) => q.cycle === '2026-Q4')).toMatchObject({ cap: 5, used: 2, remaining: 3 })
    expect(view.slots.length).toBeGreaterThan(0)
    // the company member with the same month use is out of quota
    const company = allowedSlots(member('m2', '研发部'), policy, friday, {
      ...EMPTY_FACTS,
      quotaUsed: { '2026-11': 3 },
    })
    expect(company.slots).toEqual([])
  })

  it('submit: the group evidence rule and cycle', () => {
    const input = {
      day: '2026-11-26',
      report: { status: 'well' as const, temperature: 36.5, region: '北京', healthCode: 'green' as const },
      reason: '忘记打卡',
      attachments: [],
    }
    expect(() => judgeSubmission(input, member('m2', '研发部'), policy, friday, EMPTY_FACTS)).toThrow(
      expect.objectContaining({ code: 'ATTACHMENT_REQUIRED' }),
    )
    expect(judgeSubmission(input, member('m7', '研发部'), policy, friday, EMPTY_FACTS).cycle).toBe('2026-11')
    expect(
      judgeSubmission(
        { ...input, attachments: [], attachmentKind: undefined },
        member('m1', '生产部'),
        { ...policy, attachments: { ...policy.attachments, rule: 'none' } },
        friday,
        EMPTY_FACTS,
      ).cycle,
    ).toBe('2026-Q4')
  })

  it('everyRule lists the company rule and each group rule', () => {
    expect(everyRule(policy).map((r) => r.window.days)).toEqual([3, 10, 3])
  })
})

describe('validatePolicy: groups', () => {
  const refusedWith = (p: unknown) => {
    try {
      validatePolicy(p)
    } catch (e) {
      return e as DomainError
    }
    throw new Error('accepted')
  }

  it('accepts groups and keeps them', () => {
    expect(validatePolicy(policy).groups).toEqual(policy.groups)
  })

  it('refuses a member listed in two groups, with a Chinese message and a next step', () => {
    const e = refusedWith({ ...policy, groups: [field, { ...production, members: ['m7'] }] })
    expect(e.code).toBe('POLICY_GROUP_OVERLAP')
    expect(e.vars).toEqual({ a: '外勤人员', b: '生产部门' })
    expect(ERRORS.POLICY_GROUP_OVERLAP.next).toMatch(/移除/)
  })

  it('refuses a department in two groups', () => {
    const e = refusedWith({ ...policy, groups: [{ ...field, departments: ['生产部'] }, production] })
    expect(e.code).toBe('POLICY_GROUP_DEPT_OVERLAP')
    expect(e.vars).toMatchObject({ dept: '生产部' })
  })

  it('refuses a duplicate name, an empty group, and what the company rule refuses', () => {
    expect(refusedWith({ ...policy, groups: [field, { ...production, name: '外勤人员' }] }).code).toBe(
      'POLICY_GROUP_NAME_TAKEN',
    )
    expect(refusedWith({ ...policy, groups: [{ ...field, members: [] }] }).code).toBe('POLICY_GROUP_EMPTY')
    expect(
      refusedWith({
        ...policy,
        review: 'auto',
        groups: [{ ...production, quota: { cap: 0, cycle: { kind: 'month' } } }],
      }).code,
    ).toBe('POLICY_CAP_CONFLICT')
    expect(
      refusedWith({ ...policy, groups: [{ ...field, window: { days: 181, unit: 'natural' } }] }).code,
    ).toBe('POLICY_INVALID')
    expect(refusedWith({ ...policy, groups: [{ ...field, name: '$set' }] }).code).toBe('POLICY_INVALID')
  })

  it('stays small: at most 20 groups, 500 listed members each, 1000 in all', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({
      name: `组${i}`,
      departments: [`d${i}`],
      members: [],
    }))
    expect(refusedWith({ ...policy, groups: many }).code).toBe('POLICY_INVALID')
    const big = { ...field, members: Array.from({ length: 501 }, (_, i) => `m${i}`) }
    expect(refusedWith({ ...policy, groups: [big] }).code).toBe('POLICY_INVALID')
    const listed = (g: number) => ({
      name: `组${g}`,
      departments: [],
      members: Array.from({ length: 400 }, (_, i) => `m${g}-${i}`),
    })
    expect(validatePolicy({ ...policy, groups: [listed(1), listed(2)] }).groups).toHaveLength(2)
    expect(refusedWith({ ...policy, groups: [listed(1), listed(2), listed(3)] }).code).toBe('POLICY_INVALID')
  })
})

describe('groupPreview', () => {
  const members: GroupMemberRow[] = [
    { _id: 'm1', name: '张三', dept: '生产部' },
    { _id: 'm2', name: '李四', dept: '研发部' },
    { _id: 'm3', name: '王五', dept: '生产部/一车间' },
    { _id: 'm7', name: '赵六', dept: '生产部' },
  ]
  const { groups: _g, ...current } = policy

  it('counts who is under which rule and lists whose rule changes, and how', () => {
    const p = groupPreview(current, policy, members)
    expect(p.total).toBe(4)
    expect(p.groups).toEqual([
      { name: null, count: 1, before: 4, changed: 0, sample: ['李四'] },
      { name: '外勤人员', count: 1, before: 0, changed: 1, sample: ['赵六'] },
      { name: '生产部门', count: 2, before: 0, changed: 2, sample: ['张三', '王五'] },
    ])
    expect(p.changedTotal).toBe(3)
    expect(p.changes.find((c) => c.memberId === 'm7')).toEqual({
      memberId: 'm7',
      name: '赵六',
      dept: '生产部',
      from: null,
      to: '外勤人员',
      aspects: ['window', 'evidence'],
    })
    expect(p.changes.find((c) => c.memberId === 'm1')?.aspects).toEqual(['quota', 'cycle'])
    expect(p.unknownMembers).toEqual([])
  })

  it('names listed ids that are no member, and caps the list but not the count', () => {
    const p = groupPreview(
      current,
      { ...policy, groups: [{ ...field, members: ['m7', 'gone'] }] },
      members,
      0,
    )
    expect(p.unknownMembers).toEqual(['gone'])
    expect(p.changes).toEqual([])
    expect(p.changedTotal).toBe(1)
  })

  it('property: nothing changes when nothing is edited; counts add up', () => {
    const rows = fc.array(
      fc.record({
        _id: fc.constantFrom('m1', 'm2', 'm3', 'm7', 'm8'),
        name: fc.constant('某'),
        dept: fc.constantFrom('生产部', '研发部', '生产部/一车间'),
      }),
      { maxLength: 30 },
    )
    fc.assert(
      fc.property(rows, (ms) => {
        const same = groupPreview(policy, policy, ms)
        expect(same.changedTotal).toBe(0)
        const p = groupPreview(current, policy, ms)
        expect(p.groups.reduce((n, g) => n + g.count, 0)).toBe(ms.length)
        expect(p.groups.reduce((n, g) => n + g.before, 0)).toBe(ms.length)
        expect(p.groups.reduce((n, g) => n + g.changed, 0)).toBe(p.changedTotal)
      }),
    )
  })
})

describe('policyChanges: groups by name', () => {
  it('one line per added group, override and membership change', () => {
    const { groups: _g, ...current } = policy
    expect(policyChanges({ ...current, groups: [field] }, policy)).toEqual([
      'groups.生产部门: 新增',
      'groups.生产部门.quota: {"cap":5,"cycle":{"kind":"quarter"}}',
      'groups.生产部门.departments: +生产部、生产部/一车间',
    ])
    const edited = { ...policy, groups: [{ ...field, members: ['m7', 'm8'], window: undefined }] }
    expect(policyChanges(policy, edited)).toEqual([
      'groups.生产部门: 删除',
      'groups.外勤人员.window: {"days":10,"unit":"natural"} → —',
      'groups.外勤人员.members: +m8',
    ])
  })

  it('a group’s own approval chain is a change (else saving only that would save nothing)', () => {
    const approval = { steps: [{ kind: 'hr' as const }], cc: [{ memberId: 'h1' }] }
    const edited = { ...policy, groups: [{ ...field, approval }, production] }
    expect(policyChanges(policy, edited)).toEqual([
      'groups.外勤人员.approval: — → {"cc":[{"memberId":"h1"}],"steps":[{"kind":"hr"}]}',
    ])
    expect(policyChanges(edited, policy)).toEqual([
      'groups.外勤人员.approval: {"cc":[{"memberId":"h1"}],"steps":[{"kind":"hr"}]} → —',
    ])
  })
})
