import type { Api } from '@core/api'
import { consentText, hasCurrentConsent, removalDay, retentionDaysOf } from '@core/privacy'
import { COLLECTIONS, type CheckinDoc } from '@core/makeup'
import { accessesOf, type AccessLogDoc } from '@server/privacy/access-log'
import { consentView, type PrivacyCompany, type PrivacyMember } from '@server/privacy/records'
import { requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'
import type { Db } from '@server/sdk'

type Out = Api['privacy']['status'][1]

/** My consent, the text in force, when my oldest health details will be removed, and who viewed my data. */
export async function status(_input: unknown, { db, openid }: Context): Promise<Out> {
  const caller = await requireCaller(db, openid)
  const member = caller.member as PrivacyMember
  const company = caller.company as PrivacyCompany
  const days = retentionDaysOf(company.privacy)
  const [oldest, accesses] = await Promise.all([
    oldestWithDetails(db, company._id, member._id),
    accessesOf(db, company._id, member._id),
  ])
  return {
    consent: consentView(member.healthConsent, hasCurrentConsent(member.healthConsent)),
    text: consentText(company.privacy),
    retentionDays: days,
    nextRemoval: oldest ? { day: oldest.day, removedOn: removalDay(oldest.day, days) } : null,
    viewers: accesses.map(accessView),
    deletionRequestedAt: member.deletionRequestedAt
      ? new Date(member.deletionRequestedAt).toISOString()
      : null,
  }
}

export function accessView(a: AccessLogDoc) {
  return { at: new Date(a.at).toISOString(), viewer: a.viewer, what: a.what }
}

async function oldestWithDetails(db: Db, companyId: string, memberId: string): Promise<CheckinDoc | null> {
  const _ = db.command as unknown as { exists(v: boolean): unknown }
  const res = await db
    .collection(COLLECTIONS.checkins)
    .where({ companyId, memberId, purgedAt: _.exists(false) })
    .orderBy('day', 'asc')
    .limit(1)
    .get()
  return (res.data[0] as CheckinDoc | undefined) ?? null
}
