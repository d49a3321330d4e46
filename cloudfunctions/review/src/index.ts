// review: the queue of make-up requests in my scope, a request's detail, decisions (one or in bulk), 转交 / 加签,
// special-handling decisions, delegation, HR corrections and on-behalf entries, the audit trail, the dashboard, CSV
// exports. Every action checks the caller's role from their member record.
import { makeMain } from '@server/router'
import { bulkApprove, decide } from './handlers/decide'
import { delegate, delegations } from './handlers/delegate'
import { exportContinue, exportStart } from './handlers/export'
import { detail } from './handlers/detail'
import { queue } from './handlers/queue'
import { audit, correct, onBehalf, record } from './handlers/records'
import { dashboard, notCheckedIn, remindCheckin } from './handlers/dashboard'
import { monthly } from './handlers/monthly'
import { decideSpecial, specials } from './handlers/specials'
import { revoke } from './handlers/revoke'
import { assignees, handOver } from './handlers/hand-over'
import { batchOnBehalf, batchPreview } from './handlers/batch'

export const main = makeMain('review', {
  queue,
  detail,
  decide,
  bulkApprove,
  handOver,
  assignees,
  specials,
  decideSpecial,
  delegate,
  delegations,
  record,
  correct,
  onBehalf,
  audit,
  dashboard,
  notCheckedIn,
  remindCheckin,
  export: exportStart,
  exportContinue,
  revoke,
  batchPreview,
  batchOnBehalf,
  monthly,
})
