// The company audit log narrowed the way the audit page and its export narrow it: one member, one action, a range
// of company-local days. Every combination is served by an index of `audit` (by_company_at, by_member_at,
// by_action_at, by_member_action_at in database/collections.json).
import { endOfLocalDay, startOfLocalDay } from '@core/calendar'
import { COLLECTIONS, type MemberDoc } from '@core/makeup'
import type { LocalDay } from '@core/shared'
import { find, type Db } from '../sdk'

export interface AuditScope {
  companyId: string
  /** '' matches nobody (a 工号 that names no member) */
  memberId?: string
  action?: string
  from?: LocalDay
  to?: LocalDay
}

interface RangeCommand {
  gte(v: unknown): unknown
  lte(v: unknown): unknown
  and(...c: unknown[]): unknown
}

/** The member a 工号 names in this company (null: none, so the narrowed log is empty). */
export async function memberIdOf(db: Db, companyId: string, employeeNo: string): Promise<string | null> {
  const [m] = await find<MemberDoc>(db, COLLECTIONS.members, { companyId, employeeNo }, { limit: 1 })
  return m?._id ?? null
}

export function auditWhere(db: Db, scope: AuditScope): Record<string, unknown> {
  const _ = db.command as unknown as RangeCommand
  const where: Record<string, unknown> = { companyId: scope.companyId }
  if (scope.memberId !== undefined) where.memberId = scope.memberId
  if (scope.action) where.action = scope.action
  const bounds = [
    ...(scope.from ? [_.gte(startOfLocalDay(scope.from))] : []),
    ...(scope.to ? [_.lte(endOfLocalDay(scope.to))] : []),
  ]
  if (bounds.length > 0) where.at = bounds.length === 1 ? bounds[0] : _.and(...bounds)
  return where
}
