// admin: company administration for HR admins (members, departments, import, versioned policy with preview,
// maintenance windows, help centre, audit log) and tenants for platform operators. Every query is keyed by the
// caller's company; nothing here is reachable for another company's data.
import { now } from '@server/clock'
import { makeMain } from '@server/router'
import { database } from '@server/sdk'
import { platformScheduled, refuseForgedSchedule } from '@server/trigger'
import { accessRequests, decideAccess } from './handlers/access'
import { auditLog } from './handlers/audit'
import { departments, removeDepartment, saveDepartment, setDeptMakeup } from './handlers/departments'
import { help, saveHelp } from './handlers/help'
import { importContinue, importStart } from './handlers/import'
import { importLeaves, leaves, recordLeave, removeLeave } from './handlers/leaves'
import { declareMaintenance, maintenance, removeMaintenance } from './handlers/maintenance'
import { deactivate, invite, member, members, updateMember } from './handlers/members'
import { noticeTimes, saveNoticeTimes } from './handlers/notices'
import { groupPreview, policy, preview, savePolicy } from './handlers/policy'
import { companies, createCompany, me, securityLog } from './handlers/tenants'
import { saveWebhook, webhook } from './handlers/webhook'
import { runWebhooks } from './webhook/job'

const app = makeMain('admin', {
  me,
  members,
  member,
  updateMember,
  deactivate,
  invite,
  accessRequests,
  decideAccess,
  departments,
  saveDepartment,
  removeDepartment,
  setDeptMakeup,
  importStart,
  importContinue,
  policy,
  savePolicy,
  preview,
  groupPreview,
  maintenance,
  declareMaintenance,
  removeMaintenance,
  help,
  saveHelp,
  audit: auditLog,
  webhook,
  saveWebhook,
  companies,
  createCompany,
  securityLog,
  leaves,
  recordLeave,
  removeLeave,
  importLeaves,
  noticeTimes,
  saveNoticeTimes,
})

/**
 * The timer (every minute) sends the webhooks; every other event is an app call. Only the platform's trigger (or
 * another function) may run it: an event saying `Type: 'Timer'` from a client is refused and recorded.
 */
export async function main(event: unknown) {
  if (event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer') {
    if (!platformScheduled()) return refuseForgedSchedule(database(), 'admin', now())
    return { ok: true, data: await runWebhooks(database(), now()) }
  }
  return app(event)
}
