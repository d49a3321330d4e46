import { isDeepStrictEqual } from 'node:util'
import type { Api } from '@core/api'
import { acceptedReport } from '@core/privacy'
import { checkContent, ruleFor } from '@core/policy'
import { restartChain } from '@core/review'
import { verifyFiles } from '@server/attachments'
import { MAKEUP_REASONS, reasonKindOf, type MakeupDoc } from '@core/makeup'
import { deleteDiscarded } from '@server/privacy/files'
import { getRequest, ownedBy, requestView, transitionRequest } from '@server/repositories/makeups'
import { memberProfile, requireCaller } from '@server/repositories/members'
import { policyOfVersion } from '@server/repositories/policies'
import { submittedNotice } from '@server/notices/events'
import { enqueueNotice } from '@server/notices/outbox'
import type { Context } from '@server/router'

type In = Api['makeup']['resubmit'][0]
type Out = Api['makeup']['resubmit'][1]

/** A returned request comes back corrected; it keeps its day and its quota reservation, and starts its chain again. */
export async function resubmit(input: In, { db, openid, now }: Context): Promise<Out> {
  const { member, company } = await requireCaller(db, openid)
  // the content rules of the policy in force when the request was first submitted; minimised under it (PRIVACY.md)
  const original = await getRequest(db, input.id)
  const policy = original ? await policyOfVersion(db, company, original.policyVersion) : company.policy
  const report = acceptedReport(input.report, policy)
  checkContent({ ...input, report }, memberProfile(member, now), policy)
  // a retry of a resubmission that went through (its answer was lost): the request already holds this content
  if (original?.status === 'pending' && sameContent(original, { ...input, report })) {
    ownedBy(company._id, member._id)(original)
    return requestView(original)
  }
  await verifyFiles(input.attachments, ruleFor(policy, memberProfile(member, now)).attachments)
  const doc = await transitionRequest(
    db,
    input.id,
    'resubmit',
    { kind: 'member', id: member._id },
    now,
    // the audit entry gets the category; the member's words stay on the request only
    MAKEUP_REASONS[input.reasonKind ?? reasonKindOf(original ?? {})],
    policy,
    ownedBy(company._id, member._id),
    {
      report,
      reason: input.reason,
      ...(input.reasonKind ? { reasonKind: input.reasonKind } : {}),
      attachments: input.attachments,
      attachmentKind: input.attachmentKind,
      submittedAt: now,
      // its approval chain starts again (a returned request's chain cannot change meanwhile)
      ...(original ? restartChain(original) : {}),
    },
    // back in the queue: its reviewers are told again, in the same transaction
    (tx, updated) => enqueueNotice(tx, submittedNotice(updated, member)),
  )
  // the photos this resubmission replaced
  await deleteDiscarded(db, 'makeups', doc)
  return requestView(doc)
}

const CONTENT = ['report', 'reason', 'attachments', 'attachmentKind'] as const

function sameContent(stored: MakeupDoc, sent: In): boolean {
  return CONTENT.every((k) => isDeepStrictEqual(stored[k], sent[k]))
}
