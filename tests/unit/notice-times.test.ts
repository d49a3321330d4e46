// The reminder times HR may set (core/notices/times.ts): defaults, checks with their codes, and the audit's changes.
import {
  checkNoticeTimes,
  DEFAULT_NOTICE_SETTINGS,
  noticeTimesChanges,
  noticeTimesOf,
  type NoticeTimes,
} from '@core/notices'
import { DomainError } from '@core/shared'

const T: NoticeTimes = {
  checkinReminderAt: '09:30',
  reviewRemindAfterHours: 24,
  reviewEscalateAfterHours: 48,
  cutoffRemindDaysBefore: 1,
  cutoffRemindAt: '10:00',
}
const OPEN_ALL_DAY = { dailyCheckinCloses: null }

function codeOf(t: Partial<NoticeTimes>, closes: string | null = null): string | null {
  try {
    checkNoticeTimes({ ...T, ...t }, { dailyCheckinCloses: closes })
    return null
  } catch (e) {
    return (e as DomainError).code
  }
}

it('reads a company’s own times over the defaults, never its templates', () => {
  const { templates: _t, ...defaults } = DEFAULT_NOTICE_SETTINGS
  expect(noticeTimesOf({})).toEqual(defaults)
  const mixed = {
    notices: { reviewRemindAfterHours: 6, templates: { checkinReminder: { templateId: 'x' } } },
  }
  expect(noticeTimesOf(mixed)).toEqual({ ...defaults, reviewRemindAfterHours: 6 })
  expect(noticeTimesOf({ notices: { checkinReminderAt: null } }).checkinReminderAt).toBeNull()
})

it('accepts the edges of each range', () => {
  expect(checkNoticeTimes(T, OPEN_ALL_DAY)).toEqual(T)
  for (const t of [
    { checkinReminderAt: null },
    { checkinReminderAt: '00:00', cutoffRemindAt: '23:59' },
    { reviewRemindAfterHours: 1, reviewEscalateAfterHours: 2 },
    { reviewRemindAfterHours: 168, reviewEscalateAfterHours: 336 },
    { cutoffRemindDaysBefore: 0 },
    { cutoffRemindDaysBefore: 10 },
  ])
    expect(codeOf(t)).toBeNull()
})

it.each([
  [{ checkinReminderAt: '24:00' }, 'NOTICE_TIME_INVALID'],
  [{ checkinReminderAt: '9:30' }, 'NOTICE_TIME_INVALID'],
  [{ cutoffRemindAt: '10:60' }, 'NOTICE_TIME_INVALID'],
  [{ reviewRemindAfterHours: 0 }, 'NOTICE_TIME_INVALID'],
  [{ reviewRemindAfterHours: Number.NaN }, 'NOTICE_TIME_INVALID'],
  [{ reviewEscalateAfterHours: 337 }, 'NOTICE_TIME_INVALID'],
  [{ cutoffRemindDaysBefore: -1 }, 'NOTICE_TIME_INVALID'],
  [{ cutoffRemindDaysBefore: 2.5 }, 'NOTICE_TIME_INVALID'],
  [{ reviewRemindAfterHours: 48, reviewEscalateAfterHours: 48 }, 'NOTICE_ESCALATION_EARLY'],
])('refuses %o with %s', (t, code) => {
  expect(codeOf(t as Partial<NoticeTimes>)).toBe(code)
})

it('refuses a daily reminder at or after check-in closes, and names the closing time', () => {
  expect(codeOf({ checkinReminderAt: '09:59' }, '10:00')).toBeNull()
  expect(codeOf({ checkinReminderAt: '10:00' }, '10:00')).toBe('NOTICE_REMINDER_AFTER_CLOSE')
  expect(codeOf({ checkinReminderAt: null }, '10:00')).toBeNull()
  let thrown: unknown
  try {
    checkNoticeTimes({ ...T, checkinReminderAt: '11:00' }, { dailyCheckinCloses: '10:00' })
  } catch (e) {
    thrown = e
  }
  expect(thrown).toMatchObject({ code: 'NOTICE_REMINDER_AFTER_CLOSE', vars: { closes: '10:00' } })
})

it('lists each changed setting before → after, in a fixed order', () => {
  expect(noticeTimesChanges(T, T)).toEqual([])
  expect(noticeTimesChanges(T, { ...T, cutoffRemindAt: '08:00', checkinReminderAt: null })).toEqual([
    'checkinReminderAt: "09:30" → null',
    'cutoffRemindAt: "10:00" → "08:00"',
  ])
})
