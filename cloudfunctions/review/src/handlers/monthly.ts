import type { Api } from '@core/api'
import { isHrAdmin, type MonthlyReportPage } from '@core/review'
import { DomainError } from '@core/shared'
import { membersMonths } from '@server/monthly'
import { reviewAction } from '../reviewer'

const PAGE = 50

/**
 * The monthly report page: 50 active members (of a department, when asked) by department and name, each with
 * the month's numbers from core's monthSummary — one aggregation after the reviewer's read.
 */
export const monthly = reviewAction(
  'monthly',
  async (input: Api['review']['monthly'][0], rc): Promise<MonthlyReportPage> => {
    if (!isHrAdmin(rc.member)) throw new DomainError('FORBIDDEN', 'HR admins only')
    const offset = input.offset ?? 0
    const rows = await membersMonths(rc.db, rc.company, input.month, rc.now, {
      dept: input.dept,
      offset,
      limit: PAGE + 1,
    })
    return {
      month: input.month,
      items: rows.slice(0, PAGE).map(({ member: m, summary }) => ({
        member: { id: m._id, name: m.name, dept: m.dept, employeeNo: m.employeeNo },
        summary,
      })),
      next: rows.length > PAGE ? offset + PAGE : null,
    }
  },
)
