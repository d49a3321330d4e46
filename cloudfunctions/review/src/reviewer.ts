// The review function's view of its caller: the member record (roles come only from there), today's scope
// (own departments plus active delegations), and an audit entry for every refused attempt. The caller, their
// delegations and whatever the action reads about its subject come in ONE aggregation.
import { localDay } from '@core/calendar'
import { DomainError, type ErrorCode } from '@core/shared'
import { COLLECTIONS, type MakeupDoc, type MemberDoc } from '@core/makeup'
import { assertMayReview, isHrAdmin, isNamedInChain, reviewScope, type ReviewScope } from '@core/review'
import { callerOf, type Caller } from '@server/repositories/members'
import { appendAudit, reviewerStages, type RequestsRow, type ReviewerRow } from '@server/repositories/review'
import { aggregate, type Db, type Pipeline } from '@server/sdk'
import type { Context } from '@server/router'

export interface ReviewContext extends Context, Caller {
  scope: ReviewScope
}

/** More stages for the reviewer's aggregation: what an action reads about its subject in the same trip. */
export type Reads<I> = (input: I, db: Db) => (p: Pipeline) => Pipeline

/** The reviewer and their scope today, plus whatever `extend` joins, in one round trip (NOT_BOUND if unbound). */
export async function loadReviewer<X extends object = object>(
  ctx: Context,
  extend?: (p: Pipeline) => Pipeline,
): Promise<{ rc: ReviewContext; row: ReviewerRow & X }> {
  const [row] = await aggregate<ReviewerRow & X>(ctx.db, COLLECTIONS.bindings, (p) => {
    const stages = reviewerStages(p, ctx.openid)
    return extend ? extend(stages) : stages
  })
  const caller = callerOf(row)
  if (!caller) throw new DomainError('NOT_BOUND')
  const { member, company } = caller
  const today = localDay(ctx.now)
  const ours = (d: { companyId: string }) => d.companyId === company._id
  // HR admins cover the company already: no delegation can widen that
  const delegations = isHrAdmin(member) ? [] : row.delegations.filter((d) => ours(d) && d.until >= today)
  const scope = reviewScope(member, row.delegators.filter(ours), delegations, today)
  return { rc: { ...ctx, ...caller, scope }, row }
}

/**
 * A request of a row joined by withRequests and its member, once the caller may review it (else a refusal): their
 * scope covers the member's department, or a step of its chain was handed or added to them (转交 / 加签).
 */
export function reviewable(
  rc: ReviewContext,
  row: RequestsRow,
  id: string,
): { doc: MakeupDoc; owner: MemberDoc } {
  const doc = row.requests.find((r) => r._id === id)
  const owner = doc && row.owners.find((m) => m._id === doc.memberId)
  if (!doc || doc.companyId !== rc.company._id || !owner) throw new DomainError('REQUEST_NOT_FOUND')
  const named = isNamedInChain(doc, rc.member._id) && owner.companyId === rc.company._id
  if (!named || owner._id === rc.member._id) assertMayReview(rc.scope, rc.member, owner)
  return { doc, owner }
}

/** Refusals that say someone tried what they may not: recorded, with nothing else written. */
const RECORDED: ErrorCode[] = [
  'FORBIDDEN',
  'OWN_REQUEST',
  'ALREADY_DECIDED',
  'REQUEST_NOT_FOUND',
  'SPECIAL_NOT_FOUND',
  'ALREADY_REVOKED',
  'REQUEST_NOT_APPROVED',
  'NOT_YOUR_STEP',
  'ASSIGNEE_INVALID',
]

/**
 * Wraps a handler: loads the reviewer (with what `reads` adds, handed to the handler as `row`), and records
 * refused attempts in the audit log.
 */
export function reviewAction<I extends object, O, X extends object = object>(
  action: string,
  handler: (input: I, rc: ReviewContext, row: ReviewerRow & X) => Promise<O>,
  reads?: Reads<I>,
) {
  return async (input: I, ctx: Context): Promise<O> => {
    const { rc, row } = await loadReviewer<X>(ctx, reads?.(input, ctx.db))
    try {
      return await handler(input, rc, row)
    } catch (e) {
      if (e instanceof DomainError && RECORDED.includes(e.code))
        await recordRefusal(rc, action, input, e.code)
      throw e
    }
  }
}

async function recordRefusal(rc: ReviewContext, action: string, input: object, code: ErrorCode) {
  const subjectId = 'id' in input && typeof input.id === 'string' ? input.id : ''
  try {
    await appendAudit(rc.db, {
      companyId: rc.company._id,
      subject: 'review',
      subjectId,
      memberId: rc.member._id,
      action: 'refused',
      from: null,
      to: code,
      actor: { kind: 'member', id: rc.member._id },
      at: rc.now,
      reason: action,
    })
  } catch (e) {
    // the refusal itself must still reach the caller
    console.warn('could not record a refused review attempt', e)
  }
}
