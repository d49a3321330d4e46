// Access requests (申请开通): a member asks HR to enable make-up for them; HR grants (the member's switch goes on)
// or declines; the member is told through the notices either way.
import { isoShanghai } from '@core/calendar'
import type { AccessRequestView } from '@core/makeup'
import { COLLECTIONS, type AccessRequestDoc, type AuditDoc, type MemberDoc } from '@core/makeup'
import { DomainError } from '@core/shared'
import { accessDecidedNotice } from '../notices/events'
import { enqueueNotice } from '../notices/outbox'
import { find, getById, insert, patch, replace, withTransaction, type Db, type DocStore } from '../sdk'

export function accessView(doc: AccessRequestDoc): AccessRequestView {
  return {
    status: doc.status,
    requestedAt: isoShanghai(doc.requestedAt),
    ...(doc.decidedAt ? { decidedAt: isoShanghai(doc.decidedAt) } : {}),
    ...(doc.note ? { note: doc.note } : {}),
  }
}

export function accessRequestOf(store: DocStore, memberId: string): Promise<AccessRequestDoc | null> {
  return getById<AccessRequestDoc>(store, COLLECTIONS.accessRequests, memberId)
}

/** Files (or returns the open) request; a new one after a decline replaces it. Audited. */
export async function fileAccessRequest(
  db: Db,
  member: MemberDoc,
  reason: string,
  now: Date,
): Promise<AccessRequestDoc> {
  return withTransaction(db, async (tx) => {
    const open = await accessRequestOf(tx, member._id)
    if (open?.status === 'pending') return open
    const doc: AccessRequestDoc = {
      _id: member._id,
      companyId: member.companyId,
      memberId: member._id,
      status: 'pending',
      reason,
      requestedAt: now,
    }
    await replace(tx, COLLECTIONS.accessRequests, doc)
    await insert<AuditDoc>(tx, COLLECTIONS.audit, {
      companyId: member.companyId,
      subject: 'member',
      subjectId: member._id,
      memberId: member._id,
      action: 'requestAccess',
      from: open?.status ?? null,
      to: 'pending',
      actor: { kind: 'member', id: member._id },
      at: now,
      reason,
    })
    return doc
  })
}

/** The company's requests in one state, oldest first. */
export function accessRequestsOf(db: Db, companyId: string, status: AccessRequestDoc['status']) {
  return find<AccessRequestDoc>(
    db,
    COLLECTIONS.accessRequests,
    { companyId, status },
    { orderBy: ['requestedAt', 'asc'], limit: 100 },
  )
}

export interface AccessDecision {
  companyId: string
  memberId: string
  grant: boolean
  note: string
  by: { id: string; name: string }
  now: Date
  /** writes the decision's audit entry inside the same transaction */
  audit: (tx: DocStore, before: MemberDoc) => Promise<void>
}

/**
 * HR's answer, in one transaction: the request, the member's switch (on a grant) and the member's notice; a second
 * answer is refused with who answered first.
 */
export async function decideAccessRequest(db: Db, d: AccessDecision): Promise<AccessRequestDoc> {
  return withTransaction(db, async (tx) => {
    const doc = await accessRequestOf(tx, d.memberId)
    if (!doc || doc.companyId !== d.companyId) throw new DomainError('ACCESS_REQUEST_NOT_FOUND', d.memberId)
    if (doc.status !== 'pending') {
      const first = doc.decidedBy && (await getById<MemberDoc>(tx, COLLECTIONS.members, doc.decidedBy))
      throw new DomainError('ALREADY_DECIDED', doc.status, { by: first ? first.name : '他人' })
    }
    const member = await getById<MemberDoc>(tx, COLLECTIONS.members, d.memberId)
    if (!member || member.companyId !== d.companyId) throw new DomainError('MEMBER_NOT_FOUND', d.memberId)
    const decided: AccessRequestDoc = {
      ...doc,
      status: d.grant ? 'granted' : 'declined',
      decidedAt: d.now,
      decidedBy: d.by.id,
      ...(d.note ? { note: d.note } : {}),
    }
    await replace(tx, COLLECTIONS.accessRequests, decided)
    if (d.grant && !member.makeupEnabled)
      await patch(tx, COLLECTIONS.members, member._id, { makeupEnabled: true })
    await d.audit(tx, member)
    await enqueueNotice(tx, accessDecidedNotice(decided, d.now))
    return decided
  })
}
