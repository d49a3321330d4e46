// Loads what core's slot rules need, each in one aggregation (one round trip): for a range of days, a member's
// check-ins, quota documents, unused grants and the company's maintenance windows, joined to the member; for a
// submission, the caller and the one day's facts together.
import type { LocalDay } from '../../core/api'
import { dayRange, startOfLocalDay } from '../../core/dates'
import type { QuotaCycle } from '../../core/policy'
import {
  COLLECTIONS,
  MEMBER_ID_SEPARATOR,
  type CheckinDoc,
  type MaintenanceDoc,
  type MakeupDoc,
  type QuotaDoc,
  type SpecialDoc,
} from '../../core/records'
import { cycleKey, type MemberFacts } from '../../core/slots'
import { DomainError } from '../../core/errors'
import { callerOf, callerStages, type Caller, type CallerRow } from './repositories/members'
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

interface SubmissionRow extends CallerRow {
  checkin: CheckinDoc[]
  special: SpecialDoc[]
  request: MakeupDoc[]
  quotas: QuotaDoc[]
  maintenance: MaintenanceDoc[]
}

export interface Submission {
  caller: Caller
  facts: MemberFacts
  /** the request this client request id already created (a retry), else null */
  request: MakeupDoc | null
}

/**
 * Everything a make-up submission is judged on, with the caller, in ONE aggregation: the caller's binding,
 * member and company, then — by the ids derived from the member id — the day's check-in, the day's special
 * handling, the request this client request id may already have created, the quota documents the day may be
 * charged to, and the company's maintenance windows. The reservation transaction re-reads the quota document;
 * everything else here is settled before a submission (a past day gets no new daily check-in).
 */
export async function loadSubmission(
  db: Db,
  openid: string,
  day: LocalDay,
  clientRequestId: string,
  clientVersion?: string,
): Promise<Submission> {
  // ids are `<memberId>_<key>` (core/records.ts): built from the member id inside the aggregation
  const idOf = (key: string) => ({ $concat: ['$memberId', `${MEMBER_ID_SEPARATOR}${key}`] })
  const [row] = await aggregate<SubmissionRow>(db, COLLECTIONS.bindings, (p) =>
    callerStages(p, openid)
      .addFields({
        checkinKey: idOf(day),
        specialKey: idOf(day),
        requestKey: idOf(clientRequestId),
        quotaKeys: cycleCandidates(day).map(idOf),
      })
      .lookup({ from: COLLECTIONS.checkins, localField: 'checkinKey', foreignField: '_id', as: 'checkin' })
      .lookup({ from: COLLECTIONS.specials, localField: 'specialKey', foreignField: '_id', as: 'special' })
      .lookup({ from: COLLECTIONS.makeups, localField: 'requestKey', foreignField: '_id', as: 'request' })
      .lookup({ from: COLLECTIONS.quotas, localField: 'quotaKeys', foreignField: '_id', as: 'quotas' })
      .lookup({
        from: COLLECTIONS.maintenance,
        localField: 'companyId',
        foreignField: 'companyId',
        as: 'maintenance',
      }),
  )
  const caller = callerOf(row)
  if (!row || !caller) throw new DomainError('NOT_BOUND')
  const from = startOfLocalDay(day)
  const grant = row.special.find((s) => s.status === 'granted' && !s.used && s.grantDeadline)
  return {
    caller,
    request: row.request[0] ?? null,
    facts: {
      clientVersion: clientVersion ?? null,
      checkedDays: row.checkin.map((r) => r.day),
      openRequestDays: row.quotas.flatMap((q) => q.openDays),
      quotaUsed: Object.fromEntries(row.quotas.map((q) => [q.cycle, q.used])),
      grants: grant ? [{ day: grant.day, deadline: grant.grantDeadline as Date, id: grant._id }] : [],
      maintenance: row.maintenance
        .filter((m) => new Date(m.end) >= from)
        .map((m) => ({ start: m.start, end: m.end })),
    },
  }
}

/** The keys of every cycle a day can belong to, whatever the policy (month, quarter, custom start day). */
function cycleCandidates(day: LocalDay): string[] {
  const kinds: QuotaCycle[] = [{ kind: 'month' }, { kind: 'quarter' }]
  for (let startDay = 1; startDay <= 31; startDay++) kinds.push({ kind: 'custom', startDay })
  return [...new Set(kinds.map((c) => cycleKey(day, c)))]
}
