// Network-failure evidence: the failed attempts the app recorded itself while a daily check-in would not go
// through. It speaks for the day it happened on and nothing else, so a submission carries it only for that day,
// and the function checks its times before storing it.
import { localDay } from '../calendar'
import { DomainError, type LocalDay } from '../shared'
import type { FailureEvidence } from './contract'

/** The most failures one make-up carries: the app keeps the latest this many, the function refuses more. */
export const MAX_FAILURES = 20

/** Phones' clocks run a little fast or slow: a failure this far ahead of the server's time still counts as past. */
export const FAILURE_CLOCK_SKEW_MS = 5 * 60_000

/** The failures that happened on `day` (Asia/Shanghai), in the order recorded. */
export function failuresOn(day: LocalDay, failures: readonly FailureEvidence[]): FailureEvidence[] {
  return failures.filter((f) => localDay(new Date(f.at)) === day)
}

/** Refuses evidence that is not of the requested day, lies in the future, or is more than MAX_FAILURES. */
export function checkFailureEvidence(
  day: LocalDay,
  failures: readonly FailureEvidence[] | undefined,
  now: Date,
): void {
  if (!failures?.length) return
  if (failures.length > MAX_FAILURES) throw new DomainError('FAILURES_TOO_MANY', String(failures.length))
  const latest = now.getTime() + FAILURE_CLOCK_SKEW_MS
  // the future first: a phone whose clock is days ahead would otherwise read as "another day"
  if (failures.some((f) => new Date(f.at).getTime() > latest)) throw new DomainError('FAILURES_IN_FUTURE')
  if (failuresOn(day, failures).length !== failures.length) throw new DomainError('FAILURES_OTHER_DAY')
}
