import type { Api } from '@core/api'
import type { LeaveDoc, LeaveKind } from '@core/leave'
import { atLocalTime, isoShanghai, isWorkingDay, localDay } from '@core/calendar'
import type { MakeupAvailability } from '@core/checkin'
import { EMPTY_FACTS, effectivePolicy, memberGate, ruleFor } from '@core/policy'
import { loadMemberDays } from '@server/facts'
import { accessRequestOf, accessView } from '@server/repositories/access'
import { memberProfile, memberView, type Caller } from '@server/repositories/members'
import { nextMaintenance } from '@server/repositories/specials'
import type { Context } from '@server/router'
import type { Db } from '@server/sdk'

type In = Api['checkin']['me'][0]
type Out = Api['checkin']['me'][1]

const NOTICE_HORIZON_MS = 24 * 3600_000

export async function me(input: In, { db, openid, now }: Context): Promise<Out> {
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
    // read with the caller (leave days are joined by id): no extra round trip
    ...leaveOf(days.leaves, today),
    checkinClosesAt: closes ? isoShanghai(atLocalTime(today, closes)) : null,
    maintenance: maintenance && {
      start: isoShanghai(maintenance.start),
      end: isoShanghai(maintenance.end),
      note: maintenance.note,
      active: maintenance.start <= now,
    },
    makeup: await availability(db, days.caller, now, input.clientVersion),
  }
}

/**
 * The 补打卡 entry's state: what the policy of the member's region says (enablement, client version, region
 * verification), not the raw switch on the member. The access request is read only when it matters.
 */
async function availability(
  db: Db,
  { member, company }: Caller,
  now: Date,
  clientVersion?: string,
): Promise<MakeupAvailability> {
  const policy = effectivePolicy(ruleFor(company.policy, memberProfile(member, now)), member.region)
  const code = memberGate(memberProfile(member, now), policy, { ...EMPTY_FACTS, clientVersion })
  if (code !== 'MAKEUP_NOT_ENABLED') return { code, access: null }
  const request = await accessRequestOf(db, member._id)
  return { code, access: request && accessView(request) }
}

function leaveOf(leaves: LeaveDoc[], today: string): { todayLeave?: LeaveKind } {
  const kind = leaves.find((l) => l.day === today)?.kind
  return kind ? { todayLeave: kind } : {}
}
