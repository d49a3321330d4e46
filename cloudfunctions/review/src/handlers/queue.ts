import type { Api } from '@core/api'
import { recordAccesses } from '@server/privacy/access-log'
import { requestView } from '@server/repositories/makeups'
import { brief, deptsToQuery, queuePage } from '@server/repositories/review'
import { reviewAction } from '../reviewer'

type In = Api['review']['queue'][0]
type Out = Api['review']['queue'][1]

const DEFAULT_LIMIT = 20

/**
 * Oldest first, in the caller's scope, range-paged on (submittedAt, _id); the badge counts pending ones on the
 * first page. Two round trips: the reviewer (with delegations), then the page with its members and the badge;
 * a page that shows requests adds a third, its access-log entries: the queue shows each request's report and
 * reason (the reviewer's list is where they triage), so every view of them is logged as the detail's is.
 */
export const queue = reviewAction(
  'queue',
  async (input: In, { db, company, member, scope, now }): Promise<Out> => {
    const page = await queuePage(db, {
      companyId: company._id,
      depts: deptsToQuery(scope, input.dept),
      dept: input.dept,
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
    await recordAccesses(
      db,
      page.docs.map((d) => ({
        companyId: company._id,
        viewer: { id: member._id, name: member.name },
        subject: d.owner._id,
        what: `makeup:${d._id}`,
        at: now,
      })),
    )
    return {
      items: page.docs.map(({ owner, ...d }) => ({ ...requestView(d), member: brief(owner) })),
      next: page.next,
      pendingCount: page.pending,
      scope: scope.kind === 'company' ? 'company' : scope.kind === 'depts' ? scope.depts : [],
    }
  },
)
