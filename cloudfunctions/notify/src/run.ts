// The one scheduled entry point (CloudBase allows one timer per function): every due job, then the outbox.
import type { Db } from '@server/sdk'
import { Run } from '@server/notices/deliver'
import { moveRequestEvents } from '@server/request-events'
import { budget as budgetOf } from './jobs/budget'
import { dispatch } from './jobs/dispatch'
import { checkinReminders, companies, cutoffReminders, reviewReminders } from './jobs/reminders'

/** Leaves a margin under the function's 60 s timeout for the last page and the answer. */
export const DEFAULT_BUDGET_MS = 45_000

export interface RunReport {
  delivered: number
  fallenBack: number
  failed: number
  retried: number
}

export async function runJobs(db: Db, now: Date, opts: { budgetMs?: number; reminders?: boolean } = {}) {
  const run = new Run(db, now)
  const budget = budgetOf(opts.budgetMs ?? DEFAULT_BUDGET_MS)
  // requests' audit entries and notices first: a notice moved now is sent by this run's dispatch
  await moveRequestEvents(db, now)
  if (opts.reminders !== false) {
    for (const company of await companies(db)) {
      await reviewReminders(run, company)
      await checkinReminders(run, budget, company)
      await cutoffReminders(run, budget, company)
      if (budget.spent()) break
    }
  }
  await dispatch(run, budget)
  await run.flush() // what the review reminders sent
  return run.tally satisfies RunReport
}
