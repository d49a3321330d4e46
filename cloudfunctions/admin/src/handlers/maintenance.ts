// Maintenance windows: declared by HR admins for their company (or by a platform operator for every company).
// The effect — deadlines extended by the window, affected days not charged — is core/policy/slots' windowDeadline; the
// banner comes with checkin.me.
import type { MaintenanceView } from '@core/admin'
import type { Api } from '@core/api'
import { isoShanghai } from '@core/calendar'
import { DomainError } from '@core/shared'
import { COLLECTIONS, type CompanyDoc, type MaintenanceDoc } from '@core/makeup'
import type { Context } from '@server/router'
import { find, insert } from '@server/sdk'
import { audit, requireHr } from '../access'
import { requireCaller } from '@server/repositories/members'

type A = Api['admin']
const MAX_MS = 7 * 24 * 3600 * 1000

function view(d: MaintenanceDoc, now: Date): MaintenanceView {
  return {
    id: d._id,
    start: isoShanghai(d.start),
    end: isoShanghai(d.end),
    note: d.note,
    active: d.start <= now && now <= d.end,
  }
}

async function listOf(db: Context['db'], companyId: string, now: Date): Promise<MaintenanceView[]> {
  const docs = await find<MaintenanceDoc>(
    db,
    COLLECTIONS.maintenance,
    { companyId },
    { orderBy: ['end', 'desc'], limit: 50 },
  )
  return docs.map((d) => view(d, now))
}

export async function maintenance(_: A['maintenance'][0], { db, openid, now }: Context) {
  const { company } = await requireHr(db, openid)
  return listOf(db, company._id, now)
}

export async function declareMaintenance(
  input: A['declareMaintenance'][0],
  { db, openid, now }: Context,
): Promise<MaintenanceView> {
  const caller = await requireCaller(db, openid)
  const operator = caller.member.roles.includes('operator')
  if (!caller.member.roles.includes('hr') && !operator) throw new DomainError('FORBIDDEN')
  if (input.allCompanies && !operator) throw new DomainError('FORBIDDEN', 'all companies: operators only')
  const start = new Date(input.start)
  const end = new Date(input.end)
  if (!(end > start) || end.getTime() - start.getTime() > MAX_MS) throw new DomainError('MAINTENANCE_INVALID')
  const companies = input.allCompanies
    ? (await find<CompanyDoc>(db, COLLECTIONS.companies, {}, { limit: 1000 })).map((c) => c._id)
    : [caller.company._id]
  const id = `mt${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  let own: MaintenanceDoc | null = null
  for (const companyId of companies) {
    const doc: MaintenanceDoc = { _id: `${id}-${companyId}`, companyId, start, end, note: input.note }
    await insert(db, COLLECTIONS.maintenance, doc)
    await audit(
      db,
      caller,
      now,
      { subject: 'maintenance', subjectId: doc._id, action: 'declare', to: `${input.start} – ${input.end}` },
      companyId,
    )
    if (companyId === caller.company._id) own = doc
  }
  return view(own ?? { _id: id, companyId: '', start, end, note: input.note }, now)
}

export async function removeMaintenance(input: A['removeMaintenance'][0], { db, openid, now }: Context) {
  const caller = await requireHr(db, openid)
  const companyId = caller.company._id
  const [doc] = await find<MaintenanceDoc>(
    db,
    COLLECTIONS.maintenance,
    { companyId, _id: input.id },
    { limit: 1 },
  )
  if (!doc) throw new DomainError('MAINTENANCE_NOT_FOUND', input.id)
  await db.collection(COLLECTIONS.maintenance).doc(doc._id).remove()
  await audit(db, caller, now, {
    subject: 'maintenance',
    subjectId: doc._id,
    action: 'remove',
    to: 'removed',
  })
  return listOf(db, companyId, now)
}
