// Members, their companies and the openid → member binding.
import type { MemberView } from '@core/checkin'
import { DomainError } from '@core/shared'
import { askedFields } from '@core/privacy'
import { COLLECTIONS, type AuditDoc, type BindingDoc, type CompanyDoc, type MemberDoc } from '@core/makeup'
import type { MemberProfile, RuleSubject } from '@core/policy'
import {
  aggregate,
  find,
  getById,
  insert,
  patch,
  replace,
  withTransaction,
  type Db,
  type Pipeline,
} from '../sdk'

export interface Caller {
  member: MemberDoc
  company: CompanyDoc
}

/** The caller's binding joined with their member and company documents (`member`, `company`: 0 or 1 each). */
export type CallerRow = BindingDoc & { member: MemberDoc[]; company: CompanyDoc[] }

/** The stages that find the caller: extend them to read more in the same round trip. */
export function callerStages(p: Pipeline, openid: string): Pipeline {
  return p
    .match({ _id: openid })
    .lookup({ from: COLLECTIONS.members, localField: 'memberId', foreignField: '_id', as: 'member' })
    .lookup({ from: COLLECTIONS.companies, localField: 'companyId', foreignField: '_id', as: 'company' })
}

/** The caller from a row of callerStages, or null when unbound, left, or bound across companies. */
export function callerOf(row: CallerRow | undefined): Caller | null {
  const member = row?.member[0]
  const company = row?.company[0]
  if (!member || !company || member.status !== 'active' || member.companyId !== company._id) return null
  return { member, company }
}

/** The caller's binding, member and company in one round trip (one aggregation joining the three). */
export async function findCaller(db: Db, openid: string): Promise<Caller | null> {
  const [row] = await aggregate<CallerRow>(db, COLLECTIONS.bindings, (p) => callerStages(p, openid))
  return callerOf(row)
}

export async function requireCaller(db: Db, openid: string): Promise<Caller> {
  const caller = await findCaller(db, openid)
  if (!caller) throw new DomainError('NOT_BOUND')
  return caller
}

export function memberView({ member, company }: Caller): MemberView {
  return {
    memberId: member._id,
    name: member.name,
    companyId: company._id,
    companyName: company.name,
    dept: member.dept,
    region: member.region,
    roles: member.roles,
    joinedOn: member.joinedOn,
    makeupEnabled: member.makeupEnabled,
    reportFields: askedFields(company.policy),
  }
}

/** Who a rule group is resolved for (core/policy ruleFor): the member's id and department. */
export function subjectOf(member: Pick<MemberDoc, '_id' | 'dept'>): RuleSubject {
  return { memberId: member._id, dept: member.dept }
}

/** What the slot rules need of a member at `now` (an extra verification counts only while it is valid). */
export function memberProfile(member: MemberDoc, now: Date): MemberProfile {
  return {
    companyId: member.companyId,
    memberId: member._id,
    dept: member.dept,
    joinedOn: member.joinedOn,
    region: member.region,
    makeupEnabled: member.makeupEnabled,
    identityBound: member.identityBound,
    extraVerified: Boolean(member.extraVerifiedUntil && new Date(member.extraVerifiedUntil) > now),
  }
}

/** Finds the roster entry an invite code + employee number + name points at, or refuses with BIND_FAILED. */
export async function findRosterEntry(
  db: Db,
  inviteCode: string,
  employeeNo: string,
  name: string,
): Promise<Caller> {
  const [company] = await find<CompanyDoc>(db, COLLECTIONS.companies, { inviteCode }, { limit: 1 })
  if (!company) throw new DomainError('BIND_FAILED')
  const [member] = await find<MemberDoc>(
    db,
    COLLECTIONS.members,
    { companyId: company._id, employeeNo },
    { limit: 1 },
  )
  if (!member || member.status !== 'active' || member.name !== name) throw new DomainError('BIND_FAILED')
  return { member, company }
}

/** Binds openid ↔ member atomically: one company per WeChat user, one WeChat user per employee. */
export async function bindMember(
  db: Db,
  openid: string,
  { member, company }: Caller,
  now: Date,
): Promise<void> {
  await withTransaction(db, async (tx) => {
    if (await getById<BindingDoc>(tx, COLLECTIONS.bindings, openid)) throw new DomainError('ALREADY_BOUND')
    const current = await getById<MemberDoc>(tx, COLLECTIONS.members, member._id)
    if (!current) throw new DomainError('BIND_FAILED')
    if (current.openid && current.openid !== openid) throw new DomainError('EMPLOYEE_ALREADY_BOUND')
    await replace<BindingDoc>(tx, COLLECTIONS.bindings, {
      _id: openid,
      companyId: company._id,
      memberId: member._id,
      boundAt: now,
    })
    await patch(tx, COLLECTIONS.members, member._id, { openid })
    await insert<AuditDoc>(tx, COLLECTIONS.audit, {
      companyId: company._id,
      subject: 'member',
      subjectId: member._id,
      memberId: member._id,
      action: 'bind',
      from: null,
      to: 'bound',
      actor: { kind: 'member', id: member._id },
      at: now,
      reason: '',
    })
  })
}
