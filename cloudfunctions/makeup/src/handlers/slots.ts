import type { Api } from '../../../../core/api'
import { addDays, localDay } from '../../../../core/dates'
import { allowedSlots, LOOKBACK_DAYS } from '../../../../core/slots'
import { loadFacts } from '../../../_shared/facts'
import { memberProfile, requireCaller } from '../../../_shared/repositories/members'
import type { Context } from '../../../_shared/router'

type In = Api['makeup']['slots'][0]
type Out = Api['makeup']['slots'][1]

export async function slots(input: In, { db, openid, now }: Context): Promise<Out> {
  const caller = await requireCaller(db, openid)
  const today = localDay(now)
  const facts = await loadFacts(db, caller, addDays(today, -LOOKBACK_DAYS), today, input.clientVersion)
  const { judgements: _omitted, ...view } = allowedSlots(
    memberProfile(caller.member),
    caller.company.policy,
    now,
    facts,
  )
  return view
}
