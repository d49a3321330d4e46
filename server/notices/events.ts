// The notices state changes cause, built where the change happens and queued inside the same transaction (the
// makeup and review functions pass them to the repository's `alsoWrite`): a notice exists exactly when its change
// does. Sending happens later and never fails the change.
// A notice is a copy that outlives its request (in-app list, WeChat message, delivery log): it carries the
// reason's category and the listed rejection reason, never the member's or the reviewer's own words, which may be
// health text and stay on the request until it is purged.
import { noticeKey } from '@core/notices'
import {
  type AccessRequestDoc,
  MAKEUP_REASONS,
  reasonKindOf,
  type MakeupDoc,
  type MemberDoc,
  type SpecialDoc,
} from '@core/makeup'
import {
  REJECT_REASONS,
  RETURN_REASON,
  REVOKE_REASONS,
  type RejectReason,
  type RevokeReason,
  currentStep,
} from '@core/review'
import type { NewNotice } from './outbox'
import type { Audience } from './records'

/** Who decides the request's current step: its department's reviewers (else HR), the HR admins, or one member. */
function deciders(doc: MakeupDoc): Audience {
  const step = currentStep(doc)
  if (step.kind === 'hr') return { kind: 'hrAdmins', about: doc.memberId }
  if (step.kind === 'member') return { kind: 'member', memberId: step.memberId }
  return { kind: 'reviewersOf', memberId: doc.memberId }
}

/**
 * A request waiting for a decision (submitted, resubmitted, moved to the next step of its chain, handed or added
 * to someone): whoever decides its current step is told.
 */
export function submittedNotice(doc: MakeupDoc, applicant: Pick<MemberDoc, 'name'>): NewNotice | null {
  if (doc.status !== 'pending') return null
  return {
    companyId: doc.companyId,
    kind: 'reviewNeeded',
    // one per step reached: the change's instant tells two reaches of the request apart
    key: noticeKey('reviewNeeded', doc._id, doc.updatedAt.getTime().toString(36)),
    audience: deciders(doc),
    values: {
      applicant: applicant.name,
      day: doc.day,
      reason: MAKEUP_REASONS[reasonKindOf(doc)],
      submittedAt: doc.updatedAt,
      requestId: doc._id,
    },
    at: doc.updatedAt,
  }
}

/** What a decided notice says of the decision: the listed rejection reason, that it was returned, or nothing. */
function decisionCategory(doc: MakeupDoc): string {
  if (doc.status === 'rejected') return REJECT_REASONS[doc.decisionCode as RejectReason] ?? ''
  return doc.status === 'returned' ? RETURN_REASON : ''
}

/** A decided request (approved, rejected, returned): its employee is told, with the decision's category. */
export function decidedNotice(doc: MakeupDoc, reviewer: Pick<MemberDoc, 'name'>): NewNotice {
  return {
    companyId: doc.companyId,
    kind: 'requestDecided',
    key: noticeKey('requestDecided', doc._id, doc.updatedAt.getTime().toString(36)),
    audience: { kind: 'member', memberId: doc.memberId },
    values: {
      day: doc.day,
      status: doc.status,
      note: decisionCategory(doc),
      reviewer: reviewer.name,
      requestId: doc._id,
    },
    at: doc.updatedAt,
  }
}

/**
 * The outcome of a request (approved or rejected) for the members its chain copies (抄送): the applicant's name, the
 * day and the outcome's category, never the note. None when nobody is copied.
 */
export function copiedNotice(
  doc: MakeupDoc,
  applicant: Pick<MemberDoc, 'name'>,
  reviewer: Pick<MemberDoc, 'name'>,
): NewNotice | null {
  // the applicant is never among them: the chain leaves them out at submit, the dispatcher skips `about`
  const cc = (doc.cc ?? []).map((c) => c.memberId)
  if (cc.length === 0) return null
  return {
    companyId: doc.companyId,
    kind: 'requestCopied',
    key: noticeKey('requestCopied', doc._id, doc.updatedAt.getTime().toString(36)),
    audience: { kind: 'members', memberIds: cc, about: doc.memberId },
    values: {
      day: doc.day,
      status: doc.status,
      note: decisionCategory(doc),
      reviewer: reviewer.name,
      applicant: applicant.name,
      requestId: doc._id,
    },
    at: doc.updatedAt,
  }
}

/** A decided special-handling request (granted with a deadline, or denied): its employee is told (not HR's note). */
export function specialDecidedNotice(
  doc: Pick<SpecialDoc, '_id' | 'companyId' | 'memberId' | 'day' | 'status'>,
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
      note: '',
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

/** HR revoked an approved make-up: its employee is told, with the listed reason (never HR's note). */
export function revokedNotice(doc: MakeupDoc, by: Pick<MemberDoc, 'name'>): NewNotice {
  return {
    companyId: doc.companyId,
    kind: 'requestRevoked',
    key: noticeKey('requestRevoked', doc._id, doc.updatedAt.getTime().toString(36)),
    audience: { kind: 'member', memberId: doc.memberId },
    values: {
      day: doc.day,
      status: 'revoked',
      note: REVOKE_REASONS[doc.revokeCode as RevokeReason] ?? '',
      reviewer: by.name,
      requestId: doc._id,
    },
    at: doc.updatedAt,
  }
}
