import type { Api } from '../../../../core/api'
import { monthBounds } from '../../../../core/dates'
import { monthView } from '../../../../core/month'
import { COLLECTIONS, type CheckinDoc, type MakeupDoc, type SpecialDoc } from '../../../../core/records'
import { requireCaller } from '../../../_shared/repositories/members'
import type { Context } from '../../../_shared/router'
import { aggregate, subPipeline } from '../../../_shared/sdk'

type In = Api['checkin']['month'][0]
type Out = Api['checkin']['month'][1]

interface MonthRow {
  records: Pick<CheckinDoc, 'day' | 'source'>[]
  requests: Pick<MakeupDoc, 'day' | 'status'>[]
  grants: Pick<SpecialDoc, 'day' | 'grantDeadline'>[]
}

/** The caller (one round trip), then the month's records, requests and grants in one aggregation (one more). */
export async function month(input: In, { db, openid, now }: Context): Promise<Out> {
  const { member, company } = await requireCaller(db, openid)
  const { first, last } = monthBounds(input.month)
  const _ = db.command
  const mine = { companyId: company._id, memberId: member._id }
  const inMonth = { ...mine, day: _.and(_.gte(first), _.lte(last)) }
  const [row] = await aggregate<MonthRow>(db, COLLECTIONS.members, (p) =>
    p
      .match({ _id: member._id })
      .lookup({
        from: COLLECTIONS.checkins,
        pipeline: subPipeline(db, inMonth, { limit: 62, fields: ['day', 'source'] }),
        as: 'records',
      })
      .lookup({
        from: COLLECTIONS.makeups,
        pipeline: subPipeline(db, inMonth, { limit: 200, fields: ['day', 'status'] }),
        as: 'requests',
      })
      .lookup({
        from: COLLECTIONS.specials,
        pipeline: subPipeline(
          db,
          { ...mine, day: _.and(_.gte(first), _.lte(last)), status: 'granted', used: false },
          { limit: 62, fields: ['day', 'grantDeadline'] },
        ),
        as: 'grants',
      })
      .project({ records: 1, requests: 1, grants: 1 }),
  )
  return monthView(input.month, now, member.joinedOn, company.policy.calendar, {
    records: row?.records ?? [],
    requests: row?.requests ?? [],
    grantedDays: (row?.grants ?? [])
      .filter((g) => g.grantDeadline && new Date(g.grantDeadline) >= now)
      .map((g) => g.day),
  })
}
