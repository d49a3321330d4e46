// The make-up request's life as a pure transition function:
//   (new) --submit--> pending --approve--> approved      (the day's effective check-in is written)
//                             --reject---> rejected      (reason required; quota refunded if the policy says so)
//                             --return---> returned      (reason required) --resubmit--> pending
//                             --withdraw-> withdrawn     (by the owner; quota refunded)
//   approved --revoke--> revoked   (HR, listed reason required: the day is missed again; refund per policy)
//   with review off, submit is followed at once by autoApprove (pending → approved, actor 'system').
//   along an approval chain (core/review chain.ts) a pending request stays pending: an approval of a step that is
//   not the last one is 'advance'; 'transfer' (转交) and 'addSigner' (加签) change who decides.
import type { MakeupStatus, RequestAction } from './contract'

export type { RequestAction }
import { DomainError, type Role } from '../shared'
import type { Policy } from '../policy'

export interface Actor {
  kind: 'member' | 'reviewer' | 'system'
  id: string
  role?: Role
}

export interface AuditEntry {
  action: RequestAction
  from: MakeupStatus | null
  to: MakeupStatus
  actor: Actor
  at: Date
  reason: string
  /** a review's chain step (0-based), and the member a step was handed or added to: ids, never names */
  step?: number
  assignee?: string
}

const TABLE: Record<
  RequestAction,
  { from: (MakeupStatus | null)[]; to: MakeupStatus; actor: Actor['kind'][] }
> = {
  submit: { from: [null], to: 'pending', actor: ['member'] },
  autoApprove: { from: ['pending'], to: 'approved', actor: ['system'] },
  approve: { from: ['pending'], to: 'approved', actor: ['reviewer'] },
  reject: { from: ['pending'], to: 'rejected', actor: ['reviewer'] },
  return: { from: ['pending'], to: 'returned', actor: ['reviewer'] },
  // the system withdraws an open request whose member's health data is deleted or expires (core/privacy)
  withdraw: { from: ['pending', 'returned'], to: 'withdrawn', actor: ['member', 'system'] },
  resubmit: { from: ['returned'], to: 'pending', actor: ['member'] },
  // HR takes back an approval (core/review assertMayRevoke says who); the approval stays in the timeline
  revoke: { from: ['approved'], to: 'revoked', actor: ['reviewer'] },
  advance: { from: ['pending'], to: 'pending', actor: ['reviewer'] },
  transfer: { from: ['pending'], to: 'pending', actor: ['reviewer'] },
  addSigner: { from: ['pending'], to: 'pending', actor: ['reviewer'] },
}

const REASON_REQUIRED: RequestAction[] = ['reject', 'return', 'revoke']

/** Statuses in which the request still holds its day (no second request for that day). */
export const OPEN_STATUSES: MakeupStatus[] = ['pending', 'returned']

export function transition(
  from: MakeupStatus | null,
  action: RequestAction,
  actor: Actor,
  at: Date,
  reason = '',
): AuditEntry {
  const rule = TABLE[action]
  if (!rule.from.includes(from)) throw new DomainError('ILLEGAL_TRANSITION', `${from ?? 'new'} -${action}->`)
  if (!rule.actor.includes(actor.kind)) throw new DomainError('FORBIDDEN', `${actor.kind} cannot ${action}`)
  if (REASON_REQUIRED.includes(action) && reason.trim() === '')
    throw new DomainError('FIELD_REQUIRED', 'reason')
  return { action, from, to: rule.to, actor, at, reason }
}

/** Change to the quota counter caused by a transition of a charged request (+1 reserve, -1 refund, 0). */
export function quotaDelta(action: RequestAction, policy: Pick<Policy, 'quota'>): number {
  if (action === 'submit') return 1
  if (action === 'withdraw') return -1
  if (action === 'reject') return policy.quota.refundOnRejection ? -1 : 0
  // absent in policies saved before revocation existed: refunding is the default
  if (action === 'revoke') return policy.quota.revokeRefunds === false ? 0 : -1
  return 0
}

export function isOpen(status: MakeupStatus): boolean {
  return OPEN_STATUSES.includes(status)
}
