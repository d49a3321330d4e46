// Members' months for HR (the monthly report page, its export, one member's calendar): a page of members and, by
// the ids derived from each member id, their check-ins, special handling, leave and quota documents of the month —
// ONE aggregation per page. Each month goes through core's monthView and monthSummary, exactly as the employee's
// own calendar does (checkin.month), so the numbers agree wherever they are shown.
import { type MonthSummary, type MonthView, monthView } from '@core/checkin'
import { dayRange, monthBounds } from '@core/calendar'
import {
  COLLECTIONS,
  type CheckinDoc,
  type CompanyDoc,
  MEMBER_ID_SEPARATOR,
  type MemberDoc,
  type Holder,
  quotasOf,
  type SpecialDoc,
} from '@core/makeup'
import { LEAVE_COLLECTION, type LeaveDoc } from '@core/leave'
import { cycleCandidates, monthFactsOf } from './facts'
import { aggregate, type Db } from './sdk'

interface MonthRow extends MemberDoc {
  records: CheckinDoc[]
  specials: SpecialDoc[]
  holders: Holder[]
  leaves: LeaveDoc[]
}

export interface MemberMonth {
  member: MemberDoc
  view: MonthView
  summary: MonthSummary
}

export interface MonthPage {
  /** members of the company (active), optionally of one department or one member */
  dept?: string
  memberId?: string
  /** by department and name, skipping `offset` (the report page) … */
  offset?: number
  /** … or by _id after this id (the export's cursor) */
  after?: string
  limit: number
}

/** Up to `page.limit` members with their month, in one aggregation. */
export async function membersMonths(
  db: Db,
  company: Pick<CompanyDoc, '_id' | 'policy'>,
  month: string,
  now: Date,
  page: MonthPage,
): Promise<MemberMonth[]> {
  const _ = db.command
  const { first, last } = monthBounds(month)
  const days = dayRange(first, last)
  const idOf = (key: string) => ({ $concat: ['$_id', `${MEMBER_ID_SEPARATOR}${key}`] })
  const byKey = (from: string, localField: string, as: string) => ({
    from,
    localField,
    foreignField: '_id',
    as,
  })
  const match = {
    companyId: company._id,
    status: 'active',
    ...(page.dept ? { dept: page.dept } : {}),
    ...(page.memberId ? { _id: page.memberId } : page.after ? { _id: _.gt(page.after) } : {}),
  }
  const rows = await aggregate<MonthRow>(db, COLLECTIONS.members, (p) => {
    const sorted =
      page.after !== undefined || page.memberId
        ? p.match(match).sort({ _id: 1 })
        : p
            .match(match)
            .sort({ dept: 1, name: 1, _id: 1 })
            .skip(page.offset ?? 0)
    return sorted
      .limit(page.limit)
      .addFields({ dayKeys: days.map(idOf), quotaKeys: cycleCandidates(days).map(idOf) })
      .lookup(byKey(COLLECTIONS.checkins, 'dayKeys', 'records'))
      .lookup(byKey(COLLECTIONS.specials, 'dayKeys', 'specials'))
      .lookup({ from: COLLECTIONS.makeups, localField: 'quotaKeys', foreignField: 'quotaKey', as: 'holders' })
      .lookup(byKey(LEAVE_COLLECTION, 'dayKeys', 'leaves'))
      .project({ dayKeys: 0, quotaKeys: 0 })
  })
  return rows.map(({ records, specials, holders, leaves, ...member }) => {
    const mine = <T extends { companyId: string; memberId: string }>(docs: T[]) =>
      docs.filter((d) => d.companyId === company._id && d.memberId === member._id)
    const facts = monthFactsOf(
      {
        records: mine(records),
        specials: mine(specials),
        quotas: quotasOf(mine(holders)),
        leaves: mine(leaves),
      },
      now,
    )
    const view = monthView(month, now, member.joinedOn, company.policy.calendar, facts)
    return { member: member as MemberDoc, view, summary: view.summary }
  })
}
