// 转交 and 加签: whoever may decide a request's current step (and any HR admin: core/review mayHandOverStep) hands
// that step to another reviewer or HR admin, or adds one before or after it. One read (the reviewer, the request,
// its member and the named member in one aggregation) and one update guarded like a decision: 2 round trips. The
// request stays pending with its day and quota unit; the member who decides next is told; the audit entry names
// the step and the member (ids only).
import type { Api } from '@core/api'
import { COLLECTIONS, type MakeupDoc, type MakeupRequestView, type MemberDoc } from '@core/makeup'
import { assertAssignee, assertMayHandOverStep, roleOf, transferredStep, withSigner } from '@core/review'
import { DomainError } from '@core/shared'
import { applyTransition, requestView } from '@server/repositories/makeups'
import { submittedNotice } from '@server/notices/events'
import { withRequests, type RequestsRow } from '@server/repositories/review'
import { find, subPipeline } from '@server/sdk'
import { reviewAction, reviewable, type ReviewContext } from '../reviewer'
import { lostTo } from './decide'

type In = Api['review']['handOver'][0]
type AssigneesIn = Api['review']['assignees'][0]
type AssigneesOut = Api['review']['assignees'][1]

/** Refuses unless the request is pending and the caller may hand its current step over. */
function assertMayHandOver(rc: ReviewContext, doc: MakeupDoc, owner: MemberDoc): void {
  if (doc.status !== 'pending') throw new DomainError('ILLEGAL_TRANSITION', `${doc.status} -handOver->`)
  assertMayHandOverStep(doc, rc.scope, rc.member, owner.dept)
}

const ZH = new Intl.Collator('zh')
/** a company's reviewers and HR admins (a few dozen at most) */
const STAFF_MAX = 200

/**
 * Whom 转交 / 加签 may name, read when the form opens (not with every detail): the company's active reviewers and
 * HR admins but the request's member and the caller, by name. Members' roles are an array no index serves here, so
 * this read is kept off the paths every reviewer takes.
 */
export const assignees = reviewAction<AssigneesIn, AssigneesOut, RequestsRow>(
  'assignees',
  async (input, rc, row) => {
    const { doc, owner } = reviewable(rc, row, input.id)
    assertMayHandOver(rc, doc, owner)
    const staff = await find<MemberDoc>(
      rc.db,
      COLLECTIONS.members,
      { companyId: rc.company._id, status: 'active', roles: rc.db.command.in(['reviewer', 'hr']) },
      { limit: STAFF_MAX },
    )
    return {
      items: staff
        .filter((m) => m._id !== owner._id && m._id !== rc.member._id)
        .map((m) => ({ id: m._id, name: m.name, dept: m.dept }))
        .sort((a, b) => ZH.compare(a.name, b.name)),
    }
  },
  (input, db) => (p) => withRequests(db, p, [input.id]),
)

export const handOver = reviewAction<In, MakeupRequestView, RequestsRow & { assignees: MemberDoc[] }>(
  'handOver',
  async (input, rc, row) => {
    const { doc, owner } = reviewable(rc, row, input.id)
    assertMayHandOver(rc, doc, owner)
    const to = row.assignees.find((m) => m._id === input.to)
    assertAssignee(to, rc.company._id, owner._id, rc.member._id)
    const fields =
      input.mode === 'transfer'
        ? transferredStep(doc, to, rc.member._id)
        : withSigner(doc, to, rc.member._id, input.mode)
    const actor = { kind: 'reviewer' as const, id: rc.member._id, role: roleOf(rc.member) }
    const action = input.mode === 'transfer' ? 'transfer' : 'addSigner'
    const updated = await applyTransition(rc.db, doc, action, actor, rc.now, {
      policy: rc.company.policy,
      // the audit entry's category: how the step changed (转交, 加签 before / after)
      reason: input.mode,
      changes: fields,
      // 'after' leaves the current step to the caller: nobody new decides yet
      notice: (u) => (input.mode === 'after' ? null : submittedNotice(u, owner)),
      mark: { step: doc.step ?? 0, assignee: to._id },
    })
    if (updated) return requestView(updated)
    throw await lostTo(rc, doc)
  },
  (input, db) => (p) =>
    withRequests(db, p, [input.id]).lookup({
      from: COLLECTIONS.members,
      pipeline: subPipeline(db, { _id: input.to }, { limit: 1 }),
      as: 'assignees',
    }),
)
