import type { Api } from '@core/api'
import { atLocalTime, isoShanghai, isWorkingDay, localDay } from '@core/calendar'
import { loadMemberDays } from '@server/facts'
import { memberView } from '@server/repositories/members'
import { nextMaintenance } from '@server/repositories/specials'
import type { Context } from '@server/router'

type Out = Api['checkin']['me'][1]

const NOTICE_HORIZON_MS = 24 * 3600_000

export async function me(_input: unknown, { db, openid, now }: Context): Promise<Out> {
  const today = localDay(now)
  // one round trip: the caller, today's record and the company's maintenance windows
  const days = await loadMemberDays(db, openid, today, today)
  if (!days) return { member: null, today, checkedInToday: false }
  const { company } = days.caller
  const maintenance = nextMaintenance(days.maintenance, now, NOTICE_HORIZON_MS)
  const closes = company.policy.dailyCheckinCloses
  return {
    member: memberView(days.caller),
    today,
    checkedInToday: days.records.some((r) => r.day === today),
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
