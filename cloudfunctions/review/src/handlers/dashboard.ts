import type { Api } from '@core/api'
import {
  type CheckinReminderResult,
  type DashboardView,
  isHrAdmin,
  type NotCheckedInView,
} from '@core/review'
import { addDays, dayRange, isoShanghai, localDay, monthBounds, monthOf } from '@core/calendar'
import { DomainError } from '@core/shared'
import { COLLECTIONS } from '@core/makeup'
import {
  needsCheckinReminder,
  noticeKey,
  noticeSettings,
  overdueBefore,
  type NoticeSettings,
} from '@core/notices'
import {
  activeMembersByDept,
  checkinsByDept,
  makeupsByReason,
  oldestPending,
  overdueCount,
  perDay,
  withoutCheckin,
} from '@server/repositories/dashboard'
import { pendingCount, brief } from '@server/repositories/review'
import { insertOnce, outboxDoc } from '@server/notices/outbox'
import { OUTBOX, type OutboxDoc } from '@server/notices/records'
import { find } from '@server/sdk'
import { reviewAction, type ReviewContext } from '../reviewer'

type CompanyNotices = { notices?: Partial<NoticeSettings> }

const hrOnly = (rc: ReviewContext) => {
  if (!isHrAdmin(rc.member)) throw new DomainError('FORBIDDEN', 'HR admins only')
}

const TREND_DAYS = 30

export const dashboard = reviewAction(
  'dashboard',
  async (_input: Api['review']['dashboard'][0], rc): Promise<DashboardView> => {
    hrOnly(rc)
    const { db, company, now } = rc
    const remindAfter = noticeSettings(company as CompanyNotices).reviewRemindAfterHours
    const today = localDay(now)
    const from = addDays(today, -(TREND_DAYS - 1))
    const month = monthBounds(monthOf(today))
    const [members, checked, pending, overdue, oldest, reasons, checkinTrend, makeupTrend] =
      await Promise.all([
        activeMembersByDept(db, company._id),
        checkinsByDept(db, company._id, today),
        // the whole company's backlog, the caller's own requests included
        pendingCount(db, company._id, null, ''),
        overdueCount(db, company._id, overdueBefore(now, remindAfter)),
        oldestPending(db, company._id),
        makeupsByReason(db, company._id, month.first, month.last),
        perDay(db, COLLECTIONS.checkins, company._id, from, today),
        perDay(db, COLLECTIONS.makeups, company._id, from, today),
      ])
    return {
      today,
      depts: [...members.entries()]
        .map(([dept, n]) => ({ dept, members: n, checked: checked.get(dept) ?? 0 }))
        .sort((a, b) => a.dept.localeCompare(b.dept, 'zh')),
      pending: {
        count: pending ?? 0,
        overdue,
        oldestSubmittedAt: oldest ? isoShanghai(oldest.submittedAt) : null,
        oldestAgeHours: oldest
          ? Math.floor((now.getTime() - oldest.submittedAt.getTime()) / 3_600_000)
          : null,
      },
      reasons,
      trend: dayRange(from, today).map((day) => ({
        day,
        checkins: checkinTrend.get(day) ?? 0,
        makeups: makeupTrend.get(day) ?? 0,
      })),
    }
  },
)

/** Who in a department has not checked in today (HR admins). Two round trips: the caller, then the department. */
export const notCheckedIn = reviewAction(
  'notCheckedIn',
  async (input: Api['review']['notCheckedIn'][0], rc): Promise<NotCheckedInView> => {
    hrOnly(rc)
    const day = localDay(rc.now)
    const members = await withoutCheckin(rc.db, rc.company._id, input.dept, day)
    return { day, dept: input.dept, members: members.map((m) => ({ ...brief(m), bound: Boolean(m.openid) })) }
  },
)

/**
 * HR's one tap: reminds the department's members without today's check-in. A reminder is the daily reminder's
 * notice (same key: a member is reminded at most once a day, whoever asks first), queued in the outbox and sent by
 * the notify timer — by subscribe message where the member authorised one, in-app otherwise.
 */
export const remindCheckin = reviewAction(
  'remindCheckin',
  async (input: Api['review']['remindCheckin'][0], rc): Promise<CheckinReminderResult> => {
    hrOnly(rc)
    const { db, company, now } = rc
    const day = localDay(now)
    const missing = await withoutCheckin(db, company._id, input.dept, day)
    const due = missing.filter((m) => needsCheckinReminder(m, day, false))
    const keyOf = (memberId: string) => noticeKey('checkinReminder', memberId, day)
    const known = due.length
      ? await find<{ _id: string }>(
          db,
          OUTBOX,
          { _id: db.command.in(due.map((m) => keyOf(m._id))) },
          {
            limit: 1000,
          },
        )
      : []
    const reminded = new Set(known.map((d) => d._id))
    const values = {
      text: '今天还没有完成健康打卡，请尽快打卡',
      closesAt: company.policy.dailyCheckinCloses ?? '23:59',
    }
    const fresh: OutboxDoc[] = due
      .filter((m) => !reminded.has(keyOf(m._id)))
      .map((m) =>
        outboxDoc({
          companyId: company._id,
          kind: 'checkinReminder',
          key: keyOf(m._id),
          audience: { kind: 'member', memberId: m._id },
          values,
          at: now,
        }),
      )
    let queued = fresh.length
    // one insert for all; should the daily reminder have queued some of these keys meanwhile, one by one
    if (fresh.length)
      await db
        .collection(OUTBOX)
        .add({ data: fresh as unknown as object })
        .catch(async () => {
          queued = 0
          for (const doc of fresh) if (await insertOnce(db, doc)) queued += 1
        })
    return { queued, alreadyReminded: due.length - queued, unbound: missing.length - due.length }
  },
)
