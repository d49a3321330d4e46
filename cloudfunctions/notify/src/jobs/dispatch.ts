// Sends what is due in the outbox: new notices, retries whose back-off has passed, and notices whose sender
// stopped before settling them (its lease ran out).
import { claim, dueNotices } from '@server/notices/outbox'
import { deliver, type Run } from '@server/notices/deliver'
import { eachLimit } from '@server/notices/pool'
import type { Budget } from './budget'

const BATCH = 50
const CONCURRENCY = 8

export async function dispatch(run: Run, budget: Budget): Promise<void> {
  while (!budget.spent()) {
    const due = await dueNotices(run.db, run.now, BATCH)
    if (due.length === 0) return
    let taken = 0
    await eachLimit(due, CONCURRENCY, async (doc) => {
      if (budget.spent() || !(await claim(run.db, doc, run.lease()))) return
      taken++
      await deliver(run, { ...doc, status: 'sending' })
    })
    await run.flush()
    // everything due was taken by another run meanwhile
    if (taken === 0) return
  }
}
