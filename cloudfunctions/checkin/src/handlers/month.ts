import type { Api } from '@core/api'
import { monthBounds } from '@core/calendar'
import { monthView } from '@core/checkin'
import { monthFactsOf, requireMemberDays } from '@server/facts'
import type { Context } from '@server/router'

type In = Api['checkin']['month'][0]
type Out = Api['checkin']['month'][1]

/**
 * One round trip: the caller, the month's records and special handling, and the quota documents whose open
 * days are the days with a pending or returned request (the reservation transaction keeps them exact), and the
 * days HR recorded as leave.
 */
export async function month(input: In, { db, openid, now }: Context): Promise<Out> {
  const { first, last } = monthBounds(input.month)
  const days = await requireMemberDays(db, openid, first, last)
  const { member, company } = days.caller
  return monthView(input.month, now, member.joinedOn, company.policy.calendar, monthFactsOf(days, now))
}
