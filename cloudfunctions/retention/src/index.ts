// retention: ONE timer trigger (nightly). For every company, health details and attachments of records older than
// the company's retention setting are removed (records keep day, status and who decided) and the purge is audited.
// Resumable and idempotent: records are purged one by one and marked, so a run cut short is finished by the next.
// Only the timer (or another function) may run it; the app gets FORBIDDEN, recorded (server/security-log.ts).
import { COLLECTIONS } from '@core/makeup'
import { now } from '@server/clock'
import { purgeCompany, type PurgeCounts } from '@server/privacy/purge'
import type { PrivacyCompany } from '@server/privacy/records'
import { dropOldBindAttempts } from '@server/repositories/bind-attempts'
import { database } from '@server/sdk'
import { dropOldSecurityLog } from '@server/security-log'
import { platformScheduled, refuseForgedSchedule } from '@server/trigger'

/** Stops starting new pages this long before the function's 60 s timeout. */
const BUDGET_MS = 45_000
const COMPANY_PAGE = 100

export async function main() {
  const db = database()
  const at = now()
  // only the platform's context counts (server/trigger.ts): a client's call is refused and recorded
  if (!platformScheduled()) return refuseForgedSchedule(db, 'retention', at)
  const deadline = Date.now() + BUDGET_MS
  // platform records that decide nothing once old: bind-attempt counters, the security log
  await dropOldBindAttempts(db, at)
  await dropOldSecurityLog(db, at)
  const companies: { companyId: string; cutoffDay: string; counts: PurgeCounts }[] = []
  const _ = db.command as unknown as { gt(v: string): unknown }
  // companies in _id order, by cursor: every page is an _id index range
  for (let after = ''; ;) {
    const page = (
      await db
        .collection(COLLECTIONS.companies)
        .where({ _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(COMPANY_PAGE)
        .get()
    ).data as PrivacyCompany[]
    for (const company of page) {
      const { cutoffDay, ...counts } = await purgeCompany(db, company, at, deadline)
      companies.push({ companyId: company._id, cutoffDay, counts })
      if (!counts.done) return finished(false, companies)
    }
    if (page.length < COMPANY_PAGE) return finished(true, companies)
    after = page[page.length - 1]._id
  }
}

/** The run's summary, logged with ids and counts only. */
function finished(done: boolean, companies: { companyId: string; cutoffDay: string; counts: PurgeCounts }[]) {
  const purged = companies.filter((c) => c.counts.checkins + c.counts.makeups + c.counts.specials > 0)
  console.log(`retention purge ${done ? 'done' : 'paused'}: ${JSON.stringify(purged)}`)
  return { ok: true, data: { done, companies } }
}
