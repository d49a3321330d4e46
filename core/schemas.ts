// Input schemas of every action, shared by the app (form validation) and the functions (the only gate), assembled
// from each domain's own schemas.
import type { ActionOf, FunctionName } from './api'
import type { z } from './shared'
import { adminSchemas } from './admin'
import { checkinSchemas } from './checkin'
import { helpSchemas } from './help'
import { makeupSchemas } from './makeup'
import { notifySchemas } from './notices'
import { privacySchemas } from './privacy'
import { reviewSchemas } from './review'

export const schemas = {
  checkin: checkinSchemas,
  makeup: makeupSchemas,
  review: reviewSchemas,
  notify: notifySchemas,
  admin: adminSchemas,
  privacy: privacySchemas,
  help: helpSchemas,
} satisfies { [F in FunctionName]: { [A in ActionOf<F>]: z.ZodMiniType } }
