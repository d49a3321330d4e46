import type { Api } from '../../../../core/api'
import { ownedBy, requestView, transitionRequest } from '../../../_shared/repositories/makeups'
import { requireCaller } from '../../../_shared/repositories/members'
import type { Context } from '../../../_shared/router'

type In = Api['makeup']['withdraw'][0]
type Out = Api['makeup']['withdraw'][1]

export async function withdraw(input: In, { db, openid, now }: Context): Promise<Out> {
  const { member, company } = await requireCaller(db, openid)
  const doc = await transitionRequest(
    db,
    input.id,
    'withdraw',
    { kind: 'member', id: member._id },
    now,
    input.reason ?? '',
    company.policy,
    ownedBy(company._id, member._id),
  )
  return requestView(doc)
}
