// The contract between the mini program and the cloud functions: function name → action → [input, output],
// assembled from each domain's contract. Inputs are validated by the schemas in core/schemas.ts.
import type { AdminApi } from './admin'
import type { CheckinApi } from './checkin'
import type { HelpApi } from './help'
import type { MakeupApi } from './makeup'
import type { NotifyApi } from './notices'
import type { PrivacyApi } from './privacy'
import type { ReviewApi } from './review'

export type { Result } from './shared'

/** function name → action → [input (without `action`), output] */
export interface Api {
  checkin: CheckinApi
  makeup: MakeupApi
  /** HR admins and reviewers: the review queue, decisions, special handling, delegation */
  review: ReviewApi
  /** HR admins: members, departments, import, policy (versioned, preview), maintenance, help; operators: tenants */
  admin: AdminApi
  /** everyone: in-app notices and subscribe-message authorisations */
  notify: NotifyApi
  /** every member, about their own data: health-data consent, status, export, deletion request */
  privacy: PrivacyApi
  /** help-centre tickets */
  help: HelpApi
}

export type FunctionName = keyof Api
export type ActionOf<F extends FunctionName> = keyof Api[F] & string
export type InputOf<F extends FunctionName, A extends ActionOf<F>> = Api[F][A] extends [infer I, unknown]
  ? I
  : never
export type OutputOf<F extends FunctionName, A extends ActionOf<F>> = Api[F][A] extends [unknown, infer O]
  ? O
  : never
