import { z } from '../shared'

export const notifySchemas = {
  subscribed: z.strictObject({
    templateIds: z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/))).check(z.maxLength(5)),
  }),
  inbox: z.strictObject({
    cursor: z.optional(z.string().check(z.regex(/^\d{1,15}\.[A-Za-z0-9_.-]{1,200}$/))),
    limit: z.optional(z.int().check(z.gte(1), z.lte(50))),
  }),
  markRead: z.strictObject({
    // notice ids are idempotency keys: kind, subject, day and recipient joined with '_' and '.'
    ids: z.optional(z.array(z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,200}$/))).check(z.maxLength(100))),
    all: z.optional(z.boolean()),
  }),
}
