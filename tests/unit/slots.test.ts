import fc from 'fast-check'
import { addDays, localDay } from '@core/calendar'
import { DomainError } from '@core/shared'
import {
  allowedSlots,
  cycleKey,
  DEFAULT_POLICY,
  effectivePolicy,
  EMPTY_FACTS,
  judgeDay,
  judgeSubmission,
  regionsOfDay,
  windowDeadline,
  type MemberFacts,
  type MemberProfile,
  type Policy,
} from '@core/policy'

const member: MemberProfile = {
  companyId: 'c1',
  memberId: 'm1',
  joinedOn: '2026-01-01',
  region: '北京',
  makeupEnabled: true,
  identityBound: false,
  extraVerified: false,
}
const policy: Policy = {
  ...DEFAULT_POLICY,
  cutoffDay: null,
  attachments: { ...DEFAULT_POLICY.attachments, rule: 'none' },
}
// Friday 2026-11-27, 10:00 in Shanghai
const friday = new Date('2026-11-27T02:00:00Z')

function judge(day: string, now = friday, p: Policy = policy, facts: Partial<MemberFacts> = {}, m = member) {
  return judgeDay(day, m, effectivePolicy(p, m.region), now, { ...EMPTY_FACTS, ...facts })
}
const codeOf = (j: ReturnType<typeof judge>) => (j.ok ? 'OK' : j.code)

describe('judgeDay: one reason per day', () => {
  it('a missed working day inside the window is makeable, with its deadline', () => {
    const j = judge('2026-11-25')
    expect(j.ok).toBe(true)
    // window 3 working days after Wed 25th: Thu 26, Fri 27, Mon 30
    if (j.ok) expect(j.deadline.toISOString()).toBe('2026-11-30T15:59:59.999Z')
  })

  it.each([
    ['2026-11-28', {}, 'DAY_IN_FUTURE'],
    ['2026-11-27', {}, 'DAY_TODAY_CHECKIN_OPEN'],
    ['2026-11-22', {}, 'DAY_NOT_REQUIRED'],
    ['2026-11-20', {}, 'MAKEUP_WINDOW_PASSED'],
    ['2026-11-25', { checkedDays: ['2026-11-25'] }, 'DAY_ALREADY_CHECKED'],
    ['2026-11-25', { openRequestDays: ['2026-11-25'] }, 'DAY_HAS_OPEN_REQUEST'],
    ['2026-11-25', { quotaUsed: { '2026-11': 3 } }, 'QUOTA_EXHAUSTED'],
  ] as const)('%s with %j → %s', (day, facts, code) => {
    expect(codeOf(judge(day, friday, policy, facts as Partial<MemberFacts>))).toBe(code)
  })

  it('days before joining', () => {
    expect(codeOf(judge('2026-11-25', friday, policy, {}, { ...member, joinedOn: '2026-11-26' }))).toBe(
      'DAY_BEFORE_JOINING',
    )
  })

  it('not enabled for this member when the policy needs enablement', () => {
    const p: Policy = { ...policy, enablement: 'enabled-only' }
    expect(codeOf(judge('2026-11-25', friday, p, {}, { ...member, makeupEnabled: false }))).toBe(
      'MAKEUP_NOT_ENABLED',
    )
    expect(codeOf(judge('2026-11-25', friday, p, {}, member))).toBe('OK')
  })

  it('region override: admin authorisation makes the feature enabled-only there', () => {
    const p: Policy = { ...policy, regions: { 上海: { adminAuthorisation: true } } }
    const sh = { ...member, region: '上海', makeupEnabled: false }
    expect(codeOf(judge('2026-11-25', friday, p, {}, sh))).toBe('MAKEUP_NOT_ENABLED')
    expect(codeOf(judge('2026-11-25', friday, p, {}, { ...sh, region: '北京' }))).toBe('OK')
  })

  it('region override: identity binding and extra verification', () => {
    const p: Policy = { ...policy, regions: { 上海: { identityBinding: true, extraVerification: true } } }
    const sh = { ...member, region: '上海' }
    expect(codeOf(judge('2026-11-25', friday, p, {}, sh))).toBe('IDENTITY_BINDING_REQUIRED')
    expect(codeOf(judge('2026-11-25', friday, p, {}, { ...sh, identityBound: true }))).toBe(
      'EXTRA_VERIFICATION_REQUIRED',
    )
    expect(
      codeOf(judge('2026-11-25', friday, p, {}, { ...sh, identityBound: true, extraVerified: true })),
    ).toBe('OK')
  })

  it('client too old (or unknown) when a minimum version is set', () => {
    const p: Policy = { ...policy, minClientVersion: '2.3.0' }
    expect(codeOf(judge('2026-11-25', friday, p, { clientVersion: '2.2.9' }))).toBe('CLIENT_TOO_OLD')
    expect(codeOf(judge('2026-11-25', friday, p, {}))).toBe('CLIENT_TOO_OLD')
    expect(codeOf(judge('2026-11-25', friday, p, { clientVersion: '2.3' }))).toBe('OK')
    expect(codeOf(judge('2026-11-25', friday, p, { clientVersion: '2.10.0' }))).toBe('OK')
  })

  it('today becomes a make-up day once the daily check-in closes', () => {
    const p: Policy = { ...policy, dailyCheckinCloses: '10:00' }
    expect(codeOf(judge('2026-11-27', new Date('2026-11-27T01:59:59Z'), p))).toBe('DAY_TODAY_CHECKIN_OPEN')
    expect(codeOf(judge('2026-11-27', new Date('2026-11-27T02:00:00Z'), p))).toBe('OK')
  })

  it('the cut-off day closes last month even inside the window', () => {
    const p: Policy = { ...policy, window: { days: 10, unit: 'natural' }, cutoffDay: 2 }
    // 2026-10-30 (Fri): window would run to Nov 9, cut-off is the end of Nov 2
    expect(codeOf(judge('2026-10-30', new Date('2026-11-02T15:59:59Z'), p))).toBe('OK')
    expect(codeOf(judge('2026-10-30', new Date('2026-11-02T16:00:00Z'), p))).toBe('MAKEUP_CUTOFF_PASSED')
    // when the window ends first, the reason is the window
    const q: Policy = { ...p, window: { days: 1, unit: 'natural' } }
    expect(codeOf(judge('2026-10-29', new Date('2026-11-01T00:00:00Z'), q))).toBe('MAKEUP_WINDOW_PASSED')
  })

  it('a special-handling grant opens a past-window day until its deadline', () => {
    const grants = [{ day: '2026-11-02', deadline: new Date('2026-11-28T15:59:59.999Z') }]
    const j = judge('2026-11-02', friday, policy, { grants })
    expect(j.ok && j.granted).toBe(true)
    expect(codeOf(judge('2026-11-02', new Date('2026-11-28T16:00:00Z'), policy, { grants }))).toBe(
      'MAKEUP_WINDOW_PASSED',
    )
  })

  it('a free grant (charged: false) is not charged and not refused when the quota is used up', () => {
    const deadline = new Date('2026-11-28T15:59:59.999Z')
    const atCap = { quotaUsed: { '2026-11': 3 } }
    const free = judge('2026-11-02', friday, policy, {
      ...atCap,
      grants: [{ day: '2026-11-02', deadline, charged: false }],
    })
    expect(free).toMatchObject({ ok: true, granted: true, charged: false })
    // a grant HR did not waive is charged like any make-up: refused at the cap
    for (const charged of [true, undefined])
      expect(
        codeOf(
          judge('2026-11-02', friday, policy, {
            ...atCap,
            grants: [{ day: '2026-11-02', deadline, charged }],
          }),
        ),
      ).toBe('QUOTA_EXHAUSTED')
    // the free grant frees only its own day
    expect(
      codeOf(
        judge('2026-11-25', friday, policy, {
          ...atCap,
          grants: [{ day: '2026-11-02', deadline, charged: false }],
        }),
      ),
    ).toBe('QUOTA_EXHAUSTED')
  })

  it('maintenance extends the deadline by its length and the day is not charged', () => {
    const maintenance = [{ start: new Date('2026-11-20T01:00:00Z'), end: new Date('2026-11-23T01:00:00Z') }]
    const d = windowDeadline('2026-11-20', policy, maintenance)
    // normal: Mon 23, Tue 24, Wed 25 → end of 25th; plus 72 h
    expect(d.deadline.toISOString()).toBe('2026-11-28T15:59:59.999Z')
    expect(d.charged).toBe(false)
    const j = judge('2026-11-20', friday, policy, { maintenance, quotaUsed: { '2026-11': 3 } })
    expect(j.ok && !j.charged).toBe(true)
  })

  it('window 0 = same day only (after the daily check-in closes)', () => {
    const p: Policy = { ...policy, window: { days: 0, unit: 'natural' }, dailyCheckinCloses: '09:00' }
    expect(codeOf(judge('2026-11-27', friday, p))).toBe('OK')
    expect(codeOf(judge('2026-11-26', friday, p))).toBe('MAKEUP_WINDOW_PASSED')
  })
})

describe('UTC 16:00–24:00: the Shanghai date is already tomorrow', () => {
  // 2026-11-30 is a Monday. At UTC 2026-11-30T17:00Z it is already Tuesday 01:00 in Shanghai.
  it('Monday becomes a past day (makeable), not today', () => {
    const late = new Date('2026-11-30T17:00:00Z')
    expect(localDay(late)).toBe('2026-12-01')
    expect(codeOf(judge('2026-11-30', late))).toBe('OK')
    expect(codeOf(judge('2026-12-01', late))).toBe('DAY_TODAY_CHECKIN_OPEN')
  })

  it('a deadline at the end of a Shanghai day passes at UTC 16:00', () => {
    // Wed 25th: deadline end of Mon 30th Shanghai = 2026-11-30T15:59:59.999Z
    expect(codeOf(judge('2026-11-25', new Date('2026-11-30T15:59:59.999Z')))).toBe('OK')
    expect(codeOf(judge('2026-11-25', new Date('2026-11-30T16:00:00.000Z')))).toBe('MAKEUP_WINDOW_PASSED')
  })

  it('for every hour of the UTC evening, the judged day and the slots agree with Shanghai', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16 * 60, max: 24 * 60 - 1 }),
        fc.integer({ min: 0, max: 365 }),
        (minute, dayOffset) => {
          const base = Date.UTC(2026, 0, 1) + dayOffset * 86_400_000
          const now = new Date(base + minute * 60_000)
          const view = allowedSlots(member, policy, now, EMPTY_FACTS)
          return (
            view.today === addDays(new Date(base).toISOString().slice(0, 10), 1) &&
            view.slots.every((s) => s.day < view.today)
          )
        },
      ),
    )
  })
})

describe('quota cycles at boundaries', () => {
  it('month, quarter and custom cycle keys', () => {
    expect(cycleKey('2026-03-31', { kind: 'month' })).toBe('2026-03')
    expect(cycleKey('2026-04-01', { kind: 'month' })).toBe('2026-04')
    expect(cycleKey('2026-03-31', { kind: 'quarter' })).toBe('2026-Q1')
    expect(cycleKey('2026-04-01', { kind: 'quarter' })).toBe('2026-Q2')
    expect(cycleKey('2026-11-04', { kind: 'custom', startDay: 5 })).toBe('C2026-10-05')
    expect(cycleKey('2026-11-05', { kind: 'custom', startDay: 5 })).toBe('C2026-11-05')
  })

  it('a day is charged to the cycle it belongs to, not the cycle of submission', () => {
    const p: Policy = { ...policy, window: { days: 5, unit: 'natural' } }
    // made up on Dec 1st (Shanghai), the missed day Nov 30th counts to November
    const now = new Date('2026-11-30T17:00:00Z')
    expect(codeOf(judge('2026-11-30', now, p, { quotaUsed: { '2026-11': 3, '2026-12': 0 } }))).toBe(
      'QUOTA_EXHAUSTED',
    )
    expect(codeOf(judge('2026-11-30', now, p, { quotaUsed: { '2026-11': 2, '2026-12': 3 } }))).toBe('OK')
  })

  it('the slots view reports the remaining quota of each affected cycle', () => {
    const p: Policy = { ...policy, window: { days: 10, unit: 'natural' } }
    const view = allowedSlots(member, p, new Date('2026-12-02T02:00:00Z'), {
      ...EMPTY_FACTS,
      quotaUsed: { '2026-11': 2 },
    })
    expect(view.quota).toEqual([
      { cycle: '2026-11', cap: 3, used: 2, remaining: 1 },
      { cycle: '2026-12', cap: 3, used: 0, remaining: 3 },
    ])
  })

  it('no cap: remaining is -1 and nothing is exhausted', () => {
    const p: Policy = { ...policy, quota: { ...policy.quota, cap: null } }
    expect(codeOf(judge('2026-11-25', friday, p, { quotaUsed: { '2026-11': 99 } }))).toBe('OK')
  })
})

describe('allowedSlots', () => {
  it('lists makeable days and blocked days with one reason each; rest days are not listed', () => {
    const view = allowedSlots(member, policy, friday, { ...EMPTY_FACTS, checkedDays: ['2026-11-26'] })
    expect(view.today).toBe('2026-11-27')
    expect(view.slots.map((s) => s.day)).toEqual(['2026-11-24', '2026-11-25'])
    expect(view.blocked.find((b) => b.day === '2026-11-26')?.code).toBe('DAY_ALREADY_CHECKED')
    expect(view.blocked.find((b) => b.day === '2026-11-20')?.code).toBe('MAKEUP_WINDOW_PASSED')
    expect([...view.slots, ...view.blocked].some((d) => d.day === '2026-11-22')).toBe(false)
    expect(view.slots[0].deadline).toBe('2026-11-27T23:59:59.999+08:00')
  })

  it('lists a free grant’s day as a slot not charged while the quota is used up', () => {
    const grants = [{ day: '2026-11-02', deadline: new Date('2026-11-28T15:59:59.999Z'), charged: false }]
    const view = allowedSlots(member, policy, friday, { ...EMPTY_FACTS, quotaUsed: { '2026-11': 3 }, grants })
    expect(view.slots).toEqual([
      expect.objectContaining({ day: '2026-11-02', granted: true, charged: false }),
    ])
    expect(view.blocked.find((b) => b.day === '2026-11-25')?.code).toBe('QUOTA_EXHAUSTED')
  })

  it('every listed day is either a slot or blocked, never both', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 23 }), (d, h) => {
        const now = new Date(Date.UTC(2026, 0, 1, h) + d * 86_400_000)
        const v = allowedSlots(member, policy, now, EMPTY_FACTS)
        const slotDays = new Set(v.slots.map((s) => s.day))
        return (
          v.blocked.every((b) => !slotDays.has(b.day)) && v.slots.every((s) => new Date(s.deadline) >= now)
        )
      }),
    )
  })
})

describe('judgeSubmission', () => {
  const report = { status: 'well' as const, temperature: 36.5, region: '北京', healthCode: 'green' as const }
  const own = 'cloud://env-1.bucket/companies/c1/members/m1/a1b2c3.jpg'
  const strict: Policy = { ...DEFAULT_POLICY, cutoffDay: null }
  const submit = (over: object, p: Policy = strict) =>
    judgeSubmission(
      {
        day: '2026-11-25',
        report,
        reason: '忘记了',
        attachments: [own],
        attachmentKind: 'healthCode',
        ...over,
      },
      member,
      p,
      friday,
      EMPTY_FACTS,
    )
  const refusal = (over: object, p?: Policy) => {
    try {
      submit(over, p)
      return 'accepted'
    } catch (e) {
      return (e as DomainError).code
    }
  }

  it('judges a day by the person’s region, and by the reported one where it is stricter', () => {
    const p: Policy = { ...strict, regions: { 上海: { identityBinding: true } } }
    // profile region 北京, but the employee was in 上海 that day: 上海 requires a bound identity
    expect(refusal({ report: { ...report, region: '上海' } }, p)).toBe('IDENTITY_BINDING_REQUIRED')
    expect(refusal({}, p)).toBe('accepted')
    // a member of 上海 who types 北京 into the report is still under 上海's rules
    const shMember = { ...member, region: '上海' }
    const claimed = {
      day: '2026-11-25',
      report: { ...report, region: '北京' },
      reason: '出差',
      attachments: [own],
      attachmentKind: 'healthCode' as const,
    }
    for (const region of ['北京', ' 北京 ', '', '__proto__', 'constructor'])
      expect(() =>
        judgeSubmission({ ...claimed, report: { ...report, region } }, shMember, p, friday, EMPTY_FACTS),
      ).toThrow(expect.objectContaining({ code: 'IDENTITY_BINDING_REQUIRED' }))
    // bound, the same member may submit from anywhere
    const bound = { ...shMember, identityBound: true }
    expect(judgeSubmission(claimed, bound, p, friday, EMPTY_FACTS)).toMatchObject({ day: '2026-11-25' })
  })

  it('applies every override of the person’s regions: extra verification and admin authorisation too', () => {
    const p: Policy = { ...strict, regions: { 上海: { extraVerification: true, adminAuthorisation: true } } }
    const eff = effectivePolicy(p, regionsOfDay({ region: '上海' }, { region: '北京' }))
    expect(eff).toMatchObject({ extraVerificationRequired: true, enablement: 'enabled-only' })
    expect(effectivePolicy(p, regionsOfDay({ region: '北京' }, { region: '北京' }))).toMatchObject({
      extraVerificationRequired: false,
      enablement: strict.enablement,
    })
    expect(regionsOfDay({ region: '上海' }, { region: ' 北京 ' })).toEqual(['上海', '北京'])
    expect(regionsOfDay({ region: '上海' }, {})).toEqual(['上海'])
  })

  it('waits while a maintenance window is in progress', () => {
    const during = { ...EMPTY_FACTS, maintenance: [{ start: new Date('2026-11-27T01:00:00Z'), end: friday }] }
    const input = {
      day: '2026-11-25',
      report,
      reason: '忘记了',
      attachments: [own],
      attachmentKind: 'healthCode' as const,
    }
    expect(() => judgeSubmission(input, member, strict, new Date('2026-11-27T01:30:00Z'), during)).toThrow(
      expect.objectContaining({ code: 'MAINTENANCE_ACTIVE' }),
    )
    // the window's end is exclusive: at `friday` it is over
    expect(judgeSubmission(input, member, strict, friday, during)).toMatchObject({ day: '2026-11-25' })
  })

  it('accepts a valid submission and records the policy version', () => {
    expect(submit({})).toMatchObject({ day: '2026-11-25', cycle: '2026-11', charged: true, policyVersion: 1 })
  })

  it.each([
    [{ day: '2026-11-28' }, 'DAY_IN_FUTURE'],
    [{ reason: '  ' }, 'FIELD_REQUIRED'],
    [{ attachments: [] }, 'ATTACHMENT_REQUIRED'],
    [{ attachmentKind: 'testReport' }, 'ATTACHMENT_REQUIRED'],
    [{ attachments: ['cloud://env-1.bucket/companies/c1/members/m2/a1.jpg'] }, 'ATTACHMENT_FORBIDDEN'],
    [{ attachments: ['cloud://env-1.bucket/companies/c2/members/m1/a1.jpg'] }, 'ATTACHMENT_FORBIDDEN'],
    [{ attachments: ['cloud://env-1.bucket/companies/c1/members/m1/../m2/a1.jpg'] }, 'ATTACHMENT_FORBIDDEN'],
    [{ attachments: ['cloud://env-1.bucket/companies/c1/members/m1/a1.exe'] }, 'ATTACHMENT_FORBIDDEN'],
    [{ attachments: ['cloud://env-1.bucket/companies/c1/members/m1/a1.pdf'] }, 'ATTACHMENT_INVALID'],
    [{ attachments: [own, own, own, own] }, 'ATTACHMENT_INVALID'],
  ])('%j → %s', (over, code) => {
    expect(refusal(over)).toBe(code)
  })

  it("'either' accepts a test report, 'none' needs nothing", () => {
    expect(
      refusal(
        { attachmentKind: 'testReport' },
        { ...strict, attachments: { ...strict.attachments, rule: 'either' } },
      ),
    ).toBe('accepted')
    expect(
      refusal({ attachments: [] }, { ...strict, attachments: { ...strict.attachments, rule: 'none' } }),
    ).toBe('accepted')
  })
})
