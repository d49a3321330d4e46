import type { Api } from '@core/api'
import {
  assertHasScope,
  assertMayDecideStep,
  chainOf,
  decidedStep,
  isLastStep,
  type BulkItemResult,
  REJECT_REASONS,
  rejectionText,
  type RejectReason,
  RETURN_REASON,
  type ReviewDecision,
  roleOf,
} from '@core/review'
import {
  COLLECTIONS,
  type MakeupDoc,
  type MakeupRequestView,
  type RequestAction,
  transition,
} from '@core/makeup'
import { ADMIN_COLLECTIONS, type PolicyVersionDoc } from '@core/admin'
import type { Policy } from '@core/policy'
import { DomainError, refusal } from '@core/shared'
import {
  appended,
  applyTransition,
  eventOf,
  getRequest,
  insertRecords,
  requestView,
} from '@server/repositories/makeups'
import { find, updateWhere } from '@server/sdk'
import { copiedNotice, decidedNotice, submittedNotice } from '@server/notices/events'
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
 * One decision: one update of the request guarded by the state the reviewer's read saw (core/README.md): of
 * concurrent reviewers exactly one wins; the others re-read to name who decided. The update carries the decision's
 * audit entry and notices as events; an approval then writes its effective record: 3 round trips in all. Along an
 * approval chain, an approval of a step that is not the last moves the request on (`advance`, it stays pending and
 * keeps its day and quota unit) and tells the next step's deciders; the last step's decision, or any refusal, is
 * the request's, told to the employee and the members the chain copies.
 */
async function decideOne(rc: ReviewContext, row: DecideRow, input: DecideIn): Promise<MakeupRequestView> {
  const { doc, owner } = reviewable(rc, row, input.id)
  const { note, category, code } = reasonOf(input)
  if (doc.status !== 'pending') throw await namedAlreadyDecided(rc, doc.decidedBy)
  assertMayDecideStep(doc, rc.scope, rc.member, owner.dept)
  const actor = { kind: 'reviewer' as const, id: rc.member._id, role: roleOf(rc.member) }
  const { final, fields } = decidedStep(doc, rc.member, input.decision === 'approve')
  const both = { policy: policyOf(rc, row, doc), mark: { step: doc.step ?? 0 } }
  const decided = final
    ? await applyTransition(rc.db, doc, ACTION[input.decision], actor, rc.now, {
        ...both,
        reason: category,
        changes: {
          ...fields,
          decidedAt: rc.now,
          decidedBy: rc.member._id,
          decisionNote: note,
          ...(code ? { decisionCode: code } : {}),
        },
        notice: (updated) =>
          [
            decidedNotice(updated, rc.member),
            ...(updated.status === 'returned' ? [] : [copiedNotice(updated, owner, rc.member)]),
          ].filter((n) => n !== null),
      })
    : await applyTransition(rc.db, doc, 'advance', actor, rc.now, {
        ...both,
        changes: fields,
        notice: (updated) => submittedNotice(updated, owner),
      })
  if (decided) return requestView(decided)
  throw await lostTo(rc, doc)
}

/**
 * The refusal of a call that lost to another change of the request since it was read: it names who decided, or —
 * still pending — who decided the step it was at (another approver of that step, ALREADY_DECIDED all the same).
 */
export async function lostTo(rc: ReviewContext, seen: MakeupDoc): Promise<DomainError> {
  const current = await getRequest(rc.db, seen._id)
  if (current?.status !== 'pending') return namedAlreadyDecided(rc, current?.decidedBy)
  const by = chainOf(current).chain[seen.step ?? 0]?.decidedByName
  return new DomainError('ALREADY_DECIDED', 'step', by ? { by } : {})
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
 * Approves the selected requests at the last step of their chain with ONE update of all that may be approved (each
 * guarded by the state the reviewer's read saw, and marked with this decision's id), one read of which carry that
 * id (the update's count is not per document), and their effective records in one insert: 4 round trips for any
 * N (core/README.md). The others (an earlier step, or members copied on the outcome) are decided one by one. An
 * item refused (not in scope, not the caller's step, decided meanwhile, unknown) does not stop the others.
 */
export const bulkApprove = reviewAction<BulkIn, { results: BulkItemResult[] }, DecideRow>(
  'bulkApprove',
  async (input, rc, row) => {
    assertHasScope(rc.scope)
    const ids = [...new Set(input.ids)]
    const refused = new Map<string, BulkItemResult>()
    const refuse = (id: string, e: unknown) => {
      if (!(e instanceof DomainError)) throw e
      const r = refusal(e.code, e.vars)
      refused.set(id, { id, ok: false, code: r.code, message: r.message })
    }
    const eligible: MakeupDoc[] = []
    const oneByOne: string[] = []
    for (const id of ids) {
      try {
        const { doc, owner } = reviewable(rc, row, id)
        if (doc.status !== 'pending') throw await namedAlreadyDecided(rc, doc.decidedBy)
        assertMayDecideStep(doc, rc.scope, rc.member, owner.dept)
        // a step that is not the last, or an outcome someone is copied on, is decided as on the detail page
        if (isLastStep(doc) && !doc.cc?.length) eligible.push(doc)
        else oneByOne.push(id)
      } catch (e) {
        refuse(id, e)
      }
    }
    const approved = await approveAll(rc, eligible)
    for (const doc of eligible) if (!approved.has(doc._id)) refuse(doc._id, await lostTo(rc, doc))
    for (const id of oneByOne)
      await decideOne(rc, row, { id, decision: 'approve' }).catch((e: unknown) => refuse(id, e))
    return { results: ids.map((id) => refused.get(id) ?? { id, ok: true }) }
  },
  decisionReads(
    (input: BulkIn) => [...new Set(input.ids)].slice(0, BULK_MAX),
    () => false,
  ),
)

/** The approval of many requests as one guarded update (see bulkApprove); the ids it approved. */
async function approveAll(rc: ReviewContext, docs: MakeupDoc[]): Promise<Set<string>> {
  if (docs.length === 0) return new Set()
  const { db, now } = rc
  const _ = db.command
  const actor = { kind: 'reviewer' as const, id: rc.member._id, role: roleOf(rc.member) }
  const entry = transition('pending', 'approve', actor, now, '')
  const decisionId = `${rc.member._id}@${now.getTime()}`
  const changes = {
    status: 'approved',
    decidedAt: now,
    decidedBy: rc.member._id,
    decisionNote: '',
    updatedAt: now,
  }
  // the notice names each document's own day: the timer builds it from the document and the event
  const event = { ...eventOf(entry), noticeBy: rc.member.name }
  const guards = docs.map((d) => ({
    _id: d._id,
    companyId: d.companyId,
    status: 'pending',
    updatedAt: d.updatedAt,
  }))
  await updateWhere(db, COLLECTIONS.makeups, _.or(guards), {
    ...changes,
    decisionId,
    recordDue: true,
    ...appended(db, [event]),
  })
  const won = await find<MakeupDoc>(
    db,
    COLLECTIONS.makeups,
    { _id: _.in(docs.map((d) => d._id)), decisionId },
    { limit: docs.length },
  )
  if (won.length > 0) await insertRecords(db, won, now)
  return new Set(won.map((d) => d._id))
}
