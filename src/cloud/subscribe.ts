import { call, requestSubscribe } from './index'

/**
 * Asks the user, inside a tap, to be notified (one-time subscribe messages), then tells the backend which templates
 * were accepted. Never blocks or fails the work the tap was for: every failure here is ignored.
 */
export function askToNotify(tmplIds: string[]): Promise<void> {
  if (tmplIds.length === 0) return Promise.resolve()
  return requestSubscribe(tmplIds).then(async (res) => {
    if (!res.ok) return
    const accepted = tmplIds.filter((id) => res.data[id] === 'accept')
    if (accepted.length) await call('notify', 'subscribed', { templateIds: accepted })
  })
}

/** The templates to ask for on the employee's submit, from the backend's ledger; none when it cannot say. */
export async function templatesToAsk(): Promise<string[]> {
  const res = await call('notify', 'inbox', { limit: 1 })
  return res.ok ? res.data.subscriptions.ask.submit : []
}
