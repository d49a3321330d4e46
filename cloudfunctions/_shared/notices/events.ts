// The notices state changes cause, built where the change happens and queued inside the same transaction (the
// makeup and review functions pass them to the repository's `alsoWrite`): a notice exists exactly when its change
// does. Sending happens later and never fails the change.
import { noticeKey } from '../../../core/notices'
import type { MakeupDoc, MemberDoc } from '../../../core/records'
import type { NewNotice } from './outbox'

/** A pending request: its department's reviewers (else the HR admins) are told. */
export function submittedNotice(doc: MakeupDoc, applicant: Pick<MemberDoc, 'name'>): NewNotice | null {
  if (doc.status !== 'pending') return null
  return {
    companyId: doc.companyId,
    kind: 'reviewNeeded',
    key: noticeKey('reviewNeeded', doc._id, doc.updatedAt.getTime().toString(36)),
    audience: { kind: 'reviewersOf', memberId: doc.memberId },
    values: {
      applicant: applicant.name,
      day: doc.day,
      reason: doc.reason,
      submittedAt: doc.updatedAt,
      requestId: doc._id,
    },
    at: doc.updatedAt,
  }
}

/** A decided request (approved, rejected, returned): its employee is told, with the reviewer's note. */
export function decidedNotice(doc: MakeupDoc, reviewer: Pick<MemberDoc, 'name'>): NewNotice {
  return {
    companyId: doc.companyId,
    kind: 'requestDecided',
    key: noticeKey('requestDecided', doc._id, doc.updatedAt.getTime().toString(36)),
    audience: { kind: 'member', memberId: doc.memberId },
    values: {
      day: doc.day,
      status: doc.status,
      note: doc.decisionNote ?? '',
      reviewer: reviewer.name,
      requestId: doc._id,
    },
    at: doc.updatedAt,
  }
}
