// Ticket documents: reads keyed by the caller's company, the views the app gets.
import { type TicketDetail, type TicketDoc, TICKETS, type TicketView } from '@core/help'
import { isoShanghai } from '@core/calendar'
import { DomainError } from '@core/shared'
import { attachmentPreviews } from '@server/attachments'
import type { Caller } from '@server/repositories/members'
import { find, getById, type Db, type DocStore } from '@server/sdk'

const PAGE = 100

/** The ticket if the caller may see it: its author, or an HR admin of its company; else TICKET_NOT_FOUND. */
export async function visibleTicket(store: DocStore, caller: Caller, id: string): Promise<TicketDoc> {
  const doc = await getById<TicketDoc>(store, TICKETS, id)
  const mine = doc?.memberId === caller.member._id
  const hr = doc?.companyId === caller.company._id && caller.member.roles.includes('hr')
  if (!doc || doc.companyId !== caller.company._id || !(mine || hr))
    throw new DomainError('TICKET_NOT_FOUND', id)
  return doc
}

/** The member's tickets, newest first (index by_member_created). */
export function ticketsOf(db: Db, caller: Caller): Promise<TicketDoc[]> {
  const where = { companyId: caller.company._id, memberId: caller.member._id }
  return find<TicketDoc>(db, TICKETS, where, { orderBy: ['createdAt', 'desc'], limit: PAGE })
}

/** The company's open tickets, oldest first (index by_company_status_created). */
export function openTickets(db: Db, companyId: string): Promise<TicketDoc[]> {
  return find<TicketDoc>(
    db,
    TICKETS,
    { companyId, status: 'open' },
    { orderBy: ['createdAt', 'asc'], limit: PAGE },
  )
}

export function ticketView(t: TicketDoc): TicketView {
  return {
    id: t._id,
    category: t.category,
    text: t.text,
    status: t.status,
    memberName: t.memberName,
    createdAt: isoShanghai(t.createdAt),
    updatedAt: isoShanghai(t.updatedAt),
    replyCount: t.replies.length,
  }
}

/** The ticket with its replies and short-lived screenshot links (one storage call; links are never stored). */
export async function ticketDetail(t: TicketDoc): Promise<TicketDetail> {
  return {
    ...ticketView(t),
    screenshots: await attachmentPreviews(t.screenshots),
    replies: t.replies.map((r) => ({ byName: r.byName, text: r.text, at: isoShanghai(r.at) })),
  }
}
