// Words the HR pages show; request statuses and time formats are the employee pages' own (one place each).
import type { SpecialStatus } from '@core/makeup'
export { dayWithWeekday, DAY_LABEL, shanghaiTime, STATUS_LABEL } from '../employee/labels'

export const SPECIAL_LABEL: Record<SpecialStatus, string> = {
  pending: '待处理',
  granted: '已准予',
  denied: '已拒绝',
}

/** Reject reasons as listed in core/review/rules.ts, in the order the reviewer sees them. */
export { REJECT_REASONS } from '@core/review'
/** Revocation reasons as listed in core/review/reasons.ts. */
export { REVOKE_REASONS } from '@core/review'
