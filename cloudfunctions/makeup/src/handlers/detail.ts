import type { Api } from '../../../../core/api'
import { getOwnRequest, requestView, timeline, timelineView } from '../../../../server/repositories/makeups'
import { requireCaller } from '../../../../server/repositories/members'
import type { Context } from '../../../../server/router'
import { tempUrls } from '../../../../server/sdk'

type In = Api['makeup']['detail'][0]
type Out = Api['makeup']['detail'][1]

export async function detail(input: In, { db, openid }: Context): Promise<Out> {
  const { member, company } = await requireCaller(db, openid)
  const doc = await getOwnRequest(db, company._id, member._id, input.id)
  const [entries, urls] = await Promise.all([
    timeline(db, company._id, doc._id),
    previewUrls(doc.attachments),
  ])
  return {
    ...requestView(doc),
    timeline: timelineView(entries),
    previews: doc.attachments.map((fileID) => ({ fileID, url: urls.get(fileID) ?? null })),
  }
}

/** Short-lived links for previews; a storage failure leaves previews empty rather than failing the detail. */
async function previewUrls(fileIDs: string[]): Promise<Map<string, string>> {
  try {
    return await tempUrls(fileIDs)
  } catch (e) {
    console.warn('temp URLs unavailable', e)
    return new Map()
  }
}
