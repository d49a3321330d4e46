import type { Api } from '@core/api'
import { EMPTY_FACTS, effectivePolicy, memberGate, ruleFor } from '@core/policy'
import { DomainError } from '@core/shared'
import { accessView, fileAccessRequest } from '@server/repositories/access'
import { memberProfile, requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'

type In = Api['makeup']['requestAccess'][0]
type Out = Api['makeup']['requestAccess'][1]

/** 申请开通: only when the policy of the member's region is what keeps make-up closed to them. */
export async function requestAccess(input: In, { db, openid, now }: Context): Promise<Out> {
  const { member, company } = await requireCaller(db, openid)
  const policy = effectivePolicy(ruleFor(company.policy, memberProfile(member, now)), member.region)
  const gate = memberGate(memberProfile(member, now), policy, {
    ...EMPTY_FACTS,
    clientVersion: input.clientVersion,
  })
  if (gate !== 'MAKEUP_NOT_ENABLED') throw new DomainError('ACCESS_NOT_NEEDED')
  return accessView(await fileAccessRequest(db, member, input.reason?.trim() ?? '', now))
}
