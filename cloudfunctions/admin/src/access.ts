// Who may do what in the admin function. Roles come from the caller's member record (never from the event); every
// read and write below is keyed by the caller's own company, and a member id from another company is "not found".
import { isoShanghai } from '@core/calendar'
import type { AdminAuditDoc, AdminMemberView } from '@core/admin'
import { DomainError, type ErrorCode } from '@core/shared'
import { COLLECTIONS, type MemberDoc } from '@core/makeup'
import { requireCaller, type Caller } from '@server/repositories/members'
import { getById, insert, type Db, type DocStore } from '@server/sdk'

export async function requireHr(db: Db, openid: string): Promise<Caller> {
  const caller = await requireCaller(db, openid)
  if (!caller.member.roles.includes('hr')) throw new DomainError('FORBIDDEN', 'not an HR admin')
  return caller
}

export async function requireOperator(db: Db, openid: string): Promise<Caller> {
  const caller = await requireCaller(db, openid)
  if (!caller.member.roles.includes('operator')) throw new DomainError('FORBIDDEN', 'not a platform operator')
  return caller
}

/** A member of the caller's company, or MEMBER_NOT_FOUND (also for ids of other companies: nothing leaks). */
export async function memberOfCompany(
  store: DocStore,
  companyId: string,
  memberId: string,
): Promise<MemberDoc> {
  const m = await getById<MemberDoc>(store, COLLECTIONS.members, memberId)
  if (!m || m.companyId !== companyId) throw new DomainError('MEMBER_NOT_FOUND', memberId)
  return m
}

export function adminMemberView(m: MemberDoc): AdminMemberView {
  return {
    id: m._id,
    name: m.name,
    dept: m.dept,
    employeeNo: m.employeeNo,
    region: m.region,
    roles: m.roles,
    joinedOn: m.joinedOn,
    makeupEnabled: m.makeupEnabled,
    status: m.status,
    bound: Boolean(m.openid) && m.status === 'active',
    identityBound: m.identityBound,
    identityBoundBy: m.identityBound ? (m.identityBoundBy ?? 'hr') : null,
    extraVerifiedUntil:
      m.extraVerifiedUntil && new Date(m.extraVerifiedUntil) > new Date()
        ? isoShanghai(m.extraVerifiedUntil)
        : null,
  }
}

type AuditFields = Pick<AdminAuditDoc, 'subject' | 'subjectId' | 'action' | 'to'> &
  Partial<Pick<AdminAuditDoc, 'from' | 'reason' | 'changes' | 'memberId'>>

/** One audit entry: who (the caller) changed what, when. */
export function audit(
  store: DocStore,
  { member, company }: Caller,
  at: Date,
  fields: AuditFields,
  companyId = company._id,
) {
  return insert<AdminAuditDoc & { _id?: string }>(store, COLLECTIONS.audit, {
    companyId,
    memberId: fields.memberId ?? member._id,
    from: fields.from ?? null,
    reason: fields.reason ?? '',
    actor: { kind: member.roles.includes('hr') ? 'admin' : 'operator', id: member._id, name: member.name },
    at,
    ...fields,
  })
}

/**
 * A refusal of an admin action that someone was allowed to attempt: recorded (code and action only, never the
 * input) and returned to be thrown. Nothing else is written.
 */
export async function refused(
  store: DocStore,
  caller: Caller,
  at: Date,
  action: string,
  code: ErrorCode,
  subject: AdminAuditDoc['subject'] = 'company',
  subjectId = caller.company._id,
): Promise<DomainError> {
  try {
    await audit(store, caller, at, {
      subject,
      subjectId,
      action: 'refused',
      to: code,
      reason: action,
      ...(subject === 'member' ? { memberId: subjectId } : {}),
    })
  } catch (e) {
    // the refusal itself must still reach the caller
    console.warn('could not record a refused admin action', e)
  }
  return new DomainError(code, action)
}
