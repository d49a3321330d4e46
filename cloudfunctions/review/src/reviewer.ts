// The review function's view of its caller: the member record (roles come only from there), today's scope
// (own departments plus active delegations), and an audit entry for every refused attempt.
import { localDay } from '../../../core/dates'
import { DomainError, type ErrorCode } from '../../../core/errors'
import { isHrAdmin, reviewScope, type ReviewScope } from '../../../core/review'
import { requireCaller, type Caller } from '../../_shared/repositories/members'
import { appendAudit, delegationsTo, membersByIds } from '../../_shared/repositories/review'
import type { Context } from '../../_shared/router'

export interface ReviewContext extends Context, Caller {
  scope: ReviewScope
}

export async function loadReviewer(ctx: Context): Promise<ReviewContext> {
  const caller = await requireCaller(ctx.db, ctx.openid)
  const { member, company } = caller
  // HR admins cover the company already: no delegation can widen that
  const delegations = isHrAdmin(member)
    ? []
    : await delegationsTo(ctx.db, company._id, member._id, localDay(ctx.now))
  const delegators = await membersByIds(
    ctx.db,
    company._id,
    delegations.map((d) => d.from),
  )
  return { ...ctx, ...caller, scope: reviewScope(member, delegators, delegations, localDay(ctx.now)) }
}

/** Refusals that say someone tried what they may not: recorded, with nothing else written. */
const RECORDED: ErrorCode[] = [
  'FORBIDDEN',
  'OWN_REQUEST',
  'ALREADY_DECIDED',
  'REQUEST_NOT_FOUND',
  'SPECIAL_NOT_FOUND',
]

/** Wraps a handler: loads the reviewer, and records refused attempts in the audit log. */
export function reviewAction<I extends object, O>(
  action: string,
  handler: (input: I, rc: ReviewContext) => Promise<O>,
) {
  return async (input: I, ctx: Context): Promise<O> => {
    const rc = await loadReviewer(ctx)
    try {
      return await handler(input, rc)
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
