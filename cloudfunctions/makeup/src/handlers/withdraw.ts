import type { Api } from '@core/api'
import { DomainError } from '@core/shared'
import { getRequest, ownedBy, requestView, transitionRequest } from '@server/repositories/makeups'
import { requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'

type In = Api['makeup']['withdraw'][0]
type Out = Api['makeup']['withdraw'][1]

/** Withdraws the member's own open request. A retry (the first answer was lost) finds it withdrawn: that answer. */
export async function withdraw(input: In, { db, openid, now }: Context): Promise<Out> {
  const { member, company } = await requireCaller(db, openid)
  const mine = ownedBy(company._id, member._id)
  try {
    const doc = await transitionRequest(
      db,
      input.id,
      'withdraw',
      { kind: 'member', id: member._id },
      now,
      // a withdrawal's free text is not kept: the audit log holds no member's words (PRIVACY.md)
      '',
      company.policy,
      mine,
    )
    return requestView(doc)
  } catch (e) {
    if (!(e instanceof DomainError && e.code === 'ILLEGAL_TRANSITION')) throw e
    const doc = await getRequest(db, input.id)
    if (!doc || doc.status !== 'withdrawn') throw e
    mine(doc)
    return requestView(doc)
  }
}
