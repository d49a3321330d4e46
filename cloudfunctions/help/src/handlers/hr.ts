// HR admins: the company's open tickets and replies. A reply changes the ticket and queues the author's
// ticketReplied notice in one transaction, so the notice exists exactly when the reply does. The notice carries
// the ticket's category and who replied, never the reply's words.
import type { Api } from '@core/api'
import { DomainError } from '@core/shared'
import { noticeKey } from '@core/notices'
import { statusAfterReply, TICKET_CATEGORY_LABELS, TICKETS } from '@core/help'
import { enqueueNotice } from '@server/notices/outbox'
import { requireCaller, type Caller } from '@server/repositories/members'
import type { Context } from '@server/router'
import { patch, withTransaction, type Db } from '@server/sdk'
import { openTickets, ticketDetail, ticketView, visibleTicket } from '../tickets'

type H = Api['help']
/** What the ticketReplied message says in place of the reply (a thing field: ≤ 20 characters). */
const REPLY_POINTER = '请打开小程序查看回复'

async function requireHr(db: Db, openid: string): Promise<Caller> {
  const caller = await requireCaller(db, openid)
  if (!caller.member.roles.includes('hr')) throw new DomainError('FORBIDDEN', 'not an HR admin')
  return caller
}

export async function queue(_: H['queue'][0], { db, openid }: Context): Promise<H['queue'][1]> {
  const { company } = await requireHr(db, openid)
  return (await openTickets(db, company._id)).map(ticketView)
}

export async function reply(input: H['reply'][0], { db, openid, now }: Context): Promise<H['reply'][1]> {
  const caller = await requireHr(db, openid)
  const updated = await withTransaction(db, async (tx) => {
    const ticket = await visibleTicket(tx, caller, input.id)
    const status = statusAfterReply(ticket.status, input.close ?? false)
    if (!status) throw new DomainError('TICKET_CLOSED', input.id)
    const text = input.text.trim()
    const replies = [...ticket.replies, { by: caller.member._id, byName: caller.member.name, text, at: now }]
    await patch(tx, TICKETS, ticket._id, { status, replies, updatedAt: now })
    await enqueueNotice(tx, {
      companyId: ticket.companyId,
      kind: 'ticketReplied',
      key: noticeKey('ticketReplied', `${ticket._id}.${replies.length}`),
      audience: { kind: 'member', memberId: ticket.memberId },
      values: {
        subject: TICKET_CATEGORY_LABELS[ticket.category],
        // the reply may speak of someone's health: the message only points to it (a sent message cannot be purged)
        reply: REPLY_POINTER,
        repliedAt: now,
        replier: caller.member.name,
      },
      at: now,
    })
    return { ...ticket, status, replies, updatedAt: now }
  })
  return ticketDetail(updated)
}
