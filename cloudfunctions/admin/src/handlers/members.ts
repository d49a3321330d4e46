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
import { DomainError } from '@core/shared'
import type { Caller } from '@server/repositories/members'
import { find, getById, patch, replace, withTransaction, type Db, type DocStore } from '@server/sdk'
import type { Context } from '@server/router'
import { adminMemberView, audit, memberOfCompany, refused, requireHr } from '../access'
import { requireKnownDept } from './departments'

type A = Api['admin']
const PAGE = 50

export async function members(input: A['members'][0], { db, openid }: Context): Promise<A['members'][1]> {
  const { company } = await requireHr(db, openid)
  const where: Record<string, unknown> = { companyId: company._id, status: input.status ?? 'active' }
  if (input.dept) where.dept = input.dept
  // roles is an array: `in` matches a member holding any of them (index by_company_roles)
  if (input.roles) where.roles = db.command.in(input.roles)
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

export async function member(input: A['member'][0], { db, openid, now }: Context): Promise<A['member'][1]> {
  const caller = await requireHr(db, openid)
  return adminMemberView(await tenantMember(db, caller, now, 'member', input.memberId))
}

/**
 * Active HR admins of the company (their ids), for a transaction that may remove one. A transaction reads a
 * snapshot and cannot query, so two admins demoting each other at once would each still see the other (write
 * skew). The transaction first writes the company's roster counter: of two such transactions only one gets
 * that write, the other retries after it commits; the query, made once the counter is held, then sees the
 * committed roster.
 */
async function lockedHrIds(db: Db, tx: DocStore, companyId: string): Promise<string[]> {
  await patch(tx, COLLECTIONS.companies, companyId, { hrRoster: db.command.inc(1) })
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
  await tenantMember(db, caller, now, 'updateMember', input.memberId)
  // open requests carry the department their reviewers' queue selects on: they move with the member
  const open = input.dept !== undefined ? await openRequests(db, companyId, input.memberId) : []
  return withTransaction(db, async (tx) => {
    const before = await memberOfCompany(tx, companyId, input.memberId)
    if (roles && !roles.includes('hr') && before.roles.includes('hr'))
      await keepsAnHrAdmin(db, tx, caller, now, 'updateMember', before._id)
    const after: MemberDoc = {
      ...before,
      dept: input.dept ?? before.dept,
      region: input.region ?? before.region,
      // operators are made by the platform, never by a company's HR admin
      roles: roles ? [...roles, ...before.roles.filter((r) => r === 'operator')] : before.roles,
      makeupEnabled: input.makeupEnabled ?? before.makeupEnabled,
      identityBound: input.identityBound ?? before.identityBound,
      // HR's own confirmation (the member page), audited below with the other changes
      identityBoundBy:
        input.identityBound === true && !before.identityBound
          ? 'hr'
          : input.identityBound === false
            ? undefined
            : before.identityBoundBy,
    }
    const changes = (['dept', 'region', 'roles', 'makeupEnabled', 'identityBound'] as const)
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
  await tenantMember(db, caller, now, 'deactivate', input.memberId)
  return withTransaction(db, async (tx) => {
    const before = await memberOfCompany(tx, companyId, input.memberId)
    if (before.status === 'left') return adminMemberView(before)
    if (before.roles.includes('hr')) await keepsAnHrAdmin(db, tx, caller, now, 'deactivate', before._id)
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

/** LAST_HR_ADMIN (recorded) when removing this member would leave the company without an active HR admin. */
async function keepsAnHrAdmin(
  db: Db,
  tx: DocStore,
  caller: Caller,
  now: Date,
  action: string,
  memberId: string,
): Promise<void> {
  try {
    checkKeepsAnHrAdmin(await lockedHrIds(db, tx, caller.company._id), memberId, false)
  } catch (e) {
    if (e instanceof DomainError) throw await refused(db, caller, now, action, e.code, 'member', memberId)
    throw e
  }
}

/**
 * The member a tenant admin action is about: one of the company's own, never the platform operator whose member
 * record happens to live in it (MEMBER_NOT_FOUND, recorded; nothing about them is shown or changed).
 */
async function tenantMember(db: Db, caller: Caller, now: Date, action: string, memberId: string) {
  const m = await memberOfCompany(db, caller.company._id, memberId)
  if (m.roles.includes('operator'))
    throw await refused(db, caller, now, action, 'MEMBER_NOT_FOUND', 'member', memberId)
  return m
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
