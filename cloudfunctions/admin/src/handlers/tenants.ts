// Tenants: the caller's own company (`me`), and for platform operators the list of companies and the creation of
// a company with its first HR admin (the production bootstrap: DEPLOY.md; locally the seed has an operator).
import { ADMIN_COLLECTIONS, type CompanyView, type PolicyVersionDoc, policyVersionId } from '@core/admin'
import type { Api } from '@core/api'
import { isoShanghai, localDay } from '@core/calendar'
import { DomainError } from '@core/shared'
import { DEFAULT_POLICY } from '@core/policy'
import { COLLECTIONS, type CompanyDoc, type MemberDoc } from '@core/makeup'
import { requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'
import { keysetPage } from '@server/paging'
import { find, insert, withTransaction } from '@server/sdk'
import { SECURITY_LOG, type SecurityEntry } from '@server/security-log'
import { audit, requireOperator } from '../access'

type A = Api['admin']
const SECURITY_PAGE = 50

const companyView = (c: CompanyDoc): CompanyView => ({ id: c._id, name: c.name, inviteCode: c.inviteCode })

export async function me(_: A['me'][0], { db, openid }: Context): Promise<A['me'][1]> {
  const { member, company } = await requireCaller(db, openid)
  return {
    company: companyView(company),
    isHr: member.roles.includes('hr'),
    isOperator: member.roles.includes('operator'),
    policyVersion: company.policy.version,
  }
}

export async function companies(_: A['companies'][0], { db, openid }: Context) {
  await requireOperator(db, openid)
  return (await find<CompanyDoc>(db, COLLECTIONS.companies, {}, { limit: 1000 })).map(companyView)
}

/** The platform's security log for operators, newest first, 50 a page (hour counters left out). */
export async function securityLog(
  input: A['securityLog'][0],
  { db, openid }: Context,
): Promise<A['securityLog'][1]> {
  await requireOperator(db, openid)
  const { docs, next } = await keysetPage<SecurityEntry>(
    db,
    SECURITY_LOG,
    {},
    'lastAt',
    'desc',
    input.cursor,
    SECURITY_PAGE,
  )
  const items = docs
    .filter((d) => d.kind !== ('callers' as string))
    .map((d) => ({
      id: d._id,
      kind: d.kind,
      fn: d.fn,
      openid: d.openid,
      code: d.code,
      count: d.count,
      firstAt: isoShanghai(d.firstAt),
      lastAt: isoShanghai(d.lastAt),
    }))
  return { items, next }
}

export async function createCompany(
  input: A['createCompany'][0],
  { db, openid, now }: Context,
): Promise<A['createCompany'][1]> {
  const caller = await requireOperator(db, openid)
  const taken = await find(db, COLLECTIONS.companies, { inviteCode: input.inviteCode }, { limit: 1 })
  if (taken.length > 0) throw new DomainError('COMPANY_EXISTS')
  const companyId = `c-${input.inviteCode.toLowerCase()}`
  const company: CompanyDoc = {
    _id: companyId,
    name: input.name,
    inviteCode: input.inviteCode,
    policy: DEFAULT_POLICY,
    createdAt: now,
  }
  const hr: MemberDoc = {
    _id: `${companyId}-${input.hrEmployeeNo}`,
    companyId,
    employeeNo: input.hrEmployeeNo,
    name: input.hrName,
    dept: '人力资源部',
    region: '',
    roles: ['employee', 'hr'],
    joinedOn: localDay(now),
    makeupEnabled: true,
    identityBound: false,
    openid: null,
    status: 'active',
  }
  await withTransaction(db, async (tx) => {
    await insert(tx, COLLECTIONS.companies, company)
    await insert(tx, COLLECTIONS.members, hr)
    await insert<PolicyVersionDoc>(tx, ADMIN_COLLECTIONS.policyVersions, {
      _id: policyVersionId(companyId, DEFAULT_POLICY.version),
      companyId,
      version: DEFAULT_POLICY.version,
      policy: DEFAULT_POLICY,
      savedAt: now,
      savedBy: caller.member.name,
    })
    await audit(
      tx,
      caller,
      now,
      { subject: 'company', subjectId: companyId, action: 'create', to: input.name },
      companyId,
    )
  }).catch((e) => {
    // two operators racing on one invite code: the unique index refuses the second
    if (/duplicate/i.test(String((e as Error)?.message))) throw new DomainError('COMPANY_EXISTS')
    throw e
  })
  return { company: companyView(company), hrMemberId: hr._id }
}
