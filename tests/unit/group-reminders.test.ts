// Reminder times per rule group: a member's time (checkinReminderAtOf with ruleFor's precedence), the times a
// company's timer handles, the group resolver that agrees with groupOf, validation naming the group, the preview's
// '提醒时间' aspect and the audit line.
import fc from 'fast-check'
import {
  checkinReminderAtOf,
  checkinReminderTimes,
  DEFAULT_POLICY,
  groupOf,
  groupResolver,
  ruleResolver,
  RULE_ASPECT_LABEL,
  type Policy,
  type RuleGroup,
} from '@core/policy'
import { checkinReminderDue } from '@core/notices'
import { EMPTY_CALENDAR } from '@core/calendar'
import { groupPreview, policyChanges, validatePolicy } from '@core/admin'
import { DomainError, ERRORS, refusal } from '@core/shared'

const early: RuleGroup = { name: '早班', departments: ['生产部'], members: [], checkinReminderAt: '08:00' }
const quiet: RuleGroup = { name: '外勤', departments: [], members: ['m7'], checkinReminderAt: null }
const plain: RuleGroup = { name: '研发', departments: ['研发部'], members: ['m1'] }
const policy: Policy = { ...DEFAULT_POLICY, dailyCheckinCloses: '18:00', groups: [early, quiet, plain] }

const timeFor = (p: Policy, companyAt: string | null, memberId: string, dept: string) =>
  checkinReminderAtOf(groupOf(p, { memberId, dept }), companyAt)

describe("a member's reminder time", () => {
  it("the group's own time, none when the group sets null, else the company's", () => {
    expect(timeFor(policy, '10:00', 'm2', '生产部')).toBe('08:00')
    expect(timeFor(policy, '10:00', 'm7', '生产部')).toBeNull() // listed in 外勤: the listing wins
    expect(timeFor(policy, '10:00', 'm1', '生产部')).toBe('10:00') // listed in 研发, which has no time of its own
    expect(timeFor(policy, '10:00', 'm3', '财务部')).toBe('10:00') // in no group
    expect(timeFor(policy, null, 'm3', '财务部')).toBeNull()
    expect(timeFor(policy, null, 'm2', '生产部')).toBe('08:00') // a group may remind when the company does not
    expect(timeFor(DEFAULT_POLICY, '09:30', 'm2', '生产部')).toBe('09:30') // a policy saved before groups
  })

  it('the times the timer handles: the company time and the groups’ own, once each, sorted', () => {
    expect(checkinReminderTimes(policy, '10:00')).toEqual(['08:00', '10:00'])
    expect(checkinReminderTimes(policy, null)).toEqual(['08:00'])
    expect(
      checkinReminderTimes({ groups: [early, { ...plain, checkinReminderAt: '08:00' }] }, '08:00'),
    ).toEqual(['08:00'])
    expect(checkinReminderTimes({}, null)).toEqual([])
  })

  it('due in Shanghai time when the function runs in UTC: 07:30 there is 23:30 UTC the day before', () => {
    const s = { checkinReminderAt: '07:30' }
    const p = { dailyCheckinCloses: '18:00', calendar: EMPTY_CALENDAR }
    expect(checkinReminderDue(new Date('2026-11-26T23:29:00Z'), s, p)).toBeNull()
    // Thursday 26 in UTC, Friday 27 in Shanghai: the reminder is Friday's
    expect(checkinReminderDue(new Date('2026-11-26T23:30:00Z'), s, p)).toBe('2026-11-27')
    // Friday 23:30 UTC is Saturday 07:30 in Shanghai: no working day, no reminder
    expect(checkinReminderDue(new Date('2026-11-27T23:30:00Z'), s, p)).toBeNull()
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
      checkinReminderAt: fc.option(fc.constantFrom('07:30', '08:00', '10:00'), { nil: null }),
    },
    { requiredKeys: ['name', 'departments', 'members'] },
  )
  const policyArb = fc.array(groupArb, { maxLength: 4 }).map((groups) => ({ ...DEFAULT_POLICY, groups }))
  const subjectArb = fc.record({
    memberId: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5'),
    dept: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5'),
  })
  const companyArb = fc.option(fc.constantFrom('08:00', '09:30'), { nil: null })

  it("property: the time follows ruleFor's group; the resolvers agree with groupOf; it is one of the times", () => {
    fc.assert(
      fc.property(policyArb, subjectArb, companyArb, (p, m, companyAt) => {
        const g = groupOf(p, m)
        expect(groupResolver(p)(m)).toBe(g)
        expect(ruleResolver(p)(m).group).toBe(g?.name ?? null)
        const t = checkinReminderAtOf(g, companyAt)
        expect(t).toBe(g && 'checkinReminderAt' in g ? g.checkinReminderAt : companyAt)
        expect(ruleResolver(p)(m).checkinReminderAt).toBe(g?.checkinReminderAt)
        if (t !== null) expect(checkinReminderTimes(p, companyAt)).toContain(t)
      }),
    )
  })
})

describe('validatePolicy: a group’s reminder time', () => {
  const refusedWith = (p: unknown) => {
    try {
      validatePolicy(p)
    } catch (e) {
      return e as DomainError
    }
    throw new Error('accepted')
  }

  it('keeps a time, null and absent', () => {
    expect(validatePolicy(policy).groups?.map((g) => g.checkinReminderAt)).toEqual(['08:00', null, undefined])
  })

  it('refuses a time that is not one, naming the group', () => {
    for (const t of ['8:00', '24:00', '08:60', 'abc']) {
      const e = refusedWith({ ...policy, groups: [{ ...early, checkinReminderAt: t }] })
      expect(e.code).toBe('NOTICE_TIME_INVALID')
      expect(refusal(e.code, e.vars).message).toBe('提醒设置不正确：规则组"早班"的每日打卡提醒时间')
    }
    expect(refusedWith({ ...policy, groups: [{ ...early, checkinReminderAt: 800 }] }).code).toBe(
      'POLICY_INVALID',
    )
  })

  it('refuses a time at or after the check-in closes (it would never go out), naming the group', () => {
    const e = refusedWith({ ...policy, groups: [{ ...early, checkinReminderAt: '18:00' }] })
    expect(e.code).toBe('POLICY_GROUP_REMINDER_AFTER_CLOSE')
    expect(refusal(e.code, e.vars).message).toBe(
      '规则组"早班"的每日打卡提醒晚于打卡截止时间（18:00），提醒不会发出',
    )
    expect(ERRORS.POLICY_GROUP_REMINDER_AFTER_CLOSE.next).toMatch(/提醒时间/)
    expect(validatePolicy({ ...policy, groups: [{ ...early, checkinReminderAt: '17:59' }] })).toBeTruthy()
    // closing the check-in earlier than a group's time is refused the same way
    expect(refusedWith({ ...policy, dailyCheckinCloses: '07:00' }).code).toBe(
      'POLICY_GROUP_REMINDER_AFTER_CLOSE',
    )
    expect(validatePolicy({ ...policy, dailyCheckinCloses: null })).toBeTruthy()
  })
})

describe('preview and audit of a reminder time', () => {
  const members = [
    { _id: 'm2', name: '张三', dept: '生产部' },
    { _id: 'm3', name: '李四', dept: '财务部' },
    { _id: 'm7', name: '赵六', dept: '生产部' },
  ]

  it("names '提醒时间' for whose time changes, and nobody else", () => {
    const before = { ...policy, groups: [{ ...early, checkinReminderAt: undefined }, quiet, plain] }
    const p = groupPreview(before, policy, members)
    expect(p.changes.map((c) => [c.memberId, c.aspects])).toEqual([['m2', ['reminder']]])
    expect(RULE_ASPECT_LABEL.reminder).toBe('提醒时间')
    expect(groupPreview(policy, policy, members).changedTotal).toBe(0)
  })

  it('one audit line per group whose time changes', () => {
    const after = {
      ...policy,
      groups: [{ ...early, checkinReminderAt: '07:30' }, { ...quiet, checkinReminderAt: undefined }, plain],
    }
    expect(policyChanges(policy, after)).toEqual([
      'groups.早班.checkinReminderAt: "08:00" → "07:30"',
      'groups.外勤.checkinReminderAt: null → —',
    ])
  })
})
