// HR admins and members' deletion requests: list them, confirm one (the member's open requests are withdrawn, then
// their health details and files are purged at once, whatever their age, with every copy: export files, older
// notices and audit texts; day, status and who decided stay, as after a retention purge).
import type { Api } from '@core/api'
import { DomainError } from '@core/shared'
import { COLLECTIONS } from '@core/makeup'
import { isHrAdmin } from '@core/review'
import { auditPurge, purgeWhere } from '@server/privacy/purge'
import { logPrivacy, type PrivacyMember } from '@server/privacy/records'
import { requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'
import { getById, patch, type Db } from '@server/sdk'

type ListOut = Api['privacy']['deletionRequests'][1]
type ConfirmIn = Api['privacy']['confirmDeletion'][0]
type ConfirmOut = Api['privacy']['confirmDeletion'][1]

/** Leaves time for the answer inside the function's 20 s timeout; a second confirmation finishes the rest. */
const BUDGET_MS = 15_000

async function requireHr(db: Db, openid: string) {
  const caller = await requireCaller(db, openid)
  if (!isHrAdmin(caller.member)) throw new DomainError('FORBIDDEN')
  return caller
}

export async function deletionRequests(_input: unknown, { db, openid }: Context): Promise<ListOut> {
  const { company } = await requireHr(db, openid)
  const _ = db.command as unknown as { exists(v: boolean): unknown }
  const res = await db
    .collection(COLLECTIONS.members)
    .where({ companyId: company._id, deletionRequestedAt: _.exists(true) })
    .limit(1000)
    .get()
  return (res.data as PrivacyMember[])
    .filter((m) => m.deletionRequestedAt)
    .map((m) => ({
      memberId: m._id,
      name: m.name,
      employeeNo: m.employeeNo,
      status: m.status,
      requestedAt: new Date(m.deletionRequestedAt!).toISOString(),
    }))
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
}

export async function confirmDeletion(input: ConfirmIn, { db, openid, now }: Context): Promise<ConfirmOut> {
  const { member: hr, company } = await requireHr(db, openid)
  const subject = await getById<PrivacyMember>(db, COLLECTIONS.members, input.memberId)
  if (!subject || subject.companyId !== company._id) throw new DomainError('MEMBER_NOT_FOUND')
  if (!subject.deletionRequestedAt) throw new DomainError('ILLEGAL_TRANSITION', 'no deletion request')
  const counts = await purgeWhere(
    db,
    { companyId: company._id, policy: company.policy, memberId: subject._id },
    now,
    Date.now() + BUDGET_MS,
  )
  if (!counts.done) throw new DomainError('BUSY_RETRY', 'deletion continues on the next confirmation')
  await patch(db, COLLECTIONS.members, subject._id, { deletionRequestedAt: null })
  await logPrivacy(db, {
    companyId: company._id,
    memberId: subject._id,
    action: 'confirmDeletion',
    version: subject.healthConsent?.version ?? 0,
    at: now,
    by: hr._id,
  })
  await auditPurge(db, company._id, subject._id, `deletion request confirmed by ${hr._id}`, counts, now)
  return {
    memberId: subject._id,
    confirmedAt: now.toISOString(),
    checkins: counts.checkins,
    makeups: counts.makeups,
    specials: counts.specials,
    files: counts.files,
  }
}
