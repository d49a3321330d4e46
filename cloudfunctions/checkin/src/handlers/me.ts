import type { Api } from '../../../../core/api'
import { isWorkingDay } from '../../../../core/calendar'
import { atLocalTime, isoShanghai, localDay } from '../../../../core/dates'
import { getCheckin } from '../../../_shared/repositories/checkins'
import { findCaller, memberView } from '../../../_shared/repositories/members'
import { upcomingMaintenance } from '../../../_shared/repositories/specials'
import type { Context } from '../../../_shared/router'

type Out = Api['checkin']['me'][1]

const NOTICE_HORIZON_MS = 24 * 3600_000

export async function me(_input: unknown, { db, openid, now }: Context): Promise<Out> {
  const today = localDay(now)
  const caller = await findCaller(db, openid)
  if (!caller) return { member: null, today, checkedInToday: false }
  const { member, company } = caller
  const [record, maintenance] = await Promise.all([
    getCheckin(db, member._id, today),
    upcomingMaintenance(db, company._id, now, NOTICE_HORIZON_MS),
  ])
  const closes = company.policy.dailyCheckinCloses
  return {
    member: memberView(caller),
    today,
    checkedInToday: Boolean(record),
    todayIsWorkday: isWorkingDay(today, company.policy.calendar),
    checkinClosesAt: closes ? isoShanghai(atLocalTime(today, closes)) : null,
    maintenance: maintenance && {
      start: isoShanghai(maintenance.start),
      end: isoShanghai(maintenance.end),
      note: maintenance.note,
      active: maintenance.start <= now,
    },
  }
}
