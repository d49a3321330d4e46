// Loads what core's slot rules need about one member, for a range of days, in parallel queries.
import type { LocalDay } from '../../core/api'
import { dayRange, startOfLocalDay } from '../../core/dates'
import { cycleKey, type MemberFacts } from '../../core/slots'
import type { Caller } from './repositories/members'
import { checkinsBetween } from './repositories/checkins'
import { quotasFor } from './repositories/makeups'
import { grantsOf, maintenanceSince } from './repositories/specials'
import type { Db } from './sdk'

export async function loadFacts(
  db: Db,
  { member, company }: Caller,
  from: LocalDay,
  to: LocalDay,
  clientVersion?: string,
): Promise<MemberFacts> {
  const cycles = [...new Set(dayRange(from, to).map((d) => cycleKey(d, company.policy.quota.cycle)))]
  const [records, quotas, grants, maintenance] = await Promise.all([
    checkinsBetween(db, company._id, member._id, from, to),
    quotasFor(db, company._id, member._id, cycles),
    grantsOf(db, company._id, member._id),
    maintenanceSince(db, company._id, startOfLocalDay(from)),
  ])
  return {
    clientVersion: clientVersion ?? null,
    checkedDays: records.map((r) => r.day),
    // the quota documents are what the reservation transaction enforces, so they are the truth for open days
    openRequestDays: quotas.flatMap((q) => q.openDays),
    quotaUsed: Object.fromEntries(quotas.map((q) => [q.cycle, q.used])),
    grants: grants.map((g) => ({ day: g.day, deadline: g.grantDeadline as Date, id: g._id })),
    maintenance,
  }
}
