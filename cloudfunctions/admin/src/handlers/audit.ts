// The company's audit log, newest first: who changed what (policy versions with their field changes, members,
// departments, maintenance, help, imports) next to the request history the other functions write. Paged on
// (at, _id): a bulk action writes many entries at one instant, and a page must start strictly after the last.
import type { AdminAuditDoc, AuditView } from '@core/admin'
import type { Api } from '@core/api'
import { isoShanghai } from '@core/calendar'
import { COLLECTIONS } from '@core/makeup'
import { DomainError } from '@core/shared'
import { auditWhere, memberIdOf } from '@server/repositories/audit-log'
import { keysetPage } from '@server/paging'
import type { Context } from '@server/router'
import { requireHr } from '../access'

type A = Api['admin']
const PAGE = 30

export async function auditLog(input: A['audit'][0], { db, openid }: Context): Promise<A['audit'][1]> {
  const { company } = await requireHr(db, openid)
  if (input.from && input.to && input.to < input.from) throw new DomainError('INVALID_INPUT', 'range')
  const memberId = input.employeeNo ? await memberIdOf(db, company._id, input.employeeNo) : undefined
  // a 工号 nobody in the company has: nothing of theirs to show
  if (memberId === null) return { items: [], next: null }
  const { operation: action, from, to } = input
  const { docs, next } = await keysetPage<AdminAuditDoc & { _id: string }>(
    db,
    COLLECTIONS.audit,
    auditWhere(db, { companyId: company._id, memberId, action, from, to }),
    'at',
    'desc',
    input.cursor,
    PAGE,
  )
  const items: AuditView[] = docs.map((d) => ({
    id: d._id,
    at: isoShanghai(d.at),
    subject: d.subject,
    action: d.action,
    actor: d.actor.name ?? d.actor.id,
    summary: `${d.from ? `${d.from} → ` : ''}${d.to}${d.reason ? `（${d.reason}）` : ''}`,
    changes: d.changes ?? [],
  }))
  return { items, next }
}
