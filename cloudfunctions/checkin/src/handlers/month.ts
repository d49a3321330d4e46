import type { Api } from '../../../../core/api'
import { monthBounds } from '../../../../core/dates'
import { monthView } from '../../../../core/month'
import { checkinsBetween } from '../../../_shared/repositories/checkins'
import { requestsBetween } from '../../../_shared/repositories/makeups'
import { requireCaller } from '../../../_shared/repositories/members'
import { grantsOf } from '../../../_shared/repositories/specials'
import type { Context } from '../../../_shared/router'

type In = Api['checkin']['month'][0]
type Out = Api['checkin']['month'][1]

export async function month(input: In, { db, openid, now }: Context): Promise<Out> {
  const { member, company } = await requireCaller(db, openid)
  const { first, last } = monthBounds(input.month)
  const [records, requests, grants] = await Promise.all([
    checkinsBetween(db, company._id, member._id, first, last),
    requestsBetween(db, company._id, member._id, first, last),
    grantsOf(db, company._id, member._id),
  ])
  return monthView(input.month, now, member.joinedOn, company.policy.calendar, {
    records,
    requests,
    grantedDays: grants.filter((g) => g.grantDeadline && g.grantDeadline >= now).map((g) => g.day),
  })
}
