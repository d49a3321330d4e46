import type { Api } from '../../../../core/api'
import { DomainError } from '../../../../core/errors'
import { effectivePolicy } from '../../../../core/policy'
import { requestDocId, type MakeupDoc } from '../../../../core/records'
import { temperatureInRange } from '../../../../core/schemas'
import { judgeSubmission } from '../../../../core/slots'
import { verifyFiles } from '../../../_shared/attachments'
import { loadFacts } from '../../../_shared/facts'
import { createRequest, getRequest, requestView } from '../../../_shared/repositories/makeups'
import { memberProfile, requireCaller, type Caller } from '../../../_shared/repositories/members'
import type { Context } from '../../../_shared/router'
import type { Db } from '../../../_shared/sdk'

type In = Api['makeup']['submit'][0]
type Out = Api['makeup']['submit'][1]

export async function submit(input: In, { db, openid, now }: Context): Promise<Out> {
  const caller = await requireCaller(db, openid)
  const id = requestDocId(caller.member._id, input.clientRequestId)
  try {
    return requestView(await judgeAndCreate(db, caller, id, input, now))
  } catch (e) {
    // The same client request id again returns the first result, whatever happened since: a duplicate is
    // refused by the rules (its own request now holds the day) or found inside the transaction. Looking it
    // up only on refusal keeps the common path one read shorter.
    const first = e instanceof DomainError ? await getRequest(db, id) : null
    if (first) return requestView(first)
    throw e
  }
}

async function judgeAndCreate(db: Db, caller: Caller, id: string, input: In, now: Date): Promise<MakeupDoc> {
  const { member, company } = caller
  if (!temperatureInRange(input.report.temperature)) throw new DomainError('TEMPERATURE_OUT_OF_RANGE')
  const facts = await loadFacts(db, caller, input.day, input.day, input.clientVersion)
  const accepted = judgeSubmission(input, memberProfile(member), company.policy, now, facts)
  const policy = effectivePolicy(company.policy, member.region)
  await verifyFiles(input.attachments, policy.attachments)
  const grantId = accepted.granted ? facts.grants.find((g) => g.day === input.day)?.id : undefined
  const doc: MakeupDoc = {
    _id: id,
    companyId: company._id,
    memberId: member._id,
    day: accepted.day,
    status: 'pending',
    report: input.report,
    reason: input.reason,
    attachments: input.attachments,
    attachmentKind: input.attachmentKind,
    failures: input.failures,
    cycle: accepted.cycle,
    charged: accepted.charged,
    granted: accepted.granted,
    policyVersion: accepted.policyVersion,
    submittedAt: now,
    updatedAt: now,
  }
  const { doc: stored } = await createRequest(
    db,
    { doc, autoApprove: policy.review === 'auto', cap: policy.quota.cap, grantId },
    { kind: 'member', id: member._id },
  )
  return stored
}
