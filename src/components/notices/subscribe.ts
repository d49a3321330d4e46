// Topping up one-time subscribe-message authorisations on the taps that matter: the employee's submit (decisions
// on their requests) and the reviewer's approve / reject (new requests). wx.requestSubscribeMessage must run inside
// the tap, so the template ids are known beforehand (the last inbox answer, else the deployment default); what the
// user accepted is reported to the notify function, whose ledger decides who gets a WeChat message.
import type { SubscriptionsView } from '@core/api'
import { noticeSettings, SUBSCRIBE_ON, templateIdsFor } from '@core/notices-templates'
import { call, requestSubscribe } from '../../cloud'

export type SubscribeTap = 'submit' | 'review'

let ask: SubscriptionsView['ask'] = {
  submit: templateIdsFor(SUBSCRIBE_ON.submit, noticeSettings({})),
  review: templateIdsFor(SUBSCRIBE_ON.review, noticeSettings({})),
}

/** Remembers the company's template ids from an inbox or subscribed answer. */
export function rememberSubscriptions(view: SubscriptionsView): void {
  ask = view.ask
}

/**
 * Call first thing in the tap handler, without awaiting before it. Never throws and never blocks the work: a
 * refusal, a rejected prompt or a failed report only means fewer WeChat messages (the in-app list still has them).
 */
export function askToSubscribe(tap: SubscribeTap): Promise<SubscriptionsView | null> {
  return requestSubscribe(ask[tap]).then(async (res) => {
    if (!res.ok) return null
    const accepted = Object.entries(res.data)
      .filter(([, decision]) => decision === 'accept')
      .map(([id]) => id)
    if (accepted.length === 0) return null
    const reported = await call('notify', 'subscribed', { templateIds: accepted })
    if (!reported.ok) return null
    rememberSubscriptions(reported.data)
    return reported.data
  })
}
