import type { Api } from '@core/api'
import { COLLECTIONS } from '@core/makeup'
import { logPrivacy, type PrivacyMember } from '@server/privacy/records'
import { requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'
import { patch } from '@server/sdk'

type In = Api['privacy']['requestDeletion'][0]
type Out = Api['privacy']['requestDeletion'][1]

/** On leaving: records the request (once; asking again returns the first time) for HR to confirm. */
export async function requestDeletion(input: In, { db, openid, now }: Context): Promise<Out> {
  const { member } = await requireCaller(db, openid)
  const m = member as PrivacyMember
  if (m.deletionRequestedAt) return { requestedAt: new Date(m.deletionRequestedAt).toISOString() }
  await patch(db, COLLECTIONS.members, m._id, { deletionRequestedAt: now })
  await logPrivacy(db, {
    companyId: m.companyId,
    memberId: m._id,
    action: 'requestDeletion',
    version: m.healthConsent?.version ?? 0,
    at: now,
    reason: input.reason,
  })
  return { requestedAt: now.toISOString() }
}
