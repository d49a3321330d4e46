import type { Api } from '@core/api'
import { monthBounds, monthOf } from '@core/calendar'
import { DomainError } from '@core/shared'
import { monthView } from '@core/checkin'
import { LEAVE_COLLECTION, type LeaveDoc } from '@core/leave'
import {
  COLLECTIONS,
  type AuditDoc,
  type CheckinDoc,
  type CompanyDoc,
  type MakeupDoc,
  type MemberDoc,
  type Holder,
  quotaId,
  quotasOf,
  type SpecialDoc,
} from '@core/makeup'
import { currentStep, isHrAdmin, mayDecideStep, mayHandOverStep, ownDepts, reviewersFor } from '@core/review'
import { ruleFor } from '@core/policy'
import { attachmentPreviews } from '@server/attachments'
import { requestView, timelineView } from '@server/repositories/makeups'
import { brief, hrAdmins, withRequests, type RequestsRow } from '@server/repositories/review'
import { recordAccess } from '@server/privacy/access-log'
import { aggregate, subPipeline, type Db } from '@server/sdk'
import { reviewAction, reviewable } from '../reviewer'

type In = Api['review']['detail'][0]
type Out = Api['review']['detail'][1]

/**
 * The request and its member come with the reviewer (one round trip); once the role check passed, what the detail
 * shows about them is one more aggregation, beside the preview links (storage) and the access-log entry.
 */
export const detail = reviewAction<In, Out, RequestsRow>(
  'detail',
  async (input, rc, row) => {
    const { db, company, now } = rc
    const { doc, owner } = reviewable(rc, row, input.id)
    // temp URLs only now, after the role check
    const [about, previews] = await Promise.all([
      aboutRequest(db, company, owner, doc),
      attachmentPreviews(doc.attachments),
      // the owner can see who viewed their health data (written in parallel: no extra wait)
      recordAccess(db, {
        companyId: company._id,
        viewer: { id: rc.member._id, name: rc.member.name },
        subject: owner._id,
        what: `makeup:${doc._id}`,
        at: now,
      }),
    ])
    // a department without reviewers of its own is routed to the HR admins (core/review/rules's rule)
    const covered = about.reviewers.some((m) => m._id !== owner._id && ownDepts(m).includes(owner.dept))
    const reviewers = reviewersFor(owner, covered ? about.reviewers : await hrAdmins(db, company._id))
    const cap = ruleFor(company.policy, { memberId: owner._id, dept: owner.dept }).quota.cap
    const used = quotasOf(about.holders.filter((h) => h.companyId === company._id))[0]?.used ?? 0
    return {
      ...requestView(doc),
      timeline: timelineView(about.entries, doc),
      previews,
      member: brief(owner),
      month: monthView(monthOf(doc.day), now, owner.joinedOn, company.policy.calendar, {
        records: about.records,
        requests: about.requests,
        grantedDays: about.grants.filter((g) => g.grantDeadline && g.grantDeadline >= now).map((g) => g.day),
        leave: about.leaves ?? [],
      }),
      quota: {
        cycle: doc.cycle,
        cap: cap ?? -1,
        used,
        remaining: cap === null ? -1 : Math.max(0, cap - used),
      },
      reviewers: reviewers.map((m) => ({ id: m._id, name: m.name })),
      canDecide: doc.status === 'pending' && mayDecideStep(currentStep(doc), rc.scope, rc.member, owner.dept),
      canHandOver:
        doc.status === 'pending' &&
        owner._id !== rc.member._id &&
        mayHandOverStep(currentStep(doc), rc.scope, rc.member, owner.dept),
      canRevoke: doc.status === 'approved' && isHrAdmin(rc.member) && doc.memberId !== rc.member._id,
      decidedByName: about.deciders[0]?.name,
    }
  },
  (input, db) => (p) => withRequests(db, p, [input.id]),
)

interface AboutRequest {
  /** the request's audit entries, oldest first */
  entries: AuditDoc[]
  /** the member's effective records and requests of the request's month */
  records: CheckinDoc[]
  requests: MakeupDoc[]
  /** unused special-handling grants */
  grants: SpecialDoc[]
  /** the documents holding keys of the request's cycle (its quota view: quotasOf) */
  holders: Holder[]
  /** the active reviewers of the member's department */
  reviewers: MemberDoc[]
  /** who decided it */
  deciders: MemberDoc[]
  /** the month's days recorded as leave, business trip or exempt */
  leaves: LeaveDoc[]
}

/** What the detail shows about a request besides the request itself, in ONE aggregation rooted at its member. */
async function aboutRequest(
  db: Db,
  company: CompanyDoc,
  owner: MemberDoc,
  doc: MakeupDoc,
): Promise<AboutRequest> {
  const _ = db.command
  const companyId = company._id
  const mine = { companyId, memberId: owner._id }
  const { first, last } = monthBounds(monthOf(doc.day))
  const month = _.and(_.gte(first), _.lte(last))
  const join = (from: string, as: string, where: object, opts: Parameters<typeof subPipeline>[2]) => ({
    from,
    pipeline: subPipeline(db, where, opts),
    as,
  })
  const [row] = await aggregate<AboutRequest>(db, COLLECTIONS.members, (p) =>
    p
      .match({ _id: owner._id })
      .lookup(
        join(
          COLLECTIONS.audit,
          'entries',
          { companyId, subject: 'makeup', subjectId: doc._id },
          { orderBy: ['at', 'asc'], limit: 100 },
        ),
      )
      .lookup(
        join(
          COLLECTIONS.checkins,
          'records',
          { ...mine, day: month },
          { orderBy: ['day', 'asc'], limit: 62 },
        ),
      )
      .lookup(
        join(
          COLLECTIONS.makeups,
          'requests',
          { ...mine, day: month },
          { orderBy: ['day', 'desc'], limit: 200 },
        ),
      )
      .lookup(
        join(COLLECTIONS.specials, 'grants', { ...mine, status: 'granted', used: false }, { limit: 100 }),
      )
      .lookup(
        join(COLLECTIONS.makeups, 'holders', { quotaKey: quotaId(owner._id, doc.cycle) }, { limit: 200 }),
      )
      .lookup(
        join(
          COLLECTIONS.members,
          'reviewers',
          { companyId, dept: owner.dept, roles: 'reviewer', status: 'active' },
          { limit: 100 },
        ),
      )
      .lookup(join(COLLECTIONS.members, 'deciders', { _id: doc.decidedBy ?? '' }, { limit: 1 }))
      .lookup(join(LEAVE_COLLECTION, 'leaves', { ...mine, day: month }, { limit: 62 }))
      .project({
        entries: 1,
        records: 1,
        requests: 1,
        grants: 1,
        holders: 1,
        reviewers: 1,
        deciders: 1,
        leaves: 1,
      }),
  )
  // the member was read a moment ago (removed since: nothing left to show)
  if (!row) throw new DomainError('REQUEST_NOT_FOUND')
  return { ...row, deciders: row.deciders.filter((m) => m.companyId === companyId) }
}
