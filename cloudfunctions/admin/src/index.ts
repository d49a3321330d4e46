// admin: company administration for HR admins (members, departments, import, versioned policy with preview,
// maintenance windows, help centre, audit log) and tenants for platform operators. Every query is keyed by the
// caller's company; nothing here is reachable for another company's data.
import { makeMain } from '../../_shared/router'
import { auditLog } from './handlers/audit'
import { departments, removeDepartment, saveDepartment, setDeptMakeup } from './handlers/departments'
import { help, saveHelp } from './handlers/help'
import { importContinue, importStart } from './handlers/import'
import { declareMaintenance, maintenance, removeMaintenance } from './handlers/maintenance'
import { deactivate, invite, member, members, updateMember } from './handlers/members'
import { policy, preview, savePolicy } from './handlers/policy'
import { companies, createCompany, me } from './handlers/tenants'

export const main = makeMain('admin', {
  me,
  members,
  member,
  updateMember,
  deactivate,
  invite,
  departments,
  saveDepartment,
  removeDepartment,
  setDeptMakeup,
  importStart,
  importContinue,
  policy,
  savePolicy,
  preview,
  maintenance,
  declareMaintenance,
  removeMaintenance,
  help,
  saveHelp,
  audit: auditLog,
  companies,
  createCompany,
})
