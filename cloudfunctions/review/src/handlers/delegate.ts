import type { Api } from '@core/api'
import { checkDelegation, type DelegationDoc, type DelegationView } from '@core/review'
import { localDay } from '@core/calendar'
import { COLLECTIONS, type MemberDoc } from '@core/makeup'
import { DomainError } from '@core/shared'
import { brief, setDelegation } from '@server/repositories/review'
import { getById } from '@server/sdk'
import { reviewAction } from '../reviewer'

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
