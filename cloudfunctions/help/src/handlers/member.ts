// What every bound member does with tickets: open one (with screenshots from their own upload folder), list theirs,
// read one. Identity only from the caller; the company comes from the caller's member record.
import type { Api } from '@core/api'
import { DomainError, type FileType } from '@core/shared'
import { ownFileType } from '@core/policy'
import { TICKETS, type TicketDoc } from '@core/help'
import { verifyFiles } from '@server/attachments'
import { memberProfile, requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'
import { getById, insert } from '@server/sdk'
import { ticketDetail, ticketsOf, ticketView, visibleTicket } from '../tickets'

type H = Api['help']
// screenshots: images only, whatever the make-up attachment rule allows
const SCREENSHOT_TYPES: FileType[] = ['jpg', 'png']

export async function open(input: H['open'][0], { db, openid, now }: Context): Promise<H['open'][1]> {
  const caller = await requireCaller(db, openid)
  const { member, company } = caller
  const id = `${member._id}_${input.clientRequestId}`
  if (input.screenshots.some((f) => ownFileType(f, memberProfile(member, now)) === null))
    throw new DomainError('ATTACHMENT_FORBIDDEN')
  await verifyFiles(input.screenshots, {
    maxBytes: company.policy.attachments.maxBytes,
    types: SCREENSHOT_TYPES,
  })
  const doc: TicketDoc = {
    _id: id,
    companyId: company._id,
    memberId: member._id,
    memberName: member.name,
    category: input.category,
    text: input.text.trim(),
    screenshots: input.screenshots,
    status: 'open',
    replies: [],
    createdAt: now,
    updatedAt: now,
  }
  try {
    await insert(db, TICKETS, doc)
    return ticketView(doc)
  } catch (e) {
    // a retried open (same request id): the first ticket
    const first = await getById<TicketDoc>(db, TICKETS, id)
    if (first) return ticketView(first)
    throw e
  }
}

export async function mine(_: H['mine'][0], { db, openid }: Context): Promise<H['mine'][1]> {
  return (await ticketsOf(db, await requireCaller(db, openid))).map(ticketView)
}

export async function detail(input: H['detail'][0], { db, openid }: Context): Promise<H['detail'][1]> {
  return ticketDetail(await visibleTicket(db, await requireCaller(db, openid), input.id))
}
