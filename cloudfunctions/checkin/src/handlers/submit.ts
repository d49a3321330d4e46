import type { Api } from '../../../../core/api'
import { atLocalTime, localDay } from '../../../../core/dates'
import { DomainError } from '../../../../core/errors'
import { checkinId } from '../../../../core/records'
import { temperatureInRange } from '../../../../core/schemas'
import { insertCheckin } from '../../../_shared/repositories/checkins'
import { requireCaller } from '../../../_shared/repositories/members'
import type { Context } from '../../../_shared/router'

type In = Api['checkin']['submit'][0]
type Out = Api['checkin']['submit'][1]

/** Today's daily check-in. The record's _id is member+day, so a retried or duplicated submit cannot double it. */
export async function submit(input: In, { db, openid, now }: Context): Promise<Out> {
  const { member, company } = await requireCaller(db, openid)
  if (!temperatureInRange(input.report.temperature)) throw new DomainError('TEMPERATURE_OUT_OF_RANGE')
  const day = localDay(now)
  const closes = company.policy.dailyCheckinCloses
  if (closes && now >= atLocalTime(day, closes)) throw new DomainError('CHECKIN_CLOSED')
  const { record, inserted } = await insertCheckin(db, {
    _id: checkinId(member._id, day),
    companyId: company._id,
    memberId: member._id,
    day,
    report: input.report,
    source: 'daily',
    clientRequestId: input.clientRequestId,
    at: now,
  })
  if (inserted) return { day, duplicate: false }
  if (record.clientRequestId === input.clientRequestId) return { day, duplicate: true }
  throw new DomainError('ALREADY_CHECKED_IN')
}
