// 申请开通: HR sees members' requests to have make-up enabled and grants (the member's switch goes on) or declines;
// the member gets a notice either way, and the decision is audited.
import type { Api } from '@core/api'
import type { AccessRequestAdminView } from '@core/admin'
import { type AccessRequestDoc, COLLECTIONS, type MemberDoc } from '@core/makeup'
import { accessRequestsOf, accessView, decideAccessRequest } from '@server/repositories/access'
import type { Context } from '@server/router'
import { find, type Db } from '@server/sdk'
import { audit, requireHr } from '../access'

type A = Api['admin']

function adminView(doc: AccessRequestDoc, m: MemberDoc | undefined): AccessRequestAdminView {
  return {
    ...accessView(doc),
    reason: doc.reason,
    member: {
      id: doc.memberId,
      name: m?.name ?? '',
      dept: m?.dept ?? '',
      employeeNo: m?.employeeNo ?? '',
    },
  }
}

async function membersById(db: Db, companyId: string, ids: string[]): Promise<Map<string, MemberDoc>> {
  if (ids.length === 0) return new Map()
  const docs = await find<MemberDoc>(
    db,
    COLLECTIONS.members,
    { companyId, _id: db.command.in(ids) },
    { limit: ids.length },
  )
  return new Map(docs.map((m) => [m._id, m]))
}

export async function accessRequests(
  input: A['accessRequests'][0],
  { db, openid }: Context,
): Promise<A['accessRequests'][1]> {
  const { company } = await requireHr(db, openid)
  const docs = await accessRequestsOf(db, company._id, input.status ?? 'pending')
  const members = await membersById(
    db,
    company._id,
    docs.map((d) => d.memberId),
  )
  return docs.map((d) => adminView(d, members.get(d.memberId)))
}

export async function decideAccess(
  input: A['decideAccess'][0],
  { db, openid, now }: Context,
): Promise<A['decideAccess'][1]> {
  const caller = await requireHr(db, openid)
  const grant = input.decision === 'grant'
  const note = input.note?.trim() ?? ''
  let member: MemberDoc | undefined
  const doc = await decideAccessRequest(db, {
    companyId: caller.company._id,
    memberId: input.memberId,
    grant,
    note,
    by: { id: caller.member._id, name: caller.member.name },
    now,
    audit: async (tx, before) => {
      member = before
      await audit(tx, caller, now, {
        subject: 'member',
        subjectId: before._id,
        memberId: before._id,
        action: grant ? 'grantAccess' : 'declineAccess',
        from: 'pending',
        to: grant ? 'granted' : 'declined',
        reason: note,
        ...(grant && !before.makeupEnabled ? { changes: ['makeupEnabled: false → true'] } : {}),
      })
    },
  })
  return adminView(doc, member)
}
