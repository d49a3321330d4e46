// A reminder over all members of a company, a page at a time, with the cursor stored in the database: a run that
// runs out of time stops after a page and the next timer run continues there. Each notice's key (per member,
// reminder and day) makes a page that is handled twice send nothing twice.
import { COLLECTIONS, type MemberDoc } from '@core/makeup'
import type { Run } from '@server/notices/deliver'
import { REMINDER_RUNS, type ReminderRunDoc } from '@server/notices/records'
import { getById, replace, patch, type Db } from '@server/sdk'
import type { Budget } from './budget'

export const PAGE = 100

/** `scope`: a query condition narrowing the members read (a reminder for a few rule groups reads only theirs). */
export async function forEachMemberPage(
  run: Run,
  budget: Budget,
  key: { companyId: string; job: string; day: string },
  handlePage: (members: MemberDoc[]) => Promise<{ sent: number; fallenBack: number }>,
  scope?: object,
): Promise<ReminderRunDoc> {
  const id = `${key.companyId}_${key.job}_${key.day}`
  let state = (await getById<ReminderRunDoc>(run.db, REMINDER_RUNS, id)) ?? {
    _id: id,
    ...key,
    cursor: null,
    done: false,
    sent: 0,
    fallenBack: 0,
    updatedAt: run.now,
  }
  if (!state.done && state.sent === 0 && state.cursor === null) await replace(run.db, REMINDER_RUNS, state)
  // at least one page per run, so a run always makes progress
  while (!state.done) {
    const members = await membersAfter(run.db, key.companyId, state.cursor, scope)
    const counts = await handlePage(members)
    await run.flush()
    state = {
      ...state,
      cursor: members.length ? members[members.length - 1]._id : state.cursor,
      done: members.length < PAGE,
      sent: state.sent + counts.sent,
      fallenBack: state.fallenBack + counts.fallenBack,
      updatedAt: run.now,
    }
    const { _id, ...fields } = state
    await patch(run.db, REMINDER_RUNS, _id, fields)
    if (budget.spent()) break
  }
  return state
}

function membersAfter(
  db: Db,
  companyId: string,
  cursor: string | null,
  scope?: object,
): Promise<MemberDoc[]> {
  const _ = db.command as Db['command'] & { gt(v: unknown): unknown }
  const base = cursor ? { companyId, _id: _.gt(cursor) } : { companyId }
  return db
    .collection(COLLECTIONS.members)
    .where(scope ? (_.and(base, scope) as object) : base)
    .orderBy('_id', 'asc')
    .limit(PAGE)
    .get()
    .then((r) => r.data as MemberDoc[])
}
