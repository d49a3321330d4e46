import type { Api, BulkItemResult, MakeupRequestView, ReviewDecision } from '../../../../core/api'
import { DomainError, refusal } from '../../../../core/errors'
import { assertHasScope, rejectionText, roleOf, type RejectReason } from '../../../../core/review'
import type { RequestAction } from '../../../../core/requests'
import { requestView, transitionRequest } from '../../../_shared/repositories/makeups'
import { decidedNotice } from '../../../_shared/notices/events'
import { enqueueNotice } from '../../../_shared/notices/outbox'
import { policyOfVersion } from '../../../_shared/repositories/policies'
import { membersByIds } from '../../../_shared/repositories/review'
import { reviewAction, type ReviewContext } from '../reviewer'
import { loadReviewable } from './detail'

type DecideIn = Api['review']['decide'][0]

const ACTION: Record<ReviewDecision, RequestAction> = {
  approve: 'approve',
  reject: 'reject',
  return: 'return',
}

/** The reason the audit log and the employee see: listed reason + text on rejection, what to fix on return. */
function reasonOf(input: DecideIn): string {
  if (input.decision === 'reject') {
    if (!input.reasonCode) throw new DomainError('FIELD_REQUIRED', 'reasonCode')
    return rejectionText(input.reasonCode as RejectReason, input.note ?? '')
  }
  return (input.note ?? '').trim()
}

/**
 * One decision, atomic on the request document (core transition + quota + audit + effective record, retried on
 * conflict). When another reviewer got there first the retry sees it decided: ALREADY_DECIDED names them.
 */
async function decideOne(rc: ReviewContext, input: DecideIn): Promise<MakeupRequestView> {
  const { owner, doc } = await loadReviewable(rc, input.id)
  // judged by the policy in force when the request was submitted (e.g. whether a rejection refunds the quota)
  const policy = await policyOfVersion(rc.db, rc.company, doc.policyVersion)
  const reason = reasonOf(input)
  const actor = { kind: 'reviewer' as const, id: rc.member._id, role: roleOf(rc.member) }
  try {
    const updated = await transitionRequest(
      rc.db,
      input.id,
      ACTION[input.decision],
      actor,
      rc.now,
      reason,
      policy,
      (doc) => {
        if (doc.companyId !== owner.companyId || doc.memberId !== owner._id)
          throw new DomainError('REQUEST_NOT_FOUND')
        if (doc.status !== 'pending') throw new DomainError('ALREADY_DECIDED', doc.decidedBy ?? doc.status)
      },
      { decidedAt: rc.now, decidedBy: rc.member._id, decisionNote: reason },
      // the employee's notice is queued in the same transaction: it exists exactly when the decision does
      (tx, decided) => enqueueNotice(tx, decidedNotice(decided, rc.member)),
    )
    return requestView(updated)
  } catch (e) {
    if (e instanceof DomainError && e.code === 'ALREADY_DECIDED')
      throw await namedAlreadyDecided(rc, e.detail)
    throw e
  }
}

async function namedAlreadyDecided(rc: ReviewContext, deciderId = ''): Promise<DomainError> {
  const [decider] = deciderId ? await membersByIds(rc.db, rc.company._id, [deciderId]) : []
  // the employee withdrew it: no reviewer to name
  const by = decider ? decider.name : '申请人'
  return new DomainError('ALREADY_DECIDED', deciderId, { by })
}

export const decide = reviewAction('decide', (input: DecideIn, rc) => decideOne(rc, input))

/** Approves each selected request on its own; one refusal does not stop the others. */
export const bulkApprove = reviewAction(
  'bulkApprove',
  async (input: Api['review']['bulkApprove'][0], rc): Promise<{ results: BulkItemResult[] }> => {
    assertHasScope(rc.scope)
    const results: BulkItemResult[] = []
    for (const id of [...new Set(input.ids)]) {
      try {
        await decideOne(rc, { id, decision: 'approve' })
        results.push({ id, ok: true })
      } catch (e) {
        if (!(e instanceof DomainError)) throw e
        const r = refusal(e.code, e.vars)
        results.push({ id, ok: false, code: r.code, message: r.message })
      }
    }
    return { results }
  },
)
