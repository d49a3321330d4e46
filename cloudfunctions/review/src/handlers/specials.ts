import type { Api } from '@core/api'
import { isHrAdmin, type ReviewSpecialItem } from '@core/review'
import { endOfLocalDay, isoShanghai, localDay } from '@core/calendar'
import { DomainError } from '@core/shared'
import { COLLECTIONS, type MemberDoc } from '@core/makeup'
import {
  brief,
  decideSpecialRequest,
  membersByIds,
  specialsPage,
  type ReviewedSpecialDoc,
} from '@server/repositories/review'
import { specialView } from '@server/repositories/specials'
import { attachmentPreviews } from '@server/attachments'
import { recordAccesses } from '@server/privacy/access-log'
import { getById } from '@server/sdk'
import { reviewAction, type ReviewContext } from '../reviewer'

const PAGE = 20

// special handling opens a day outside the policy: an HR admin's decision, not a department reviewer's
function requireHr(rc: ReviewContext) {
  if (!isHrAdmin(rc.member)) throw new DomainError('FORBIDDEN', 'special handling is for HR admins')
}

function itemOf(doc: ReviewedSpecialDoc, member: MemberDoc): ReviewSpecialItem {
  return { ...specialView(doc), member: brief(member), charged: doc.charged, decisionNote: doc.decisionNote }
}

export const specials = reviewAction(
  'specials',
  async (input: Api['review']['specials'][0], rc): Promise<Api['review']['specials'][1]> => {
    requireHr(rc)
    const page = await specialsPage(rc.db, rc.company._id, input.status ?? 'pending', input.cursor, PAGE)
    const members = new Map(
      (
        await membersByIds(
          rc.db,
          rc.company._id,
          page.docs.map((d) => d.memberId),
        )
      ).map((m) => [m._id, m]),
    )
    const items = page.docs.flatMap((d) =>
      members.has(d.memberId) ? [itemOf(d, members.get(d.memberId)!)] : [],
    )
    // the evidence (screenshots of the failure) is health-related: links only after the role check, each request
    // whose evidence is shown logged for its member, like a request's detail
    const shown = items.filter((s) => s.evidence.length > 0)
    const [previews] = await Promise.all([
      attachmentPreviews(shown.flatMap((s) => s.evidence)),
      recordAccesses(
        rc.db,
        shown.map((s) => ({
          companyId: rc.company._id,
          viewer: { id: rc.member._id, name: rc.member.name },
          subject: s.member.id,
          what: `special:${s.id}`,
          at: rc.now,
        })),
      ),
    ])
    const links = new Map(previews.map((p) => [p.fileID, p.url]))
    return {
      items: items.map((s) => ({
        ...s,
        previews: s.evidence.map((fileID) => ({ fileID, url: links.get(fileID) ?? null })),
      })),
      next: page.next,
    }
  },
)

export const decideSpecial = reviewAction(
  'decideSpecial',
  async (input: Api['review']['decideSpecial'][0], rc): Promise<ReviewSpecialItem> => {
    requireHr(rc)
    const current = await getById<ReviewedSpecialDoc>(rc.db, COLLECTIONS.specials, input.id)
    if (!current || current.companyId !== rc.company._id) throw new DomainError('SPECIAL_NOT_FOUND')
    if (current.memberId === rc.member._id) throw new DomainError('OWN_REQUEST')
    const decision =
      input.decision === 'grant' ? grantOf(input, localDay(rc.now)) : denialOf(input.reason ?? '')
    let doc: ReviewedSpecialDoc
    try {
      doc = await decideSpecialRequest(
        rc.db,
        input.id,
        rc.company._id,
        { ...decision, decidedBy: rc.member._id },
        rc.now,
      )
    } catch (e) {
      if (e instanceof DomainError && e.code === 'ALREADY_DECIDED') {
        const [by] = e.detail ? await membersByIds(rc.db, rc.company._id, [e.detail]) : []
        throw new DomainError('ALREADY_DECIDED', e.detail, { by: by?.name ?? '他人' })
      }
      throw e
    }
    const [member] = await membersByIds(rc.db, rc.company._id, [doc.memberId])
    return itemOf(doc, member)
  },
)

/** A grant needs a deadline from today on; the make-up counts against the quota unless HR says otherwise. */
function grantOf(input: Api['review']['decideSpecial'][0], today: string) {
  if (!input.deadline) throw new DomainError('FIELD_REQUIRED', 'deadline')
  if (input.deadline < today) throw new DomainError('INVALID_INPUT', 'deadline in the past')
  const deadline = endOfLocalDay(input.deadline)
  return {
    status: 'granted' as const,
    grantDeadline: deadline,
    charged: input.charged ?? true,
    decisionNote: (input.reason ?? '').trim() || `准予在 ${isoShanghai(deadline).slice(0, 10)} 前补打卡`,
  }
}

function denialOf(reason: string) {
  if (reason.trim() === '') throw new DomainError('FIELD_REQUIRED', 'reason')
  return { status: 'denied' as const, decisionNote: reason.trim() }
}
