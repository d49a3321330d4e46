// Leave-aware days: HR records leave (请假), business trips (出差) and exempt days (免打卡) by hand or from a sheet.
// Ranges and rows are checked before anything is written; every entry is audited with its kind and dates only.
import { randomBytes } from 'node:crypto'
import { MAX_LEAVE_IMPORT_DAYS, type RowError, validateLeaveRows } from '@core/admin'
import type { Api } from '@core/api'
import { localDay } from '@core/calendar'
import { leaveRange } from '@core/leave'
import { COLLECTIONS, type MemberDoc } from '@core/makeup'
import { DomainError } from '@core/shared'
import { removeLeaveDays, writeLeave } from '@server/repositories/leaves'
import { membersMonths } from '@server/monthly'
import type { Context } from '@server/router'
import { downloadFile, find, type Db } from '@server/sdk'
import { adminMemberView, audit, memberOfCompany, requireHr } from '../access'
import { readSheet } from '../sheet'

type A = Api['admin']

const entryIdOf = (now: Date) => `lv${now.getTime().toString(36)}${randomBytes(3).toString('hex')}`

export async function leaves(input: A['leaves'][0], { db, openid, now }: Context): Promise<A['leaves'][1]> {
  const { company } = await requireHr(db, openid)
  const [row] = await membersMonths(db, company, input.month, now, { memberId: input.memberId, limit: 1 })
  if (!row) throw new DomainError('MEMBER_NOT_FOUND', input.memberId)
  return { member: adminMemberView(row.member), month: row.view }
}

export async function recordLeave(
  input: A['recordLeave'][0],
  { db, openid, now }: Context,
): Promise<A['recordLeave'][1]> {
  const caller = await requireHr(db, openid)
  const days = leaveRange(input.from, input.to)
  const member = await memberOfCompany(db, caller.company._id, input.memberId)
  const entryId = entryIdOf(now)
  await writeLeave(db, {
    companyId: caller.company._id,
    memberId: member._id,
    kind: input.kind,
    days,
    entryId,
    by: caller.member._id,
    at: now,
  })
  await audit(db, caller, now, {
    subject: 'leave',
    subjectId: entryId,
    memberId: member._id,
    action: 'recordLeave',
    to: `${input.kind} ${input.from}~${input.to}`,
  })
  return { memberId: member._id, kind: input.kind, from: input.from, to: input.to, days: days.length }
}

export async function removeLeave(
  input: A['removeLeave'][0],
  { db, openid, now }: Context,
): Promise<A['removeLeave'][1]> {
  const caller = await requireHr(db, openid)
  leaveRange(input.from, input.to)
  const member = await memberOfCompany(db, caller.company._id, input.memberId)
  const removed = await removeLeaveDays(db, caller.company._id, member._id, input.from, input.to)
  await audit(db, caller, now, {
    subject: 'leave',
    subjectId: member._id,
    memberId: member._id,
    action: 'removeLeave',
    to: `${input.from}~${input.to}`,
    reason: `${removed} days`,
  })
  return { removed }
}

/** Active members of the company by employee number (500 per query). */
async function membersByEmployeeNo(
  db: Db,
  companyId: string,
  nos: string[],
): Promise<Map<string, MemberDoc>> {
  const found = new Map<string, MemberDoc>()
  for (let i = 0; i < nos.length; i += 500) {
    const docs = await find<MemberDoc>(
      db,
      COLLECTIONS.members,
      { companyId, status: 'active', employeeNo: db.command.in(nos.slice(i, i + 500)) },
      { limit: 1000 },
    )
    for (const m of docs) found.set(m.employeeNo, m)
  }
  return found
}

export async function importLeaves(
  input: A['importLeaves'][0],
  { db, openid, now }: Context,
): Promise<A['importLeaves'][1]> {
  const caller = await requireHr(db, openid)
  const companyId = caller.company._id
  // only files of the caller's own company: a fileID is not a capability across tenants
  const m = /^cloud:\/\/[A-Za-z0-9._-]+\/companies\/([A-Za-z0-9_-]+)\/admin\/[A-Za-z0-9_.-]+$/.exec(
    input.fileID,
  )
  if (!m || m[1] !== companyId) throw new DomainError('FORBIDDEN', 'file of another company')
  const bytes = await downloadFile(input.fileID)
  if (!bytes) throw new DomainError('IMPORT_FILE_INVALID', 'no such file')
  const { valid, errors } = validateLeaveRows(await readSheet(bytes))
  const known = await membersByEmployeeNo(db, companyId, [...new Set(valid.map((r) => r.employeeNo))])
  const refused: RowError[] = [...errors]
  const rows = valid.filter((r) => {
    if (known.has(r.employeeNo)) return true
    refused.push({
      line: r.line,
      employeeNo: r.employeeNo,
      code: 'IMPORT_ROW_UNKNOWN_MEMBER',
      field: 'employeeNo',
    })
    return false
  })
  const ranges = rows.map((r) => leaveRange(r.from, r.to))
  const total = ranges.reduce((n, days) => n + days.length, 0)
  // checked before any write: a sheet too large is refused whole, not half-applied
  if (total > MAX_LEAVE_IMPORT_DAYS) throw new DomainError('IMPORT_FILE_INVALID', 'too many days')
  const entryId = entryIdOf(now)
  for (const [i, r] of rows.entries())
    await writeLeave(db, {
      companyId,
      memberId: known.get(r.employeeNo)!._id,
      kind: r.kind,
      days: ranges[i],
      entryId,
      by: caller.member._id,
      at: now,
    })
  await audit(db, caller, now, {
    subject: 'leave',
    subjectId: entryId,
    action: 'importLeaves',
    to: `${rows.length} rows, ${total} days`,
    reason: `${refused.length} refused; ${localDay(now)}`,
  })
  return {
    total: valid.length + errors.length,
    recorded: rows.length,
    days: total,
    errors: refused.sort((a, b) => a.line - b.line),
  }
}
