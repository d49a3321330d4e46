import type { Api } from '../../../../core/api'
import { localDay } from '../../../../core/dates'
import { getCheckin } from '../../../_shared/repositories/checkins'
import { findCaller, memberView } from '../../../_shared/repositories/members'
import type { Context } from '../../../_shared/router'

type Out = Api['checkin']['me'][1]

export async function me(_input: unknown, { db, openid, now }: Context): Promise<Out> {
  const today = localDay(now)
  const caller = await findCaller(db, openid)
  if (!caller) return { member: null, today, checkedInToday: false }
  const record = await getCheckin(db, caller.member._id, today)
  return { member: memberView(caller), today, checkedInToday: Boolean(record) }
}
