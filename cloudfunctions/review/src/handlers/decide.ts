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

/** approvals running at once in a bulk approval: each waits on its own round trips, not on the others */
const BULK_PARALLEL = 10

/**
 * Approves each selected request on its own; one refusal does not stop the others. All requests and their members
 * come with the reviewer in one aggregation; then one transaction each. Requests that share a quota document (same
 * member and cycle) are approved one after another, so they never conflict; the groups run BULK_PARALLEL at a
 * time, so HR waits for about (N / BULK_PARALLEL) approvals' round trips rather than N.
 */
export const bulkApprove = reviewAction<BulkIn, { results: BulkItemResult[] }, DecideRow>(
  'bulkApprove',
  async (input, rc, row) => {
    assertHasScope(rc.scope)
    const ids = [...new Set(input.ids)]
    const approveOne = async (id: string): Promise<BulkItemResult> => {
      try {
        await decideOne(rc, row, { id, decision: 'approve' })
        return { id, ok: true }
      } catch (e) {
        if (!(e instanceof DomainError)) throw e
        const r = refusal(e.code, e.vars)
        return { id, ok: false, code: r.code, message: r.message }
      }
    }
    const groups = new Map<string, string[]>()
    for (const id of ids) {
      const doc = row.requests.find((d) => d._id === id)
      // an unknown id is refused on its own (by decideOne), in a group of its own
      const key = doc ? `${doc.memberId}\u0000${doc.cycle}` : `?${id}`
      groups.set(key, [...(groups.get(key) ?? []), id])
    }
    const byId = new Map<string, BulkItemResult>()
    const queue = [...groups.values()]
    const worker = async () => {
      for (let group = queue.shift(); group; group = queue.shift())
        for (const id of group) byId.set(id, await approveOne(id))
    }
    await Promise.all(Array.from({ length: Math.min(BULK_PARALLEL, queue.length) }, worker))
    return { results: ids.map((id) => byId.get(id)!) }
  },
  decisionReads(
    (input: BulkIn) => [...new Set(input.ids)].slice(0, BULK_MAX),
    () => false,
  ),
)
