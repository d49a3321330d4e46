import type { Api } from '@core/api'
import { DomainError, type FileType } from '@core/shared'
import { effectivePolicy, judgeDay, ownFileType, ruleFor } from '@core/policy'
import { specialId } from '@core/makeup'
import { verifyFiles } from '@server/attachments'
import { factsOf, requireMemberDays } from '@server/facts'
import { memberProfile, requireCaller } from '@server/repositories/members'
import { createSpecial, specialsOf, specialView } from '@server/repositories/specials'
import { deleteDiscarded } from '@server/privacy/files'
import type { Context } from '@server/router'

type In = Api['makeup']['special'][0]
type Out = Api['makeup']['special'][1]

const PAST_LIMIT = ['MAKEUP_WINDOW_PASSED', 'MAKEUP_CUTOFF_PASSED']
// evidence for HR may be any image or a PDF, whatever the make-up attachment rule says
const EVIDENCE_TYPES: FileType[] = ['jpg', 'png', 'pdf']

/** Special handling is for days that only the time limit blocks; anything else keeps its own refusal. */
export async function special(input: In, { db, openid, now }: Context): Promise<Out> {
  // one read: the caller, the day's facts and the day's special-handling document
  const days = await requireMemberDays(db, openid, input.day, input.day)
  const { member, company } = days.caller
  const id = specialId(member._id, input.day)
  // a retried filing returns the first result, even once HR has granted it and the day no longer qualifies
  const filed = days.specials.find((s) => s._id === id)
  if (filed && filed.clientRequestId === input.clientRequestId) return specialView(filed)
  const profile = memberProfile(member, now)
  if (input.evidence.some((f) => ownFileType(f, profile) === null))
    throw new DomainError('ATTACHMENT_FORBIDDEN')
  await verifyFiles(input.evidence, { maxBytes: company.policy.attachments.maxBytes, types: EVIDENCE_TYPES })
  const facts = factsOf(days, input.day)
  const verdict = judgeDay(
    input.day,
    profile,
    effectivePolicy(ruleFor(company.policy, profile), member.region),
    now,
    facts,
  )
  if (verdict.ok) throw new DomainError('SPECIAL_NOT_NEEDED', input.day)
  if (!PAST_LIMIT.includes(verdict.code)) throw new DomainError(verdict.code, input.day)
  const doc = await createSpecial(db, {
    _id: id,
    clientRequestId: input.clientRequestId,
    companyId: company._id,
    memberId: member._id,
    day: input.day,
    reason: input.reason,
    evidence: input.evidence,
    status: 'pending',
    submittedAt: now,
    used: false,
  })
  // the evidence of the earlier filing it replaced
  await deleteDiscarded(db, 'specials', doc)
  return specialView(doc)
}

export async function specials(
  _input: unknown,
  { db, openid }: Context,
): Promise<Api['makeup']['specials'][1]> {
  const { member, company } = await requireCaller(db, openid)
  return (await specialsOf(db, company._id, member._id)).map(specialView)
}
