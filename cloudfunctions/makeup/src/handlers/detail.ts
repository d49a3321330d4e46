import type { Api } from '@core/api'
import { attachmentPreviews } from '@server/attachments'
import { getOwnRequest, requestView, timeline, timelineView } from '@server/repositories/makeups'
import { requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'

type In = Api['makeup']['detail'][0]
type Out = Api['makeup']['detail'][1]

export async function detail(input: In, { db, openid }: Context): Promise<Out> {
  const { member, company } = await requireCaller(db, openid)
  const doc = await getOwnRequest(db, company._id, member._id, input.id)
  const [entries, previews] = await Promise.all([
    timeline(db, company._id, doc._id),
    attachmentPreviews(doc.attachments),
  ])
  return {
    ...requestView(doc),
    timeline: timelineView(entries),
    previews,
  }
}
