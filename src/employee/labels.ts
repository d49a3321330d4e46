import type { DayState } from '@core/checkin'
import type { MakeupStatus } from '@core/makeup'

export const STATUS_LABEL: Record<MakeupStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  returned: '退回修改',
  withdrawn: '已撤回',
  revoked: '已撤销',
}

export const STATUS_TAG: Record<MakeupStatus, 'info' | 'success' | 'danger' | 'warning' | 'default'> = {
  pending: 'info',
  approved: 'success',
  rejected: 'danger',
  returned: 'warning',
  withdrawn: 'default',
  revoked: 'danger',
}

export const DAY_LABEL: Record<DayState, string> = {
  checked: '已打卡',
  madeUp: '已补卡',
  pending: '审核中',
  missed: '漏打卡',
  rest: '休息',
  open: '待打卡',
  granted: '可特批补卡',
  future: '',
  beforeJoin: '',
  leave: '请假',
  trip: '出差',
  exempt: '免打卡',
}

/** '2026-11-28T23:59:59+08:00' → '11月28日 23:59' (the instant is already in Shanghai time) */
export function shortDeadline(iso: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso)
  return m ? `${Number(m[1])}月${Number(m[2])}日 ${m[3]}:${m[4]}` : iso
}

/** '2026-11-03' → '11月3日 周二' */
export function dayWithWeekday(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  const wd = '日一二三四五六'[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]
  return `${m}月${d}日 周${wd}`
}

/** an ISO instant as Shanghai wall-clock time (UTC+8, no DST): '2026-11-28 09:05' */
export function shanghaiTime(iso: string): string {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? iso : new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}
