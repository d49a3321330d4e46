import type { Api } from '@core/api'
import { atLocalTime, localDay } from '@core/calendar'
import { DomainError } from '@core/shared'
import { acceptedReport } from '@core/privacy'
import { checkinId } from '@core/makeup'
import { maintenanceActive } from '@core/policy'
import { requireMemberDays } from '@server/facts'
import { insertCheckin } from '@server/repositories/checkins'
import type { Context } from '@server/router'

type In = Api['checkin']['submit'][0]
type Out = Api['checkin']['submit'][1]

/**
 * Today's daily check-in. The record's _id is member+day, so a retried or duplicated submit cannot double it.
 * Minimisation (PRIVACY.md): health fields the company's policy does not require are dropped before anything is
 * judged or stored; fields outside the report schema were already refused (INVALID_INPUT).
 */
export async function submit(input: In, { db, openid, now }: Context): Promise<Out> {
  const day = localDay(now)
  // one read: the caller and today's facts (the company's maintenance windows among them)
  const { caller, maintenance } = await requireMemberDays(db, openid, day, day)
  const { member, company } = caller
  const report = acceptedReport(input.report, company.policy)
  if (maintenanceActive(maintenance, now)) throw new DomainError('MAINTENANCE_ACTIVE')
  const closes = company.policy.dailyCheckinCloses
  if (closes && now >= atLocalTime(day, closes)) throw new DomainError('CHECKIN_CLOSED')
  const { record, inserted } = await insertCheckin(db, {
    _id: checkinId(member._id, day),
    companyId: company._id,
    memberId: member._id,
    day,
    report,
    source: 'daily',
    clientRequestId: input.clientRequestId,
    at: now,
  })
  if (inserted) return { day, duplicate: false }
  if (record.clientRequestId === input.clientRequestId) return { day, duplicate: true }
  throw new DomainError('ALREADY_CHECKED_IN')
}
