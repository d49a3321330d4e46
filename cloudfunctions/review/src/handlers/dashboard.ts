import type { Api } from '@core/api'
import { type DashboardView, isHrAdmin } from '@core/review'
import { addDays, dayRange, isoShanghai, localDay, monthBounds, monthOf } from '@core/calendar'
import { DomainError } from '@core/shared'
import { COLLECTIONS } from '@core/makeup'
import {
  activeMembersByDept,
  checkinsByDept,
  makeupsByReason,
  oldestPending,
  perDay,
} from '@server/repositories/dashboard'
import { pendingCount } from '@server/repositories/review'
import { reviewAction } from '../reviewer'

const TREND_DAYS = 30

export const dashboard = reviewAction(
  'dashboard',
  async (_input: Api['review']['dashboard'][0], rc): Promise<DashboardView> => {
    if (!isHrAdmin(rc.member)) throw new DomainError('FORBIDDEN', 'HR admins only')
    const { db, company, now } = rc
    const today = localDay(now)
    const from = addDays(today, -(TREND_DAYS - 1))
    const month = monthBounds(monthOf(today))
    const [members, checked, pending, oldest, reasons, checkinTrend, makeupTrend] = await Promise.all([
      activeMembersByDept(db, company._id),
      checkinsByDept(db, company._id, today),
      // the whole company's backlog, the caller's own requests included
      pendingCount(db, company._id, null, ''),
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
