import type { Api } from '@core/api'
import { requestView } from '@server/repositories/makeups'
import { brief, deptsToQuery, queuePage } from '@server/repositories/review'
import { reviewAction } from '../reviewer'

type In = Api['review']['queue'][0]
type Out = Api['review']['queue'][1]

const DEFAULT_LIMIT = 20

/**
 * Oldest first, in the caller's scope, range-paged on (submittedAt, _id); the badge counts pending ones on the
 * first page. Two round trips: the reviewer (with delegations), then the page with its members and the badge.
 */
export const queue = reviewAction(
  'queue',
  async (input: In, { db, company, member, scope }): Promise<Out> => {
    const page = await queuePage(db, {
      companyId: company._id,
      depts: deptsToQuery(scope, input.dept),
      self: member._id,
      status: input.status ?? 'pending',
      dayFrom: input.dayFrom,
      dayTo: input.dayTo,
      hasAttachments: input.hasAttachments,
      reasonKind: input.reasonKind,
      cursor: input.cursor,
      limit: input.limit ?? DEFAULT_LIMIT,
      count: !input.cursor,
    })
    return {
      items: page.docs.map(({ owner, ...d }) => ({ ...requestView(d), member: brief(owner) })),
      next: page.next,
      pendingCount: page.pending,
      scope: scope.kind === 'company' ? 'company' : scope.kind === 'depts' ? scope.depts : [],
    }
  },
)
