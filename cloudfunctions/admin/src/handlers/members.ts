// Members: list, edit department / region / roles / make-up switch, deactivate (history kept), invite code.
import type { Api } from '@core/api'
import { checkKeepsAnHrAdmin } from '@core/admin'
import {
  type BindingDoc,
  COLLECTIONS,
  type CompanyDoc,
  type MakeupDoc,
  type MemberDoc,
  OPEN_STATUSES,
} from '@core/makeup'
import { find, getById, patch, replace, withTransaction, type Db, type DocStore } from '@server/sdk'
import type { Context } from '@server/router'
import { adminMemberView, audit, memberOfCompany, requireHr } from '../access'
import { requireKnownDept } from './departments'

type A = Api['admin']
const PAGE = 50

export async function members(input: A['members'][0], { db, openid }: Context): Promise<A['members'][1]> {
  const { company } = await requireHr(db, openid)
  const where: Record<string, unknown> = { companyId: company._id, status: input.status ?? 'active' }
  if (input.dept) where.dept = input.dept
  const offset = input.offset ?? 0
  const res = await db
    .collection(COLLECTIONS.members)
    .where(where)
    .orderBy('dept', 'asc')
    .orderBy('name', 'asc')
    .skip(offset)
    .limit(PAGE + 1)
    .get()
  const docs = res.data as MemberDoc[]
  return { items: docs.slice(0, PAGE).map(adminMemberView), next: docs.length > PAGE ? offset + PAGE : null }
}

export async function member(input: A['member'][0], { db, openid }: Context): Promise<A['member'][1]> {
  const { company } = await requireHr(db, openid)
  return adminMemberView(await memberOfCompany(db, company._id, input.memberId))
}

/** Active HR admins of the company (their ids), read inside the transaction that may remove one. */
async function activeHrIds(db: Db, companyId: string): Promise<string[]> {
  const hr = await find<MemberDoc>(
    db,
    COLLECTIONS.members,
    { companyId, roles: 'hr', status: 'active' },
    { limit: 100 },
  )
  return hr.map((m) => m._id)
}

/** A member's pending and returned requests. */
function openRequests(db: Db, companyId: string, memberId: string) {
  const open = db.command.in(OPEN_STATUSES)
  return find<MakeupDoc>(db, COLLECTIONS.makeups, { companyId, memberId, status: open }, { limit: 100 })
}

export async function updateMember(
  input: A['updateMember'][0],
  { db, openid, now }: Context,
): Promise<A['updateMember'][1]> {
  const caller = await requireHr(db, openid)
  const companyId = caller.company._id
  if (input.dept !== undefined) await requireKnownDept(db, companyId, input.dept)
  const roles = input.roles && [...new Set(['employee' as const, ...input.roles])]
  const hrIds = roles && !roles.includes('hr') ? await activeHrIds(db, companyId) : []
  // open requests carry the department their reviewers' queue selects on: they move with the member
  const open = input.dept !== undefined ? await openRequests(db, companyId, input.memberId) : []
  return withTransaction(db, async (tx) => {
    const before = await memberOfCompany(tx, companyId, input.memberId)
    if (roles && !roles.includes('hr')) checkKeepsAnHrAdmin(hrIds, before._id, false)
    const after: MemberDoc = {
      ...before,
      dept: input.dept ?? before.dept,
      region: input.region ?? before.region,
      // operators are made by the platform, never by a company's HR admin
      roles: roles ? [...roles, ...before.roles.filter((r) => r === 'operator')] : before.roles,
      makeupEnabled: input.makeupEnabled ?? before.makeupEnabled,
    }
    const changes = (['dept', 'region', 'roles', 'makeupEnabled'] as const)
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => `${k}: ${JSON.stringify(before[k])} → ${JSON.stringify(after[k])}`)
    if (changes.length === 0) return adminMemberView(before)
    await replace(tx, COLLECTIONS.members, after)
    if (after.dept !== before.dept)
      for (const r of open) await patch(tx, COLLECTIONS.makeups, r._id, { dept: after.dept })
    await audit(tx, caller, now, {
      subject: 'member',
      subjectId: before._id,
      memberId: before._id,
      action: 'update',
      to: 'updated',
      changes,
    })
    return adminMemberView(after)
  })
}

export async function deactivate(
  input: A['deactivate'][0],
  { db, openid, now }: Context,
): Promise<A['deactivate'][1]> {
  const caller = await requireHr(db, openid)
  const companyId = caller.company._id
  const hrIds = await activeHrIds(db, companyId)
  return withTransaction(db, async (tx) => {
    const before = await memberOfCompany(tx, companyId, input.memberId)
    if (before.status === 'left') return adminMemberView(before)
    checkKeepsAnHrAdmin(hrIds, before._id, false)
    // records, requests and audit stay; only the binding goes, so the WeChat user can no longer act here
    if (before.openid) await releaseBinding(tx, before)
    await patch(tx, COLLECTIONS.members, before._id, { status: 'left' })
    await audit(tx, caller, now, {
      subject: 'member',
      subjectId: before._id,
      memberId: before._id,
      action: 'deactivate',
      from: 'active',
      to: 'left',
      reason: input.reason ?? '',
    })
    return adminMemberView({ ...before, status: 'left' })
  })
}

async function releaseBinding(tx: DocStore, m: MemberDoc): Promise<void> {
  const binding = await getById<BindingDoc>(tx, COLLECTIONS.bindings, m.openid!)
  if (binding && binding.memberId === m._id) await tx.collection(COLLECTIONS.bindings).doc(m.openid!).remove()
}

const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

function newInviteCode(): string {
  return Array.from(
    { length: 8 },
    () => INVITE_ALPHABET[Math.floor(Math.random() * INVITE_ALPHABET.length)],
  ).join('')
}

/** The invite code employees bind with (and a page path carrying it); `rotate` issues a new one. */
export async function invite(input: A['invite'][0], { db, openid, now }: Context): Promise<A['invite'][1]> {
  const caller = await requireHr(db, openid)
  let code = caller.company.inviteCode
  if (input.rotate) {
    code = newInviteCode()
    // a collision (1 in 32^8) is refused by the unique index on inviteCode
    await withTransaction(db, async (tx) => {
      const company = await getById<CompanyDoc>(tx, COLLECTIONS.companies, caller.company._id)
      await replace(tx, COLLECTIONS.companies, { ...company!, inviteCode: code })
      await audit(tx, caller, now, {
        subject: 'company',
        subjectId: caller.company._id,
        action: 'rotateInvite',
        from: caller.company.inviteCode,
        to: code,
      })
    })
  }
  return { inviteCode: code, path: `/pages/index/index?invite=${code}` }
}

/** HR vouches for a member's identity by hand (no roster number, or a new one): the binding a region asks for. */
export async function confirmIdentity(
  input: A['confirmIdentity'][0],
  { db, openid, now }: Context,
): Promise<A['confirmIdentity'][1]> {
  const caller = await requireHr(db, openid)
  return withTransaction(db, async (tx) => {
    const before = await memberOfCompany(tx, caller.company._id, input.memberId)
    if (before.identityBound) return adminMemberView(before)
    const after: MemberDoc = { ...before, identityBound: true, identityBoundBy: 'hr' }
    await patch(tx, COLLECTIONS.members, before._id, { identityBound: true, identityBoundBy: 'hr' })
    await audit(tx, caller, now, {
      subject: 'member',
      subjectId: before._id,
      memberId: before._id,
      action: 'confirmIdentity',
      from: 'unbound',
      to: 'hr',
      reason: input.note,
    })
    return adminMemberView(after)
  })
}
