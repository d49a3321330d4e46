import type { Api } from '@core/api'
import { DomainError } from '@core/shared'
import {
  applyTransition,
  callerWithRequest,
  getRequest,
  ownedBy,
  requestView,
} from '@server/repositories/makeups'
import type { Context } from '@server/router'

type In = Api['makeup']['withdraw'][0]
type Out = Api['makeup']['withdraw'][1]

/**
 * Withdraws the member's own open request: the caller with the request (one aggregation), then one update guarded
 * by the state it was read in (2 round trips). A retry (the first answer was lost) finds it withdrawn: that answer.
 */
export async function withdraw(input: In, { db, openid, now }: Context): Promise<Out> {
  const { member, company, doc } = await callerWithRequest(db, openid, input.id)
  if (doc.status === 'withdrawn') return requestView(doc)
  const done = await applyTransition(
    db,
    doc,
    'withdraw',
    { kind: 'member', id: member._id },
    now,
    // a withdrawal's free text is not kept: the audit log holds no member's words (PRIVACY.md)
    { policy: company.policy },
  )
  if (done) return requestView(done)
  // changed since it was read (a reviewer decided, or a concurrent withdrawal): judged on what it is now
  const current = await getRequest(db, input.id)
  if (!current) throw new DomainError('REQUEST_NOT_FOUND')
  ownedBy(company._id, member._id)(current)
  if (current.status === 'withdrawn') return requestView(current)
  throw new DomainError('ILLEGAL_TRANSITION', `${current.status} -withdraw->`)
}
