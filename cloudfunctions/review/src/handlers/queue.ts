import type { Api } from '../../../../core/api'
import { requestView } from '../../../_shared/repositories/makeups'
import {
  brief,
  deptsToQuery,
  membersOfDepts,
  pendingCount,
  queuePage,
} from '../../../_shared/repositories/review'
import { reviewAction } from '../reviewer'

type In = Api['review']['queue'][0]
type Out = Api['review']['queue'][1]

const DEFAULT_LIMIT = 20

/** Oldest first, in the caller's scope, range-paged on (submittedAt, _id); the badge counts pending ones. */
export const queue = reviewAction(
  'queue',
  async (input: In, { db, company, member, scope }): Promise<Out> => {
    const depts = deptsToQuery(scope, input.dept)
    // a department scope becomes the list of its members: the request documents carry the member, not the dept
    const scoped = depts ? await membersOfDepts(db, company._id, depts) : null
    const memberIds = scoped ? scoped.map((m) => m._id) : null
    const [page, pending] = await Promise.all([
      queuePage(db, {
        companyId: company._id,
        memberIds,
        self: member._id,
        status: input.status ?? 'pending',
        dayFrom: input.dayFrom,
        dayTo: input.dayTo,
        hasAttachments: input.hasAttachments,
        cursor: input.cursor,
        limit: input.limit ?? DEFAULT_LIMIT,
      }),
      input.cursor ? Promise.resolve(null) : pendingCount(db, company._id, memberIds, member._id),
    ])
    return {
      // the member is joined by the page's own aggregation; a request whose member is gone is left out
      items: page.docs.flatMap(({ owner, ...d }) =>
        owner[0] ? [{ ...requestView(d), member: brief(owner[0]) }] : [],
      ),
      next: page.next,
      pendingCount: pending,
      scope: scope.kind === 'company' ? 'company' : scope.kind === 'depts' ? scope.depts : [],
    }
  },
)
