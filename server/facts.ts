// Loads what core's slot rules need, each in one aggregation (one round trip): for a range of days, a member's
// check-ins, quota documents, unused grants and the company's maintenance windows, joined to the member; for a
// submission, the caller and the one day's facts together.
import {
  type CheckinDoc,
  COLLECTIONS,
  type LastReport,
  type MaintenanceDoc,
  type MakeupDoc,
  MEMBER_ID_SEPARATOR,
  type Holder,
  quotaId,
  quotasOf,
  type QuotaDoc,
  type SpecialDoc,
} from '@core/makeup'
import { DomainError, type LocalDay } from '@core/shared'
import { addDays, addMonths, dayRange, monthBounds, monthOf, startOfLocalDay } from '@core/calendar'
import {
  cycleKey,
  LOOKBACK_DAYS,
  lookbackDays,
  MAINTENANCE_EXTENSION_DAYS,
  type MemberFacts,
  ruleFor,
} from '@core/policy'
import type { MonthFacts } from '@core/checkin'
import { LEAVE_COLLECTION, type LeaveDoc } from '@core/leave'
import { callerOf, callerStages, type Caller, type CallerRow } from './repositories/members'
import { aggregate, subPipeline, type Db } from './sdk'

/** what the quota view needs of a holder (quotasOf) */
const HOLDER_FIELDS = [
  'companyId',
  'memberId',
  'cycle',
  'quotaKey',
  'day',
  'claimDay',
  'status',
  'dayKey',
  'slotKey',
]

interface FactsRow {
  records: Pick<CheckinDoc, 'day'>[]
  holders: Holder[]
  grants: Pick<SpecialDoc, '_id' | 'day' | 'grantDeadline' | 'charged'>[]
  maintenance: Pick<MaintenanceDoc, 'start' | 'end'>[]
  leaves: Pick<LeaveDoc, 'day'>[]
}

export async function loadFacts(
  db: Db,
  { member, company }: Caller,
  from: LocalDay,
  to: LocalDay,
  clientVersion?: string,
): Promise<MemberFacts> {
  const _ = db.command
  const { cycle } = ruleFor(company.policy, { memberId: member._id, dept: member.dept }).quota
  const cycles = [...new Set(dayRange(from, to).map((d) => cycleKey(d, cycle)))]
  const mine = { companyId: company._id, memberId: member._id }
  const [row] = await aggregate<FactsRow>(db, COLLECTIONS.members, (p) =>
    p
      .match({ _id: member._id })
      .lookup({
        from: COLLECTIONS.checkins,
        pipeline: subPipeline(
          db,
          { ...mine, day: _.and(_.gte(from), _.lte(to)) },
          { limit: dayRange(from, to).length, fields: ['day'] },
        ),
        as: 'records',
      })
      .lookup({
        from: COLLECTIONS.makeups,
        pipeline: subPipeline(
          db,
          { quotaKey: _.in(cycles.map((c) => quotaId(member._id, c))) },
          { limit: 200, fields: HOLDER_FIELDS },
        ),
        as: 'holders',
      })
      .lookup({
        from: COLLECTIONS.specials,
        pipeline: subPipeline(
          db,
          { ...mine, status: 'granted', used: false },
          { limit: 100, fields: ['day', 'grantDeadline', 'charged'] },
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
      .lookup({
        from: LEAVE_COLLECTION,
        pipeline: subPipeline(
          db,
          { ...mine, day: _.and(_.gte(from), _.lte(to)) },
          { limit: 62, fields: ['day'] },
        ),
        as: 'leaves',
      })
      .project({ records: 1, holders: 1, grants: 1, maintenance: 1, leaves: 1 }),
  )
  // the member was read a moment ago; without the document there are no facts to judge by
  if (!row) throw new DomainError('NOT_BOUND')
  const quotas = quotasOf(row.holders.filter((h) => h.companyId === company._id))
  return {
    clientVersion: clientVersion ?? null,
    checkedDays: row.records.map((r) => r.day),
    // the keys the documents hold are what the unique indexes enforce, so they are the truth for open days
    openRequestDays: quotas.flatMap((q) => q.openDays),
    quotaUsed: Object.fromEntries(quotas.map((q) => [q.cycle, q.used])),
    grants: row.grants
      .filter((g) => g.grantDeadline)
      .map((g) => ({ day: g.day, deadline: g.grantDeadline as Date, id: g._id, charged: g.charged })),
    maintenance: row.maintenance.map((m) => ({ start: m.start, end: m.end })),
    leaveDays: (row.leaves ?? []).map((l) => l.day),
  }
}

interface MemberDaysRow extends CallerRow {
  records: CheckinDoc[]
  specials: SpecialDoc[]
  holders: Holder[]
  maintenance: MaintenanceDoc[]
  leaves?: LeaveDoc[]
  request?: MakeupDoc[]
}

/** The caller and their documents for a range of days (see loadMemberDays). */
export interface MemberDays {
  caller: Caller
  /** effective check-ins of the days */
  records: CheckinDoc[]
  /** special-handling requests of the days */
  specials: SpecialDoc[]
  /** the quota view of every cycle the days can belong to (quotasOf): `used`, open and made-up days */
  quotas: QuotaDoc[]
  /** the documents holding keys in those cycles (requests and HR claims): which quota units are free */
  holders: Holder[]
  /** the company's maintenance windows */
  maintenance: MaintenanceDoc[]
  /** the request a client request id already created (a retry), when one was asked for */
  request: MakeupDoc | null
  /** leave, business trips and exempt days HR recorded among the days */
  leaves: LeaveDoc[]
}

/**
 * The caller and their documents for the days `from`..`to` in ONE aggregation: the caller's binding, member and
 * company, then — by the ids derived from the member id (`<memberId>_<key>`, core/makeup/records.ts) — each day's
 * check-in and special handling, the quota documents of every cycle the days can belong to (whatever the
 * policy's cycle), optionally the request a client request id created, and the company's maintenance windows.
 * Null when the caller is not bound. Transactions re-read what they change (the quota document, the request).
 * An array `localField` joins every document whose `_id` is one of its elements (CloudBase documents this
 * "对数组字段应用相等匹配" case of `Aggregate.lookup`), each through the primary key.
 */
export async function loadMemberDays(
  db: Db,
  openid: string,
  from: LocalDay,
  to: LocalDay,
  clientRequestId?: string,
): Promise<MemberDays | null> {
  const days = dayRange(from, to)
  const idOf = (key: string) => ({ $concat: ['$memberId', `${MEMBER_ID_SEPARATOR}${key}`] })
  const cycles = cycleCandidates(days)
  const byKey = (from: string, localField: string, as: string) => ({
    from,
    localField,
    foreignField: '_id',
    as,
  })
  const [row] = await aggregate<MemberDaysRow>(db, COLLECTIONS.bindings, (p) => {
    const joined = callerStages(p, openid)
      .addFields({
        dayKeys: days.map(idOf),
        quotaKeys: cycles.map(idOf),
        ...(clientRequestId ? { requestKey: idOf(clientRequestId) } : {}),
      })
      .lookup(byKey(COLLECTIONS.checkins, 'dayKeys', 'records'))
      .lookup(byKey(COLLECTIONS.specials, 'dayKeys', 'specials'))
      .lookup({ from: COLLECTIONS.makeups, localField: 'quotaKeys', foreignField: 'quotaKey', as: 'holders' })
      .lookup(byKey(LEAVE_COLLECTION, 'dayKeys', 'leaves'))
      .lookup({
        from: COLLECTIONS.maintenance,
        localField: 'companyId',
        foreignField: 'companyId',
        as: 'maintenance',
      })
    return clientRequestId ? joined.lookup(byKey(COLLECTIONS.makeups, 'requestKey', 'request')) : joined
  })
  const caller = callerOf(row)
  if (!row || !caller) return null
  const mine = <T extends { companyId: string; memberId: string }>(docs: T[]) =>
    docs.filter((d) => d.companyId === caller.company._id && d.memberId === caller.member._id)
  return {
    caller,
    records: mine(row.records),
    specials: mine(row.specials),
    quotas: quotasOf(mine(row.holders)),
    holders: mine(row.holders),
    maintenance: row.maintenance,
    request: mine(row.request ?? [])[0] ?? null,
    leaves: mine(row.leaves ?? []),
  }
}

/** The facts core's slot rules judge the days from `from` on by. */
export function factsOf(m: MemberDays, from: LocalDay, clientVersion?: string): MemberFacts {
  const since = startOfLocalDay(from)
  return {
    clientVersion: clientVersion ?? null,
    checkedDays: m.records.map((r) => r.day),
    openRequestDays: m.quotas.flatMap((q) => q.openDays),
    quotaUsed: Object.fromEntries(m.quotas.map((q) => [q.cycle, q.used])),
    grants: m.specials
      .filter((s) => s.status === 'granted' && !s.used && s.grantDeadline)
      .map((s) => ({ day: s.day, deadline: s.grantDeadline as Date, id: s._id, charged: s.charged })),
    maintenance: m.maintenance
      .filter((w) => new Date(w.end) >= since)
      .map((w) => ({ start: w.start, end: w.end })),
    leaveDays: m.leaves.map((l) => l.day),
  }
}

/** What core's month calendar needs from a member's documents of the month (the same for every reader). */
export function monthFactsOf(
  m: Pick<MemberDays, 'records' | 'specials' | 'quotas' | 'leaves'>,
  now: Date,
): MonthFacts {
  return {
    records: m.records,
    requests: [],
    openDays: m.quotas.flatMap((q) => q.openDays),
    grantedDays: m.specials
      .filter((s) => s.status === 'granted' && !s.used && s.grantDeadline && s.grantDeadline >= now)
      .map((s) => s.day),
    leave: m.leaves,
  }
}

/** The latest effective check-in among the loaded days (the make-up form's prefill), without its note. */
export function lastReportOf(m: MemberDays): LastReport | null {
  const latest = m.records.reduce<CheckinDoc | null>((a, r) => (!a || r.day > a.day ? r : a), null)
  if (!latest) return null
  const { status, temperature, region, healthCode } = latest.report
  return { day: latest.day, report: { status, temperature, region, healthCode } }
}

/** loadMemberDays, or NOT_BOUND. */
export async function requireMemberDays(
  db: Db,
  openid: string,
  from: LocalDay,
  to: LocalDay,
  clientRequestId?: string,
): Promise<MemberDays> {
  const m = await loadMemberDays(db, openid, from, to, clientRequestId)
  if (!m) throw new DomainError('NOT_BOUND')
  return m
}

/** What one read of a member's days spans back: a window of up to 31 days, with maintenance, in one round trip. */
const PAGE_DAYS = LOOKBACK_DAYS + MAINTENANCE_EXTENSION_DAYS

/**
 * The caller and their documents for every day the slots view judges up to `today` (lookbackDays of the caller's
 * policy). The first read is the caller with the last PAGE_DAYS days (one round trip: all a window of up to 31
 * days needs); a policy that looks further back has its older days read in pages of the same span, all at once.
 */
export async function requireLookback(
  db: Db,
  openid: string,
  today: LocalDay,
): Promise<{ days: MemberDays; from: LocalDay }> {
  const first = addDays(today, -PAGE_DAYS)
  const days = await requireMemberDays(db, openid, first, today)
  const from = addDays(today, -lookbackDays(days.caller.company.policy, today))
  if (from >= first) return { days, from: first }
  const pages: [LocalDay, LocalDay][] = []
  for (let end = addDays(first, -1); end >= from; end = addDays(end, -(PAGE_DAYS + 1))) {
    const start = addDays(end, -PAGE_DAYS)
    pages.push([start < from ? from : start, end])
  }
  const older = await Promise.all(pages.map(([a, b]) => requireMemberDays(db, openid, a, b)))
  const holders = new Map(days.holders.map((h) => [h._id, h]))
  for (const page of older) for (const h of page.holders) holders.set(h._id, h)
  return {
    days: {
      ...days,
      records: [...days.records, ...older.flatMap((p) => p.records)],
      specials: [...days.specials, ...older.flatMap((p) => p.specials)],
      leaves: [...days.leaves, ...older.flatMap((p) => p.leaves)],
      holders: [...holders.values()],
      quotas: quotasOf([...holders.values()]),
    },
    from,
  }
}

/**
 * The keys of every quota cycle the days can belong to, whatever the policy: each day's month and quarter, and
 * for custom cycles (a month starting on day S) every day of the days' months and of the month before each, since
 * a custom cycle holding a day starts in its month or the one before. A superset: keys with no document cost
 * nothing, and it is cheap to build (the exact set would call cycleKey 33 times a day).
 */
export function cycleCandidates(days: LocalDay[]): string[] {
  const keys = new Set<string>()
  const months = new Set<string>()
  for (const day of days) {
    keys.add(cycleKey(day, { kind: 'month' }))
    keys.add(cycleKey(day, { kind: 'quarter' }))
    months.add(monthOf(day))
    months.add(addMonths(monthOf(day), -1))
  }
  for (const month of months) {
    const lastDate = Number(monthBounds(month).last.slice(8))
    for (let d = 1; d <= lastDate; d++) keys.add(`C${month}-${String(d).padStart(2, '0')}`)
  }
  return [...keys]
}
