import type { Api } from '@core/api'
import { attachmentPreviews } from '@server/attachments'
import { callerWithRequest, requestView, timeline, timelineView } from '@server/repositories/makeups'
import type { Context } from '@server/router'

type In = Api['makeup']['detail'][0]
type Out = Api['makeup']['detail'][1]

/**
 * The caller and the request (by _id) in ONE aggregation; then, at once, its audit entries (scoped to the caller's
 * company, index `by_subject`) and the preview links (one storage call): 3 round trips, 2 waits. The request is
 * read before the caller is known, so its owner is checked here before anything of it is used.
 */
export async function detail(input: In, { db, openid }: Context): Promise<Out> {
  const { doc } = await callerWithRequest(db, openid, input.id)
  const [entries, previews] = await Promise.all([
    timeline(db, doc.companyId, doc._id),
    attachmentPreviews(doc.attachments),
  ])
  return { ...requestView(doc), timeline: timelineView(entries, doc), previews }
}
