import type { Api } from '@core/api'
import { COLLECTIONS, type MakeupDoc } from '@core/makeup'
import { DomainError } from '@core/shared'
import { attachmentPreviews } from '@server/attachments'
import { ownedBy, requestView, timeline, timelineView } from '@server/repositories/makeups'
import { callerOf, callerStages, type CallerRow } from '@server/repositories/members'
import type { Context } from '@server/router'
import { aggregate, subPipeline } from '@server/sdk'

type In = Api['makeup']['detail'][0]
type Out = Api['makeup']['detail'][1]

/**
 * The caller and the request (by _id) in ONE aggregation; then, at once, its audit entries (scoped to the caller's
 * company, index `by_subject`) and the preview links (one storage call): 3 round trips, 2 waits. The request is
 * read before the caller is known, so its owner is checked here before anything of it is used.
 */
export async function detail(input: In, { db, openid }: Context): Promise<Out> {
  const [row] = await aggregate<CallerRow & { requests: MakeupDoc[] }>(db, COLLECTIONS.bindings, (p) =>
    callerStages(p, openid).lookup({
      from: COLLECTIONS.makeups,
      pipeline: subPipeline(db, { _id: input.id }, { limit: 1 }),
      as: 'requests',
    }),
  )
  const caller = callerOf(row)
  if (!caller) throw new DomainError('NOT_BOUND')
  const doc = row.requests[0]
  if (!doc) throw new DomainError('REQUEST_NOT_FOUND')
  ownedBy(caller.company._id, caller.member._id)(doc)
  const [entries, previews] = await Promise.all([
    timeline(db, doc.companyId, doc._id),
    attachmentPreviews(doc.attachments),
  ])
  return { ...requestView(doc), timeline: timelineView(entries), previews }
}
