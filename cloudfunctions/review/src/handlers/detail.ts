import type { Api } from '../../../../core/api'
import { monthBounds, monthOf } from '../../../../core/dates'
import { monthView } from '../../../../core/month'
import type { MemberDoc } from '../../../../core/records'
import { ownDepts, reviewersFor } from '../../../../core/review'
import { checkinsBetween } from '../../../_shared/repositories/checkins'
import {
  quotasFor,
  requestsBetween,
  requestView,
  timeline,
  timelineView,
} from '../../../_shared/repositories/makeups'
import {
  brief,
  hrAdmins,
  membersByIds,
  membersOfDepts,
  withRequests,
  type RequestsRow,
} from '../../../_shared/repositories/review'
import { recordAccess } from '../../../_shared/privacy/access-log'
import { grantsOf } from '../../../_shared/repositories/specials'
import { tempUrls, type Db } from '../../../_shared/sdk'
import { reviewAction, reviewable } from '../reviewer'

type In = Api['review']['detail'][0]
type Out = Api['review']['detail'][1]

/** The request and its member come with the reviewer (one round trip); the rest only once the role check passed. */
export const detail = reviewAction<In, Out, RequestsRow>(
  'detail',
  async (input, rc, row) => {
    const { db, company, now } = rc
    const { doc, owner } = reviewable(rc, row, input.id)
    const { first, last } = monthBounds(monthOf(doc.day))
    // temp URLs only now, after the role check
    const [entries, urls, records, requests, grants, quotas, reviewers, deciders] = await Promise.all([
      timeline(db, company._id, doc._id),
      previewUrls(doc.attachments),
      checkinsBetween(db, company._id, owner._id, first, last),
      requestsBetween(db, company._id, owner._id, first, last),
      grantsOf(db, company._id, owner._id),
      quotasFor(db, company._id, owner._id, [doc.cycle]),
      routedReviewers(db, owner),
      doc.decidedBy ? membersByIds(db, company._id, [doc.decidedBy]) : Promise.resolve([]),
      // the owner can see who viewed their health data (written in parallel: no extra wait)
      recordAccess(db, {
        companyId: company._id,
        viewer: { id: rc.member._id, name: rc.member.name },
        subject: owner._id,
        what: `makeup:${doc._id}`,
        at: now,
      }),
    ])
    const cap = company.policy.quota.cap
    const used = quotas[0]?.used ?? 0
    return {
      ...requestView(doc),
      timeline: timelineView(entries),
      previews: doc.attachments.map((fileID) => ({ fileID, url: urls.get(fileID) ?? null })),
      member: brief(owner),
      month: monthView(monthOf(doc.day), now, owner.joinedOn, company.policy.calendar, {
        records,
        requests,
        grantedDays: grants.filter((g) => g.grantDeadline && g.grantDeadline >= now).map((g) => g.day),
      }),
      quota: {
        cycle: doc.cycle,
        cap: cap ?? -1,
        used,
        remaining: cap === null ? -1 : Math.max(0, cap - used),
      },
      reviewers: reviewers.map((m) => ({ id: m._id, name: m.name })),
      canDecide: doc.status === 'pending',
      decidedByName: deciders[0]?.name,
    }
  },
  (input, db) => (p) => withRequests(db, p, [input.id]),
)

/** The department's reviewers, else the HR admins (the routing rule of core/review). */
async function routedReviewers(db: Db, owner: MemberDoc): Promise<MemberDoc[]> {
  const colleagues = await membersOfDepts(db, owner.companyId, [owner.dept])
  const covered = colleagues.some(
    (m) => m._id !== owner._id && m.status === 'active' && ownDepts(m).includes(owner.dept),
  )
  return reviewersFor(owner, covered ? colleagues : await hrAdmins(db, owner.companyId))
}

/** A storage failure leaves previews empty rather than failing the detail. */
async function previewUrls(fileIDs: string[]): Promise<Map<string, string>> {
  try {
    return await tempUrls(fileIDs)
  } catch (e) {
    console.warn('temp URLs unavailable', e)
    return new Map()
  }
}
