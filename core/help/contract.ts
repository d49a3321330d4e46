// The `help` function's contract: members open and follow their own tickets; HR admins answer the company's.

export type TicketCategory =
  'entryMissing' | 'overdue' | 'wrongInfo' | 'network' | 'maintenance' | 'crossRegion' | 'other'
export type TicketStatus = 'open' | 'answered' | 'closed'

export interface TicketView {
  id: string
  category: TicketCategory
  text: string
  status: TicketStatus
  memberName: string
  createdAt: string
  updatedAt: string
  replyCount: number
}

export interface TicketDetail extends TicketView {
  /** short-lived preview links of the screenshots, in order (null when a file is gone) */
  screenshots: { fileID: string; url: string | null }[]
  replies: { byName: string; text: string; at: string }[]
}

export interface HelpApi {
  open: [
    { category: TicketCategory; text: string; screenshots: string[]; clientRequestId: string },
    TicketView,
  ]
  mine: [Record<string, never>, TicketView[]]
  detail: [{ id: string }, TicketDetail]
  /** HR admins: the company's open tickets, oldest first */
  queue: [Record<string, never>, TicketView[]]
  /** HR admins: answer a ticket (open → answered), `close` ends it */
  reply: [{ id: string; text: string; close?: boolean }, TicketDetail]
}
