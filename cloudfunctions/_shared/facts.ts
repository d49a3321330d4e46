// Loads what core's slot rules need about one member, for a range of days, in one aggregation (one round trip):
// their check-ins, quota documents, unused grants and the company's maintenance windows, joined to the member.
import type { LocalDay } from '../../core/api'
import { dayRange, startOfLocalDay } from '../../core/dates'
import {
  COLLECTIONS,
  type CheckinDoc,
  type MaintenanceDoc,
  type QuotaDoc,
  type SpecialDoc,
} from '../../core/records'
import { cycleKey, type MemberFacts } from '../../core/slots'
import { DomainError } from '../../core/errors'
import type { Caller } from './repositories/members'
import { aggregate, subPipeline, type Db } from './sdk'

interface FactsRow {
  records: Pick<CheckinDoc, 'day'>[]
  quotas: Pick<QuotaDoc, 'cycle' | 'used' | 'openDays'>[]
  grants: Pick<SpecialDoc, '_id' | 'day' | 'grantDeadline'>[]
  maintenance: Pick<MaintenanceDoc, 'start' | 'end'>[]
}

export async function loadFacts(
  db: Db,
  { member, company }: Caller,
  from: LocalDay,
  to: LocalDay,
  clientVersion?: string,
): Promise<MemberFacts> {
  const _ = db.command
  const cycles = [...new Set(dayRange(from, to).map((d) => cycleKey(d, company.policy.quota.cycle)))]
  const mine = { companyId: company._id, memberId: member._id }
  const [row] = await aggregate<FactsRow>(db, COLLECTIONS.members, (p) =>
    p
      .match({ _id: member._id })
      .lookup({
        from: COLLECTIONS.checkins,
        pipeline: subPipeline(
          db,
          { ...mine, day: _.and(_.gte(from), _.lte(to)) },
          { limit: 62, fields: ['day'] },
        ),
        as: 'records',
      })
      .lookup({
        from: COLLECTIONS.quotas,
        pipeline: subPipeline(
          db,
          { ...mine, cycle: _.in(cycles) },
          { limit: 20, fields: ['cycle', 'used', 'openDays'] },
        ),
        as: 'quotas',
      })
      .lookup({
        from: COLLECTIONS.specials,
        pipeline: subPipeline(
          db,
          { ...mine, status: 'granted', used: false },
          { limit: 100, fields: ['day', 'grantDeadline'] },
        ),
        as: 'grants',
      })
      .lookup({
        from: COLLECTIONS.maintenance,
        pipeline: subPipeline(
          db,
          { companyId: company._id, end: _.gte(startOfLocalDay(from)) },
          { orderBy: ['end', 'desc'], limit: 50, fields: ['start', 'end'] },
        ),
        as: 'maintenance',
      })
      .project({ records: 1, quotas: 1, grants: 1, maintenance: 1 }),
  )
  // the member was read a moment ago; without the document there are no facts to judge by
  if (!row) throw new DomainError('NOT_BOUND')
  return {
    clientVersion: clientVersion ?? null,
    checkedDays: row.records.map((r) => r.day),
    // the quota documents are what the reservation transaction enforces, so they are the truth for open days
    openRequestDays: row.quotas.flatMap((q) => q.openDays),
    quotaUsed: Object.fromEntries(row.quotas.map((q) => [q.cycle, q.used])),
    grants: row.grants
      .filter((g) => g.grantDeadline)
      .map((g) => ({ day: g.day, deadline: g.grantDeadline as Date, id: g._id })),
    maintenance: row.maintenance.map((m) => ({ start: m.start, end: m.end })),
  }
}
