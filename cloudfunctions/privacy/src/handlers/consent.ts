import type { Api } from '@core/api'
import { DomainError } from '@core/shared'
import { CONSENT_VERSION, type HealthConsent } from '@core/privacy'
import { COLLECTIONS } from '@core/makeup'
import { consentView, logPrivacy, type PrivacyMember } from '@server/privacy/records'
import { requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'
import { patch } from '@server/sdk'

type In = Api['privacy']['consent'][0]
type Out = Api['privacy']['consent'][1]

/** Records a consent to the version shown, or withdraws it; both are kept in the privacy log with their time. */
export async function consent(input: In, { db, openid, now }: Context): Promise<Out> {
  const caller = await requireCaller(db, openid)
  const member = caller.member as PrivacyMember
  const previous = member.healthConsent ?? null
  let next: HealthConsent
  if (input.decision === 'grant') {
    if (input.version !== CONSENT_VERSION) throw new DomainError('CONSENT_VERSION_OUTDATED')
    next = { version: input.version, at: now, withdrawnAt: null }
  } else {
    if (!previous || previous.withdrawnAt) return consentView(previous, false)!
    next = { version: previous.version, at: previous.at, withdrawnAt: now }
  }
  // _.set replaces the whole object (a nested update would merge into it, and fails on a null field)
  const _ = db.command as unknown as { set(v: object): unknown }
  await patch(db, COLLECTIONS.members, member._id, { healthConsent: _.set(next) })
  await logPrivacy(db, {
    companyId: member.companyId,
    memberId: member._id,
    action: input.decision,
    version: next.version,
    at: now,
  })
  return consentView(next, input.decision === 'grant')!
}
