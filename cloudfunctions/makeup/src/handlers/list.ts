import type { Api } from '@core/api'
import { listRequests, requestView } from '@server/repositories/makeups'
import { requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'

type In = Api['makeup']['list'][0]
type Out = Api['makeup']['list'][1]

export async function list(input: In, { db, openid }: Context): Promise<Out> {
  const { member, company } = await requireCaller(db, openid)
  return (await listRequests(db, company._id, member._id, input.status)).map(requestView)
}
