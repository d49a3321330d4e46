import type { Api } from '@core/api'
import { localDay } from '@core/calendar'
import { allowedSlots, effectivePolicy, ruleFor } from '@core/policy'
import { factsOf, lastReportOf, requireLookback } from '@server/facts'
import { memberProfile } from '@server/repositories/members'
import type { Context } from '@server/router'

type In = Api['makeup']['slots'][0]
type Out = Api['makeup']['slots'][1]

/**
 * One round trip for windows up to a month: the caller and the lookback's facts (and so the latest report) in one
 * aggregation; a longer window adds one more, its older days read in pages at once.
 */
export async function slots(input: In, { db, openid, now }: Context): Promise<Out> {
  const today = localDay(now)
  const { days, from } = await requireLookback(db, openid, today)
  const { member, company } = days.caller
  const { judgements: _omitted, ...view } = allowedSlots(
    memberProfile(member, now),
    company.policy,
    now,
    factsOf(days, from, input.clientVersion),
  )
  const { attachments } = effectivePolicy(ruleFor(company.policy, memberProfile(member, now)), member.region)
  return { ...view, lastReport: lastReportOf(days), attachments }
}
