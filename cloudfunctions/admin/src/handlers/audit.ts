// The company's audit log, newest first: who changed what (policy versions with their field changes, members,
// departments, maintenance, help, imports) next to the request history the other functions write.
import type { AdminAuditDoc, AuditView } from '@core/admin'
import type { Api } from '@core/api'
import { isoShanghai } from '@core/calendar'
import { COLLECTIONS } from '@core/makeup'
import type { Context } from '@server/router'
import { find } from '@server/sdk'
import { requireHr } from '../access'

type A = Api['admin']
const PAGE = 30

export async function auditLog(input: A['audit'][0], { db, openid }: Context): Promise<A['audit'][1]> {
  const { company } = await requireHr(db, openid)
  const where: Record<string, unknown> = { companyId: company._id }
  if (input.before) where.at = db.command.lte(new Date(input.before))
  const docs = await find<AdminAuditDoc>(db, COLLECTIONS.audit, where, {
    orderBy: ['at', 'desc'],
    limit: PAGE,
  })
  const items: AuditView[] = docs.map((d) => ({
    at: isoShanghai(d.at),
    subject: d.subject,
    action: d.action,
    actor: d.actor.name ?? d.actor.id,
    summary: `${d.from ? `${d.from} → ` : ''}${d.to}${d.reason ? `（${d.reason}）` : ''}`,
    changes: d.changes ?? [],
  }))
  return { items, next: docs.length === PAGE ? isoShanghai(docs[docs.length - 1].at) : null }
}
