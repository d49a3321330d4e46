// Reminder times, per company: HR reads and saves them (checked, audited with each field before → after); the notify
// timer reads `companies.notices` on every run, so the next run follows. Template ids stay the deployment's.
import type { Api } from '@core/api'
import { COLLECTIONS, type CompanyDoc } from '@core/makeup'
import { checkNoticeTimes, noticeTimesChanges, noticeTimesOf, type NoticeSettings } from '@core/notices'
import type { Context } from '@server/router'
import { getById, patch, withTransaction } from '@server/sdk'
import { audit, requireHr } from '../access'

type A = Api['admin']
type Company = CompanyDoc & { notices?: Partial<NoticeSettings> }

export async function noticeTimes(
  _: A['noticeTimes'][0],
  { db, openid }: Context,
): Promise<A['noticeTimes'][1]> {
  const { company } = await requireHr(db, openid)
  return noticeTimesOf(company as Company)
}

export async function saveNoticeTimes(
  input: A['saveNoticeTimes'][0],
  { db, openid, now }: Context,
): Promise<A['saveNoticeTimes'][1]> {
  const caller = await requireHr(db, openid)
  return withTransaction(db, async (tx) => {
    const company = (await getById<Company>(tx, COLLECTIONS.companies, caller.company._id))!
    const after = checkNoticeTimes(input, company.policy)
    const before = noticeTimesOf(company)
    const changes = noticeTimesChanges(before, after)
    if (changes.length === 0) return before
    await patch(tx, COLLECTIONS.companies, company._id, { notices: after })
    await audit(tx, caller, now, {
      subject: 'company',
      subjectId: company._id,
      action: 'saveNoticeTimes',
      to: 'saved',
      changes,
    })
    return after
  })
}
