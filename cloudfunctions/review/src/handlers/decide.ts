import type { Api } from '@core/api'
import {
  assertHasScope,
  type BulkItemResult,
  REJECT_REASONS,
  rejectionText,
  type RejectReason,
  RETURN_REASON,
  type ReviewDecision,
  roleOf,
} from '@core/review'
import type { MakeupDoc, MakeupRequestView, RequestAction } from '@core/makeup'
import { ADMIN_COLLECTIONS, type PolicyVersionDoc } from '@core/admin'
import type { Policy } from '@core/policy'
import { DomainError, refusal } from '@core/shared'
import { requestView, transitionRequest } from '@server/repositories/makeups'
import { decidedNotice } from '@server/notices/events'
import { enqueueNotice } from '@server/notices/outbox'
import { membersByIds, withRequests, type RequestsRow } from '@server/repositories/review'
import { reviewAction, reviewable, type Reads, type ReviewContext } from '../reviewer'

type DecideIn = Api['review']['decide'][0]

const ACTION: Record<ReviewDecision, RequestAction> = {
  approve: 'approve',
  reject: 'reject',
  return: 'return',
}

/**
 * What the decision records: the note the employee reads on the request (listed reason + text on rejection, what
 * to fix on return), and the category its copies (audit entry, notice, webhook) carry instead of the note.
 */
function reasonOf(input: DecideIn): { note: string; category: string; code?: RejectReason } {
  if (input.decision === 'reject') {
    if (!input.reasonCode) throw new DomainError('FIELD_REQUIRED', 'reasonCode')
    const code = input.reasonCode as RejectReason
    return { note: rejectionText(code, input.note ?? ''), category: REJECT_REASONS[code], code }
  }
  const note = (input.note ?? '').trim()
  if (input.decision === 'return') {
    if (note === '') throw new DomainError('FIELD_REQUIRED', 'reason')
    return { note, category: RETURN_REASON }
  }
  return { note, category: '' }
}

/** What a decision reads besides the reviewer: the requests, their members, the company's policy versions. */
type DecideRow = RequestsRow & { policies?: PolicyVersionDoc[] }

/**
 * The requests and their members in the reviewer's own aggregation; a rejection also joins the company's archived
 * policy versions (whether it refunds depends on the version the request was judged by).
 */
function decisionReads<I>(ids: (input: I) => string[], withPolicies: (input: I) => boolean): Reads<I> {
  return (input, db) => (p) => {
    const joined = withRequests(db, p, ids(input))
    if (!withPolicies(input)) return joined
    return joined.lookup({
      from: ADMIN_COLLECTIONS.policyVersions,
      localField: 'companyId',
      foreignField: 'companyId',
      as: 'policies',
    })
  }
}

/** The policy in force when the request was submitted (the current one when no archived version matches). */
function policyOf(rc: ReviewContext, row: DecideRow, doc: MakeupDoc): Policy {
  if (rc.company.policy.version === doc.policyVersion) return rc.company.policy
  const archived = row.policies?.find(
    (v) => v.companyId === rc.company._id && v.version === doc.policyVersion,
  )
  return archived?.policy ?? rc.company.policy
}

/**
 * One decision, atomic on the request document (core transition + quota + audit + effective record, retried on
 * conflict). What it was checked against outside the transaction is re-read inside it: when another reviewer got
 * there first the transaction sees it decided, and ALREADY_DECIDED names them.
 */
async function decideOne(rc: ReviewContext, row: DecideRow, input: DecideIn): Promise<MakeupRequestView> {
  const { owner, doc } = reviewable(rc, row, input.id)
  const { note, category, code } = reasonOf(input)
  const actor = { kind: 'reviewer' as const, id: rc.member._id, role: roleOf(rc.member) }
  try {
    const updated = await transitionRequest(
      rc.db,
      input.id,
      ACTION[input.decision],
      actor,
      rc.now,
      category,
      policyOf(rc, row, doc),
      (doc) => {
        if (doc.companyId !== owner.companyId || doc.memberId !== owner._id)
          throw new DomainError('REQUEST_NOT_FOUND')
        if (doc.status !== 'pending') throw new DomainError('ALREADY_DECIDED', doc.decidedBy ?? doc.status)
      },
      {
        decidedAt: rc.now,
        decidedBy: rc.member._id,
        decisionNote: note,
        ...(code ? { decisionCode: code } : {}),
      },
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

export const decide = reviewAction<DecideIn, MakeupRequestView, DecideRow>(
  'decide',
  (input, rc, row) => decideOne(rc, row, input),
  decisionReads(
    (input: DecideIn) => [input.id],
    (input: DecideIn) => input.decision === 'reject',
  ),
)

type BulkIn = Api['review']['bulkApprove'][0]
/** a bulk approval takes at most this many requests (the schema's cap) */
const BULK_MAX = 50

/**
 * Approves each selected request on its own; one refusal does not stop the others. All requests and their members
 * come with the reviewer in one aggregation; then one transaction each.
 */
export const bulkApprove = reviewAction<BulkIn, { results: BulkItemResult[] }, DecideRow>(
  'bulkApprove',
  async (input, rc, row) => {
    assertHasScope(rc.scope)
    const results: BulkItemResult[] = []
    for (const id of [...new Set(input.ids)]) {
      try {
        await decideOne(rc, row, { id, decision: 'approve' })
        results.push({ id, ok: true })
      } catch (e) {
        if (!(e instanceof DomainError)) throw e
        const r = refusal(e.code, e.vars)
        results.push({ id, ok: false, code: r.code, message: r.message })
      }
    }
    return { results }
  },
  decisionReads(
    (input: BulkIn) => [...new Set(input.ids)].slice(0, BULK_MAX),
    () => false,
  ),
)
