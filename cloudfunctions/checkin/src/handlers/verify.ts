// The region's identity checks, done with WeChat's own means: the phone-number button's code matched against the
// roster (hashed), and SOTER face / fingerprint verified by WeChat, valid for the region's number of days.
import type { Api } from '@core/api'
import { addDays, isoShanghai, localDay, endOfLocalDay } from '@core/calendar'
import type { VerificationView } from '@core/checkin'
import { type AuditDoc, COLLECTIONS, type MemberDoc } from '@core/makeup'
import { effectivePolicy, ruleFor } from '@core/policy'
import { DomainError } from '@core/shared'
import { requireCaller, subjectOf, type Caller } from '@server/repositories/members'
import type { Context } from '@server/router'
import { insert, patch, withTransaction } from '@server/sdk'
import { exchangePhoneCode, newChallenge, phoneHash, soterSignatureValid } from '@server/verification'

type H = Api['checkin']
const CHALLENGE_TTL_MS = 5 * 60 * 1000

function view({ member, company }: Caller, now: Date): VerificationView {
  const eff = effectivePolicy(ruleFor(company.policy, subjectOf(member)), member.region)
  const until = member.extraVerifiedUntil ? new Date(member.extraVerifiedUntil) : null
  return {
    identityRequired: eff.identityBindingRequired,
    extraRequired: eff.extraVerificationRequired,
    identityBound: member.identityBound,
    boundBy: member.identityBound ? (member.identityBoundBy ?? 'hr') : null,
    phoneOnRoster: Boolean(member.phoneHash),
    extraVerifiedUntil: until && until > now ? isoShanghai(until) : null,
    extraValidDays: eff.extraVerificationDays,
  }
}

const auditEntry = (member: MemberDoc, action: AuditDoc['action'], to: string, at: Date): AuditDoc => ({
  companyId: member.companyId,
  subject: 'member',
  subjectId: member._id,
  memberId: member._id,
  action,
  from: null,
  to,
  actor: { kind: 'member', id: member._id },
  at,
  reason: '',
})

export async function verification(_: H['verification'][0], { db, openid, now }: Context) {
  return view(await requireCaller(db, openid), now)
}

export async function bindPhone(
  input: H['bindPhone'][0],
  { db, openid, now }: Context,
): Promise<H['bindPhone'][1]> {
  const caller = await requireCaller(db, openid)
  const { member, company } = caller
  if (member.identityBound) return view(caller, now)
  const phone = await exchangePhoneCode(input.code)
  if (!phone) throw new DomainError('PHONE_CODE_INVALID')
  if (!member.phoneHash || !company.phoneSalt) throw new DomainError('PHONE_NOT_ON_ROSTER')
  if (phoneHash(company.phoneSalt, phone) !== member.phoneHash) throw new DomainError('PHONE_MISMATCH')
  const fields = { identityBound: true, identityBoundBy: 'phone' as const }
  await withTransaction(db, async (tx) => {
    await patch(tx, COLLECTIONS.members, member._id, fields)
    await insert<AuditDoc>(tx, COLLECTIONS.audit, auditEntry(member, 'identityBound', 'phone', now))
  })
  return view({ company, member: { ...member, ...fields } }, now)
}

export async function soterChallenge(_: H['soterChallenge'][0], { db, openid, now }: Context) {
  const { member } = await requireCaller(db, openid)
  const soter = { value: newChallenge(), expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) }
  await patch(db, COLLECTIONS.members, member._id, { soterChallenge: soter })
  return { challenge: soter.value, expiresAt: isoShanghai(soter.expiresAt) }
}

/** The challenge inside resultJSON (its `raw` field), or null when resultJSON is not SOTER's JSON. */
function rawOf(resultJSON: string): string | null {
  try {
    const raw = (JSON.parse(resultJSON) as { raw?: unknown }).raw
    return typeof raw === 'string' ? raw : null
  } catch {
    return null
  }
}

export async function verifySoter(
  input: H['verifySoter'][0],
  { db, openid, now }: Context,
): Promise<H['verifySoter'][1]> {
  const caller = await requireCaller(db, openid)
  const { member, company } = caller
  const challenge = member.soterChallenge
  if (!challenge || new Date(challenge.expiresAt) < now) throw new DomainError('SOTER_CHALLENGE_EXPIRED')
  // the signature must cover the challenge this server issued, once: a replayed result signs an old one
  if (rawOf(input.resultJSON) !== challenge.value) throw new DomainError('SOTER_FAILED')
  if (!(await soterSignatureValid(openid, input.resultJSON, input.resultJSONSignature)))
    throw new DomainError('SOTER_FAILED')
  const days = effectivePolicy(
    ruleFor(company.policy, subjectOf(member)),
    member.region,
  ).extraVerificationDays
  // valid through the end of the last day, company-local
  const until = endOfLocalDay(addDays(localDay(now), days))
  const fields = { extraVerifiedUntil: until, soterChallenge: null }
  await withTransaction(db, async (tx) => {
    await patch(tx, COLLECTIONS.members, member._id, fields)
    await insert<AuditDoc>(tx, COLLECTIONS.audit, auditEntry(member, 'extraVerified', input.authMode, now))
  })
  return view({ company, member: { ...member, ...fields } }, now)
}
