// The notices state changes cause, built where the change happens and queued inside the same transaction (the
// makeup and review functions pass them to the repository's `alsoWrite`): a notice exists exactly when its change
// does. Sending happens later and never fails the change.
import { noticeKey } from '@core/notices'
import type { AccessRequestDoc, MakeupDoc, MemberDoc, SpecialDoc } from '@core/makeup'
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

/** A decided special-handling request (granted with a deadline, or denied): its employee is told. */
export function specialDecidedNotice(
  doc: Pick<SpecialDoc, '_id' | 'companyId' | 'memberId' | 'day' | 'status'> & { decisionNote?: string },
  at: Date,
): NewNotice {
  return {
    companyId: doc.companyId,
    kind: 'specialDecided',
    key: noticeKey('specialDecided', doc._id, at.getTime().toString(36)),
    audience: { kind: 'member', memberId: doc.memberId },
    values: {
      subject: `${doc.day} 特殊补卡申请`,
      status: doc.status,
      note: doc.decisionNote ?? '',
      decidedAt: at,
    },
    at,
  }
}

/** HR's answer to a member's request to have make-up enabled (申请开通): the member is told. */
export function accessDecidedNotice(doc: AccessRequestDoc, at: Date): NewNotice {
  return {
    companyId: doc.companyId,
    kind: 'accessDecided',
    key: noticeKey('accessDecided', doc._id, at.getTime().toString(36)),
    audience: { kind: 'member', memberId: doc.memberId },
    values: { subject: '补打卡功能开通申请', status: doc.status, note: doc.note ?? '', decidedAt: at },
    at,
  }
}
