// review: the queue of make-up requests in my scope, a request's detail, decisions (one or in bulk),
// special-handling decisions, delegation, HR corrections and on-behalf entries, the audit trail, the dashboard, CSV exports. Every action checks the caller's role from their member record.
import { makeMain } from '@server/router'
import { bulkApprove, decide } from './handlers/decide'
import { delegate } from './handlers/delegate'
import { exportContinue, exportStart } from './handlers/export'
import { detail } from './handlers/detail'
import { queue } from './handlers/queue'
import { audit, correct, onBehalf } from './handlers/records'
import { dashboard } from './handlers/dashboard'
import { monthly } from './handlers/monthly'
import { decideSpecial, specials } from './handlers/specials'

export const main = makeMain('review', {
  queue,
  detail,
  decide,
  bulkApprove,
  specials,
  decideSpecial,
  delegate,
  correct,
  onBehalf,
  audit,
  dashboard,
  export: exportStart,
  exportContinue,
  monthly,
})
