import type { Api } from '@core/api'
import {
  checkDelegation,
  isHrAdmin,
  isReviewer,
  type DelegationDoc,
  type DelegationsView,
  type DelegationView,
} from '@core/review'
import { localDay } from '@core/calendar'
import { COLLECTIONS, type MemberDoc } from '@core/makeup'
import { DomainError } from '@core/shared'
import { brief, DELEGATIONS, setDelegation } from '@server/repositories/review'
import { find, getById } from '@server/sdk'
import { reviewAction } from '../reviewer'

/**
 * The 代审 page: my hand-over (read with the caller: its document's id is mine) and its colleague, the hand-overs
 * to me, and who could take mine. Two round trips: the caller's aggregation, then the colleagues.
 */
export const delegations = reviewAction<
  Api['review']['delegations'][0],
  DelegationsView,
  { mine: DelegationDoc[]; mineTo: MemberDoc[] }
>(
  'delegations',
  async (_input, rc, row) => {
    const { db, company, member, now } = rc
    if (!isReviewer(member) && !isHrAdmin(member))
      throw new DomainError('FORBIDDEN', 'only reviewers delegate')
    const today = localDay(now)
    const live = (d: DelegationDoc) => d.companyId === company._id && d.until >= today
    const mine = row.mine.find(live)
    const to = mine && row.mineTo.find((m) => m._id === mine.to)
    const colleagues = await find<MemberDoc>(
      db,
      COLLECTIONS.members,
      { companyId: company._id, status: 'active', roles: db.command.in(['reviewer', 'hr']) },
      { orderBy: ['name', 'asc'], limit: 201 },
    )
    return {
      mine: mine && to ? { to: brief(to), start: mine.start, until: mine.until } : null,
      toMe: row.delegations.filter(live).flatMap((d) => {
        const from = row.delegators.find((m) => m._id === d.from)
        return from ? [{ from: brief(from), start: d.start, until: d.until }] : []
      }),
      colleagues: colleagues
        .filter((m) => m._id !== member._id)
        .slice(0, 200)
        .map(brief),
    }
  },
  () => (p) =>
    p
      .lookup({ from: DELEGATIONS, localField: 'memberId', foreignField: '_id', as: 'mine' })
      .addFields({ mineToId: '$mine.to' })
      .lookup({ from: COLLECTIONS.members, localField: 'mineToId', foreignField: '_id', as: 'mineTo' }),
)

/** Hands the caller's review scope to a colleague for a date range (one live delegation each); null ends it. */
export const delegate = reviewAction(
  'delegate',
  async (input: Api['review']['delegate'][0], rc): Promise<DelegationView | null> => {
    const { db, company, member, now } = rc
    const today = localDay(now)
    const audit = (to: string, reason: string) => ({
      companyId: company._id,
      subject: 'member' as const,
      subjectId: member._id,
      memberId: member._id,
      action: 'delegate' as const,
      from: null,
      to,
      actor: { kind: 'reviewer' as const, id: member._id },
      at: now,
      reason,
    })
    if (input.to === null) {
      await setDelegation(db, null, member._id, audit('none', 'ended'))
      return null
    }
    if (!input.start || !input.until) throw new DomainError('FIELD_REQUIRED', 'start/until')
    const to = await getById<MemberDoc>(db, COLLECTIONS.members, input.to)
    checkDelegation(member, to, input.start, input.until, today)
    const doc: DelegationDoc = {
      _id: member._id,
      companyId: company._id,
      from: member._id,
      to: to!._id,
      start: input.start,
      until: input.until,
      createdAt: now,
    }
    await setDelegation(db, doc, member._id, audit(to!._id, `${input.start}~${input.until}`))
    return { to: brief(to!), start: doc.start, until: doc.until }
  },
)
