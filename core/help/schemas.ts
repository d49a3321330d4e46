import { clientRequestId, empty, fileID, nonEmpty, z } from '../shared'
import { TICKET_CATEGORIES, TICKET_SCREENSHOTS_MAX, TICKET_TEXT_MAX } from './tickets'

/** a ticket id: `<memberId>_<clientRequestId>` */
const ticketId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,140}$/))

export const helpSchemas = {
  open: z.strictObject({
    category: z.enum(TICKET_CATEGORIES),
    text: nonEmpty(TICKET_TEXT_MAX),
    screenshots: z.array(fileID).check(z.maxLength(TICKET_SCREENSHOTS_MAX)),
    clientRequestId,
  }),
  mine: empty,
  detail: z.strictObject({ id: ticketId }),
  queue: empty,
  reply: z.strictObject({ id: ticketId, text: nonEmpty(TICKET_TEXT_MAX), close: z.optional(z.boolean()) }),
}
