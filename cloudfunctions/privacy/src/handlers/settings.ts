import type { Api } from '@core/api'
import { DomainError } from '@core/shared'
import { retentionDaysOf, type LegalBasis } from '@core/privacy'
import { COLLECTIONS } from '@core/makeup'
import { isHrAdmin } from '@core/review'
import type { PrivacyCompany } from '@server/privacy/records'
import { requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'
import { insert, patch } from '@server/sdk'

type In = Api['privacy']['settings'][0]
type Out = Api['privacy']['settings'][1]

/** HR admins read (empty input) or change the company's retention and legal basis; a change is audited. */
export async function settings(input: In, { db, openid, now }: Context): Promise<Out> {
  const { member, company } = await requireCaller(db, openid)
  if (!isHrAdmin(member)) throw new DomainError('FORBIDDEN')
  const current = (company as PrivacyCompany).privacy
  const before: Out = {
    retentionDays: retentionDaysOf(current),
    legalBasis: current?.legalBasis ?? 'consent',
  }
  const after: Out = {
    retentionDays: input.retentionDays ?? before.retentionDays,
    legalBasis: (input.legalBasis ?? before.legalBasis) as LegalBasis,
  }
  const changes = (['retentionDays', 'legalBasis'] as const)
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k}: ${before[k]} → ${after[k]}`)
  if (changes.length === 0) return before
  const _ = db.command as unknown as { set(v: object): unknown }
  await patch(db, COLLECTIONS.companies, company._id, { privacy: _.set(after) })
  await insert<Record<string, unknown>>(db, COLLECTIONS.audit, {
    companyId: company._id,
    subject: 'company',
    subjectId: company._id,
    memberId: '',
    action: 'privacySettings',
    from: null,
    to: 'updated',
    actor: { kind: 'member', id: member._id },
    at: now,
    reason: changes.join('; '),
  })
  return after
}
