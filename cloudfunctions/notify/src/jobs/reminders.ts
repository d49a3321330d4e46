// The timed reminders, each run by the notify function's one timer: daily "not yet checked in", pending reviews
// (reminder to the reviewer after N hours, escalation to the HR admins after M hours), and the quota cut-off.
import { addDays, localDay } from '@core/calendar'
import {
  bindingFor,
  checkinReminderDue,
  cutoffReminderDue,
  needsCheckinReminder,
  noticeKey,
  overdueBefore,
  reviewStage,
  type NoticeKind,
  type NoticeSettings,
  type NoticeValues,
} from '@core/notices'
import { COLLECTIONS, type CompanyDoc, type MakeupDoc, type MemberDoc } from '@core/makeup'
import { stepDeciders } from '@core/review'
import {
  allowedSlots,
  checkinReminderAtOf,
  checkinReminderTimes,
  groupResolver,
  type RuleGroup,
} from '@core/policy'
import { LEAVE_COLLECTION } from '@core/leave'
import { loadFacts } from '@server/facts'
import { deliver, type Run } from '@server/notices/deliver'
import { deployedNoticeSettings } from '@server/notices/templates'
import { remainingFor } from '@server/notices/ledger'
import { insertOnce, outboxDoc } from '@server/notices/outbox'
import { eachLimit } from '@server/notices/pool'
import { hrAdmins, membersByIds } from '@server/repositories/review'
import { memberProfile } from '@server/repositories/members'
import { find, type Db } from '@server/sdk'
import type { Budget } from './budget'
import { forEachMemberPage } from './members-run'

const CONCURRENCY = 16

type Company = CompanyDoc & { notices?: Partial<NoticeSettings> }

export function companies(db: Db): Promise<Company[]> {
  return find<Company>(db, COLLECTIONS.companies, {}, { limit: 1000 })
}

/** Writes the notice as held by this run and sends it; false when its key was used already (sent before). */
async function notifyOnce(
  run: Run,
  n: { companyId: string; kind: NoticeKind; key: string; member: MemberDoc; values: NoticeValues },
  remaining?: number,
): Promise<boolean> {
  run.remember(n.member)
  const doc = outboxDoc(
    { ...n, audience: { kind: 'member', memberId: n.member._id }, at: run.now },
    { status: 'sending', dueAt: run.lease() },
  )
  if (!(await insertOnce(run.db, doc))) return false
  await deliver(run, doc, remaining)
  return true
}

/** Counts what a page of sends did, from the run's tally before and after. */
async function counted(run: Run, body: () => Promise<void>) {
  const before = { ...run.tally }
  await body()
  return {
    sent: run.tally.delivered - before.delivered,
    fallenBack: run.tally.fallenBack - before.fallenBack,
  }
}

/**
 * The daily "not yet checked in" reminder, at each member's time: their rule group's own, else the company's
 * (checkinReminderAtOf, ruleFor's precedence). One pass per distinct due time, each with its own stored cursor
 * (job `checkin` for the company's time, `checkin-HHmm` for a time only groups have), so each time is handled once a
 * day and a run cut short continues where it stopped. A pass reads only the members who may have its time: the
 * company's time reads every member (those in no group, or in a group without its own time); a group-only time
 * reads its groups' listed members and departments (one query with an `or`). Every member read is kept only when
 * their own time is the pass's, so a pass never reminds another's members, and the notice key (member and day)
 * keeps anyone from a second reminder when HR moves them or changes a time during the day. Check-ins, leave and
 * sends left are read only for the members a page keeps: a page of other groups' members costs its read alone.
 * Round trips (counted in tests/integration/notify-group-reminders.test.ts): a pass 2 to start (its cursor read and
 * written), then per page of 100 members read 2 (the read, the cursor), + 3 when the page keeps anyone (check-ins ∥
 * leave, sends left) and 1 when it sends (the ledger), + 3 per reminder (notice, send, its state); a pass already
 * done costs each later run 1 (its cursor). So 10 000 members, a group of 1 000 at 08:00 and the rest at 10:00 read
 * 11 + 101 pages, where a pass reading everyone for each time would read 202.
 */
export async function checkinReminders(run: Run, budget: Budget, company: Company): Promise<void> {
  const settings = deployedNoticeSettings(company)
  const companyAt = settings.checkinReminderAt
  const templateId = bindingFor('checkinReminder', settings).templateId
  const values = {
    text: '今天还没有完成健康打卡，请尽快打卡',
    closesAt: company.policy.dailyCheckinCloses ?? '23:59',
  }
  const groupFor = groupResolver(company.policy)
  const timeOf = (m: MemberDoc) => checkinReminderAtOf(groupFor({ memberId: m._id, dept: m.dept }), companyAt)
  for (const at of checkinReminderTimes(company.policy, companyAt)) {
    const day = checkinReminderDue(run.now, { checkinReminderAt: at }, company.policy)
    if (!day) continue
    const job = at === companyAt ? 'checkin' : `checkin-${at.replace(':', '')}`
    await forEachMemberPage(
      run,
      budget,
      { companyId: company._id, job, day },
      (page) =>
        counted(run, async () => {
          const members = page.filter((m) => timeOf(m) === at && needsCheckinReminder(m, day, false))
          if (members.length === 0) return
          const ids = members.map((m) => m._id)
          // a member on leave, on a business trip or exempt that day is not reminded
          const [checked, away] = await Promise.all([
            checkedIn(run.db, company._id, day, ids),
            onLeave(run.db, company._id, day, ids),
          ])
          const due = members.filter((m) => !away.has(m._id) && !checked.has(m._id))
          const left = await remainingFor(
            run.db,
            due.map((m) => m._id),
            templateId,
          )
          await eachLimit(due, CONCURRENCY, async (member) => {
            const key = noticeKey('checkinReminder', member._id, day)
            await notifyOnce(
              run,
              { companyId: company._id, kind: 'checkinReminder', key, member, values },
              left.get(member._id) ?? 0,
            )
          })
        }),
      at === companyAt ? undefined : groupsScope(run.db, company.policy.groups ?? [], at),
    )
    if (budget.spent()) return
  }
}

/** Members of the groups whose own time is `at`: listed by id, or in one of their departments. */
function groupsScope(db: Db, groups: RuleGroup[], at: string): object {
  const _ = db.command
  const own = groups.filter((g) => g.checkinReminderAt === at)
  const ids = own.flatMap((g) => g.members)
  const depts = own.flatMap((g) => g.departments)
  const either: object[] = []
  if (ids.length) either.push({ _id: _.in(ids) })
  if (depts.length) either.push({ dept: _.in(depts) })
  // validation keeps every group non-empty; a policy that is not would read nobody rather than everyone
  return either.length ? (_.or(either) as object) : { _id: _.in([]) }
}

async function checkedIn(db: Db, companyId: string, day: string, memberIds: string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set()
  const docs = await find<{ memberId: string }>(
    db,
    COLLECTIONS.checkins,
    { companyId, memberId: db.command.in(memberIds), day },
    { limit: 1000 },
  )
  return new Set(docs.map((d) => d.memberId))
}

async function onLeave(db: Db, companyId: string, day: string, memberIds: string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set()
  const docs = await find<{ memberId: string }>(
    db,
    LEAVE_COLLECTION,
    { companyId, memberId: db.command.in(memberIds), day },
    { limit: 1000 },
  )
  return new Set(docs.map((d) => d.memberId))
}

/**
 * Pending requests older than N hours: each reviewer gets one reminder a day with how many wait for them.
 * Older than M hours: each HR admin gets one escalation per request.
 */
export async function reviewReminders(run: Run, company: Company): Promise<void> {
  const settings = deployedNoticeSettings(company)
  const _ = run.db.command
  const overdue = await find<MakeupDoc>(
    run.db,
    COLLECTIONS.makeups,
    {
      companyId: company._id,
      status: 'pending',
      submittedAt: _.lte(overdueBefore(run.now, settings.reviewRemindAfterHours)),
    },
    { orderBy: ['submittedAt', 'asc'], limit: 1000 },
  )
  if (overdue.length === 0) return
  const requesters = new Map(
    (
      await membersByIds(
        run.db,
        company._id,
        overdue.map((d) => d.memberId),
      )
    ).map((m) => [m._id, m]),
  )
  const staff = await find<MemberDoc>(
    run.db,
    COLLECTIONS.members,
    { companyId: company._id, status: 'active', roles: _.in(['reviewer', 'hr']) },
    { limit: 1000 },
  )
  const waiting = new Map<string, { reviewer: MemberDoc; count: number; oldest: Date }>()
  const escalate: MakeupDoc[] = []
  for (const req of overdue) {
    const requester = requesters.get(req.memberId)
    if (!requester) continue
    // whoever decides the step it waits at (core/review chain.ts)
    for (const reviewer of stepDeciders(req, requester, staff)) {
      const w = waiting.get(reviewer._id) ?? { reviewer, count: 0, oldest: req.submittedAt }
      waiting.set(reviewer._id, { ...w, count: w.count + 1 })
    }
    if (reviewStage(req.submittedAt, run.now, settings) === 'escalate') escalate.push(req)
  }
  const today = localDay(run.now)
  await eachLimit([...waiting.values()], CONCURRENCY, async (w) => {
    await notifyOnce(run, {
      companyId: company._id,
      kind: 'reviewPending',
      key: noticeKey('reviewPending', w.reviewer._id, today),
      member: w.reviewer,
      values: {
        count: w.count,
        text: `等待审核已超过 ${settings.reviewRemindAfterHours} 小时`,
        oldest: w.oldest,
      },
    })
  })
  if (escalate.length === 0) return
  const admins = await hrAdmins(run.db, company._id)
  const pairs = escalate.flatMap((req) =>
    admins.filter((a) => a._id !== req.memberId).map((a) => ({ req, a })),
  )
  await eachLimit(pairs, CONCURRENCY, async ({ req, a }) => {
    const who = requesters.get(req.memberId)
    await notifyOnce(run, {
      companyId: company._id,
      kind: 'reviewEscalation',
      key: `${noticeKey('reviewEscalation', req._id)}.${a._id}`,
      member: a,
      values: {
        count: 1,
        text: `${who?.name ?? ''}：超过 ${settings.reviewEscalateAfterHours} 小时未审核`,
        oldest: req.submittedAt,
        requestId: req._id,
      },
    })
  })
}

/** Before the cut-off day: members who still have makeable missed days of last month (leave days are not). */
export async function cutoffReminders(run: Run, budget: Budget, company: Company): Promise<void> {
  const settings = deployedNoticeSettings(company)
  const due = cutoffReminderDue(run.now, company.policy.cutoffDay, settings)
  if (!due) return
  const today = localDay(run.now)
  await forEachMemberPage(run, budget, { companyId: company._id, job: 'cutoff', day: today }, (members) =>
    counted(run, async () => {
      const bound = members.filter((m) => m.status === 'active' && m.openid)
      await eachLimit(bound, CONCURRENCY, async (member) => {
        const facts = await loadFacts(run.db, { member, company }, addDays(today, -31), today)
        const days = allowedSlots(
          memberProfile(member, run.now),
          company.policy,
          run.now,
          facts,
        ).slots.filter((s) => s.day.startsWith(due.month)).length
        if (days === 0) return
        await notifyOnce(run, {
          companyId: company._id,
          kind: 'quotaCutoff',
          key: noticeKey('quotaCutoff', member._id, today),
          member,
          values: { text: '上月还有未补的打卡', days, cutoff: due.cutoff },
        })
      })
    }),
  )
}
