// Which templates to ask for on the taps that matter: the employee's submit (decisions on their requests) and the
// reviewer's approve / reject (new requests). wx.requestSubscribeMessage must run inside the tap, so the ids are
// known beforehand: the last inbox answer (the company's configuration), else the deployment default.
import { noticeSettings, SUBSCRIBE_ON, type SubscriptionsView, templateIdsFor } from '@core/notices'
import { askToNotify } from '@/cloud/subscribe'

export type SubscribeTap = 'submit' | 'review'

let ask: SubscriptionsView['ask'] = {
  submit: templateIdsFor(SUBSCRIBE_ON.submit, noticeSettings({})),
  review: templateIdsFor(SUBSCRIBE_ON.review, noticeSettings({})),
}

/** Remembers the company's template ids from an inbox answer. */
export function rememberSubscriptions(view: SubscriptionsView): void {
  ask = view.ask
}

/** Call first thing in the tap handler, not awaited: it never throws and never blocks the tap's work. */
export function askToSubscribe(tap: SubscribeTap): Promise<void> {
  return askToNotify(ask[tap])
}
