// Random policies, facts and instants: the slots view and the submission judge always agree.
import fc from 'fast-check'
import { addDays, isWorkingDay, localDay } from '@core/calendar'
import { DomainError } from '@core/shared'
import {
  allowedSlots,
  cycleKey,
  DEFAULT_POLICY,
  judgeSubmission,
  type MemberFacts,
  type MemberProfile,
  type Policy,
} from '@core/policy'

const member: MemberProfile = {
  companyId: 'c1',
  memberId: 'm1',
  joinedOn: '2026-03-10',
  region: '北京',
  makeupEnabled: true,
  identityBound: true,
  extraVerified: true,
}

const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    days: fc.integer({ min: 0, max: 15 }),
    unit: fc.constantFrom('natural' as const, 'working' as const),
    cutoffDay: fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
    cycle: fc.oneof(
      fc.constant({ kind: 'month' as const }),
      fc.constant({ kind: 'quarter' as const }),
      fc.integer({ min: 1, max: 31 }).map((startDay) => ({ kind: 'custom' as const, startDay })),
    ),
    cap: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    closes: fc.option(fc.constantFrom('09:00', '18:30'), { nil: null }),
  })
  .map(({ days, unit, cutoffDay, cycle, cap, closes }) => ({
    ...DEFAULT_POLICY,
    window: { days, unit },
    cutoffDay,
    quota: { cycle, cap, refundOnRejection: true },
    dailyCheckinCloses: closes,
    attachments: { ...DEFAULT_POLICY.attachments, rule: 'none' },
  }))

// instants across 2026, any hour (UTC evenings included)
const nowArb = fc
  .integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 11, 31) })
  .map((ms) => new Date(ms))

const factsArb = (now: Date): fc.Arbitrary<MemberFacts> => {
  const recent = fc.integer({ min: 0, max: 31 }).map((n) => addDays(localDay(now), -n))
  return fc.record({
    checkedDays: fc.uniqueArray(recent, { maxLength: 10 }),
    openRequestDays: fc.uniqueArray(recent, { maxLength: 3 }),
    quotaUsed: fc.constant({}),
    grants: fc.constant([]),
    maintenance: fc.constant([]),
  })
}

const scenario = fc
  .tuple(policyArb, nowArb)
  .chain(([policy, now]) =>
    fc.tuple(fc.constant(policy), fc.constant(now), factsArb(now), fc.integer({ min: 0, max: 4 })),
  )

describe('allowedSlots and judgeSubmission agree', () => {
  it('every slot is accepted, every blocked day is refused with its own code', () => {
    fc.assert(
      fc.property(scenario, ([policy, now, baseFacts, used]) => {
        const facts = { ...baseFacts, quotaUsed: { [cycleKey(localDay(now), policy.quota.cycle)]: used } }
        const view = allowedSlots(member, policy, now, facts)
        const submit = (day: string) => {
          try {
            judgeSubmission(
              {
                day,
                report: { status: 'well', temperature: 36.5, region: '北京', healthCode: 'green' },
                reason: '忘记',
                attachments: [],
              },
              member,
              policy,
              now,
              facts,
            )
            return 'OK'
          } catch (e) {
            return (e as DomainError).code
          }
        }
        for (const s of view.slots) {
          if (submit(s.day) !== 'OK') return false
          if (new Date(s.deadline) < now) return false
          if (!isWorkingDay(s.day, policy.calendar)) return false
          if (facts.checkedDays.includes(s.day) || facts.openRequestDays.includes(s.day)) return false
        }
        for (const b of view.blocked) if (submit(b.day) !== b.code) return false
        return true
      }),
      { numRuns: 300 },
    )
  })
})
