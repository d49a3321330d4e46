// Which templates to ask for on the taps that matter: the employee's submit (decisions on their requests) and the
// reviewer's approve / reject (new requests). wx.requestSubscribeMessage must run inside the tap, so the ids are
// known beforehand: every page with such a tap loads them when it opens (`useSubscribeIds`), since a page opened from a
// subscribe message never passes the home page. Until they are known nothing is asked: the app has no ids of its own,
// they are the deployment's (config/subscribe-templates.json, answered by the functions).
import { useEffect } from 'react'
import type { SubscriptionsView } from '@core/notices'
import { call } from '@/cloud'
import { askToNotify } from '@/cloud/subscribe'

export type SubscribeTap = 'submit' | 'review'

let ask: SubscriptionsView['ask'] | null = null

/** Remembers the template ids from an inbox answer. */
export function rememberSubscriptions(view: SubscriptionsView): void {
  ask = view.ask
}

/** Loads the template ids once per app session, for a page that asks for subscriptions on a tap. */
export function useSubscribeIds(): void {
  useEffect(() => {
    if (ask) return
    call('notify', 'inbox', { limit: 1 }).then((res) => {
      if (res.ok) rememberSubscriptions(res.data.subscriptions)
    })
  }, [])
}

/** Call first thing in the tap handler, not awaited: it never throws and never blocks the tap's work. */
export function askToSubscribe(tap: SubscribeTap): Promise<void> {
  return askToNotify(ask?.[tap] ?? [])
}
