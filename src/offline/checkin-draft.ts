import Taro from '@tarojs/taro'
import { type FailureEvidence, MAX_FAILURES } from '@core/makeup'
import type { HealthReport } from '@core/health'
import type { LocalDay } from '@core/shared'

// A daily check-in that could not be delivered. It keeps its client request id, so a retry can never record the
// day twice, and the failures the app saw (time and error), which become evidence if the day has to be made up.
export interface CheckinDraft {
  day: LocalDay
  report: HealthReport
  clientRequestId: string
  failures: FailureEvidence[]
}

const KEY = 'checkin-draft'

export function loadDraft(): CheckinDraft | null {
  try {
    const d = Taro.getStorageSync(KEY) as CheckinDraft | ''
    return d && typeof d === 'object' && d.day && d.report ? d : null
  } catch {
    return null
  }
}

export function clearDraft(): void {
  Taro.removeStorageSync(KEY)
}

/** Saves (or extends) the draft with one more failed attempt and its catalogue code. */
export function recordFailure(
  base: Omit<CheckinDraft, 'failures'>,
  error: string,
  at: Date = new Date(),
): CheckinDraft {
  const prev = loadDraft()
  const failures = prev && prev.clientRequestId === base.clientRequestId ? prev.failures : []
  // a make-up carries at most MAX_FAILURES of them: the latest are kept
  const draft = { ...base, failures: [...failures, { at: at.toISOString(), error }].slice(-MAX_FAILURES) }
  Taro.setStorageSync(KEY, draft)
  return draft
}
