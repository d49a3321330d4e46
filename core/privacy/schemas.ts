// Input schemas of the `privacy` function (core/schemas.ts includes them as `schemas.privacy`).
import { empty, text, z } from '../shared'

export const privacySchemas = {
  consent: z.strictObject({
    decision: z.enum(['grant', 'withdraw']),
    version: z.int().check(z.gte(1), z.lte(1000)),
  }),
  status: empty,
  exportMine: empty,
  requestDeletion: z.strictObject({
    reason: z.optional(text(300)),
  }),
  deletionRequests: empty,
  settings: z.strictObject({
    retentionDays: z.optional(z.union([z.literal(30), z.literal(90), z.literal(180)])),
    legalBasis: z.optional(z.enum(['consent', 'hrManagement'])),
  }),
  confirmDeletion: z.strictObject({ memberId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)) }),
}
