// notify: subscribe-message notifications and the in-app notice list. The app calls `subscribed`, `inbox` and
// `markRead`; the timer (every minute) moves requests' events, runs the due reminders and sends the outbox;
// `run` / `dispatch` / `events` do all or part of it when called by another function (never from the app).
import { assertTemplateConfig } from '@server/notices/templates'
import { now } from '@server/clock'
import { makeMain } from '@server/router'
import { database } from '@server/sdk'
import { platformScheduled, refuseForgedSchedule } from '@server/trigger'
import { inbox, markRead, subscribed } from './handlers/app'
import { moveRequestEvents } from '@server/request-events'
import { DEFAULT_BUDGET_MS, runJobs } from './run'

// A wrong subscribe-message configuration stops the function at start, with the deployer's list of what to fix,
// instead of failing each send later (config/subscribe-templates.json, DEPLOY.md section 5).
assertTemplateConfig()

const app = makeMain('notify', { subscribed, inbox, markRead })

interface Event {
  Type?: string
  action?: string
  budgetMs?: unknown
}

const SCHEDULED = ['run', 'dispatch', 'events']

export async function main(event: unknown) {
  const e = (event && typeof event === 'object' ? event : {}) as Event
  const scheduled = e.Type === 'Timer' || SCHEDULED.includes(e.action ?? '')
  if (!scheduled) return app(event)
  // only the platform's context counts (server/trigger.ts): a client's timer event is refused and recorded
  if (!platformScheduled()) return refuseForgedSchedule(database(), 'notify', now())
  // only the requests' events (another function that needs its copies now, e.g. before an export)
  if (e.action === 'events') return { ok: true, data: { moved: await moveRequestEvents(database(), now()) } }
  const budgetMs =
    typeof e.budgetMs === 'number' && e.budgetMs > 0 ? Math.min(e.budgetMs, DEFAULT_BUDGET_MS) : undefined
  const report = await runJobs(database(), now(), { budgetMs, reminders: e.action !== 'dispatch' })
  return { ok: true, data: report }
}
