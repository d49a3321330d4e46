import type { Api } from '@core/api'
import { addDays, localDay } from '@core/calendar'
import { allowedSlots, effectivePolicy, LOOKBACK_DAYS } from '@core/policy'
import { factsOf, lastReportOf, requireMemberDays } from '@server/facts'
import { memberProfile } from '@server/repositories/members'
import type { Context } from '@server/router'

type In = Api['makeup']['slots'][0]
type Out = Api['makeup']['slots'][1]

/** One round trip: the caller and the lookback's facts (and so the latest report) in one aggregation. */
export async function slots(input: In, { db, openid, now }: Context): Promise<Out> {
  const today = localDay(now)
  const from = addDays(today, -LOOKBACK_DAYS)
  const days = await requireMemberDays(db, openid, from, today)
  const { member, company } = days.caller
  const { judgements: _omitted, ...view } = allowedSlots(
    memberProfile(member, now),
    company.policy,
    now,
    factsOf(days, from, input.clientVersion),
  )
  const { attachments } = effectivePolicy(company.policy, member.region)
  return { ...view, lastReport: lastReportOf(days), attachments }
}
