// Reminder times per company through the emulator with the real SDK: HR reads and saves them (each change audited
// before → after; out-of-range values, escalation before the reminder, a daily reminder after check-in closes are
// refused with catalogued codes and change nothing), employees are refused, and the notify timer follows a saved
// time on its next run.
import type { AdminAuditDoc } from '@core/admin'
import { COLLECTIONS, type CompanyDoc, type MemberDoc } from '@core/makeup'
import { DEFAULT_NOTICE_SETTINGS, type NoticeSettings, type NoticeTimes } from '@core/notices'
import { COMPANY, call, codeOf, docs, ok, setNow } from './harness'
import { useEmulator } from './fixture'
import { B, HR } from './review-fixture'
import { put, startNotify, tick } from './notify-fixture'

jest.setTimeout(300_000)

const emu = useEmulator({ functions: ['admin', 'notify'] })

const DAY = '2026-11-27' // a Friday
const at = (hhmm: string, day = DAY) => `${day}T${hhmm}:00+08:00`

const TIMES: NoticeTimes = {
  checkinReminderAt: '11:00',
  reviewRemindAfterHours: 24,
  reviewEscalateAfterHours: 48,
  cutoffRemindDaysBefore: 1,
  cutoffRemindAt: '10:00',
}
const company = () =>
  docs<CompanyDoc & { notices?: Partial<NoticeSettings> }>(emu, 'companies', { _id: COMPANY })[0]
const read = (who = HR) => ok(emu, 'admin', 'noticeTimes', {}, who)
const save = (t: object, who = HR) => ok(emu, 'admin', 'saveNoticeTimes', t as NoticeTimes, who)
const refusedWith = (action: 'noticeTimes' | 'saveNoticeTimes', input: object, who = HR) =>
  codeOf(emu, 'admin', action, input as Record<string, unknown>, who)
const edits = () => docs<AdminAuditDoc>(emu, COLLECTIONS.audit, { action: 'saveNoticeTimes' })
const reminders = () => docs(emu, 'outbox', { kind: 'checkinReminder' })

describe('HR sets the reminder times', () => {
  beforeEach(() => startNotify(emu, { at: at('09:00') }))

  it('reads the defaults, saves, and audits each change before → after', async () => {
    const { templates: _t, ...defaults } = DEFAULT_NOTICE_SETTINGS
    expect(await read()).toEqual(defaults)
    const saved = await save({ ...defaults, checkinReminderAt: '08:45', reviewRemindAfterHours: 8 })
    expect(saved).toMatchObject({ checkinReminderAt: '08:45', reviewRemindAfterHours: 8 })
    expect(await read()).toEqual(saved)
    expect(company().notices).toMatchObject(saved)
    expect(edits()).toHaveLength(1)
    expect(edits()[0]).toMatchObject({
      subject: 'company',
      subjectId: COMPANY,
      changes: ['checkinReminderAt: null → "08:45"', 'reviewRemindAfterHours: 24 → 8'],
    })
    // the same times again: nothing to write, nothing to audit
    await save(saved)
    expect(edits()).toHaveLength(1)
    // and off again
    expect(await save({ ...saved, checkinReminderAt: null })).toMatchObject({ checkinReminderAt: null })
    expect(edits().flatMap((e) => e.changes)).toContain('checkinReminderAt: "08:45" → null')
  })

  it('keeps the deployment’s template ids out of reach', async () => {
    const stored = company()
    put(emu, 'companies', [
      { ...stored, notices: { templates: { checkinReminder: { templateId: 'keep-me' } } } },
    ])
    expect(
      await refusedWith('saveNoticeTimes', { ...TIMES, templates: { checkinReminder: { templateId: 'x' } } }),
    ).toBe('INVALID_INPUT')
    await save(TIMES)
    expect(company().notices?.templates).toEqual({ checkinReminder: { templateId: 'keep-me' } })
    expect(await read()).toEqual(TIMES)
  })

  it.each([
    ['a time that is not one', { checkinReminderAt: '25:00' }, 'NOTICE_TIME_INVALID'],
    ['a cut-off time without minutes', { cutoffRemindAt: '9' }, 'NOTICE_TIME_INVALID'],
    ['no hours before the reminder', { reviewRemindAfterHours: 0 }, 'NOTICE_TIME_INVALID'],
    ['a fraction of an hour', { reviewRemindAfterHours: 1.5 }, 'NOTICE_TIME_INVALID'],
    ['more than two weeks before escalation', { reviewEscalateAfterHours: 337 }, 'NOTICE_TIME_INVALID'],
    ['a cut-off reminder 11 days ahead', { cutoffRemindDaysBefore: 11 }, 'NOTICE_TIME_INVALID'],
    [
      'escalation before the reminder',
      { reviewRemindAfterHours: 48, reviewEscalateAfterHours: 24 },
      'NOTICE_ESCALATION_EARLY',
    ],
    ['a text for a number', { reviewRemindAfterHours: '24' }, 'INVALID_INPUT'],
    ['a missing field', { cutoffRemindAt: undefined }, 'INVALID_INPUT'],
    ['an operator for a time', { checkinReminderAt: { $gt: '' } }, 'INVALID_INPUT'],
  ])('refuses %s with a catalogued code and saves nothing', async (_, over, code) => {
    expect(await refusedWith('saveNoticeTimes', { ...TIMES, ...over })).toBe(code)
    expect(company().notices).toBeUndefined()
    expect(edits()).toEqual([])
  })

  it('refuses a daily reminder at or after the policy’s check-in closing time, naming it', async () => {
    const stored = company()
    put(emu, 'companies', [{ ...stored, policy: { ...stored.policy, dailyCheckinCloses: '10:00' } }])
    const { result } = await call(
      emu,
      'admin',
      'saveNoticeTimes',
      { ...TIMES, checkinReminderAt: '10:00' },
      HR,
    )
    expect(result).toMatchObject({ ok: false, code: 'NOTICE_REMINDER_AFTER_CLOSE' })
    expect((result as { message: string }).message).toContain('10:00')
    expect(company().notices).toBeUndefined()
    expect(await save({ ...TIMES, checkinReminderAt: '09:59' })).toMatchObject({ checkinReminderAt: '09:59' })
  })

  it('refuses employees both actions and changes nothing', async () => {
    expect(await refusedWith('noticeTimes', {}, B)).toBe('FORBIDDEN')
    expect(await refusedWith('saveNoticeTimes', TIMES, B)).toBe('FORBIDDEN')
    expect(await refusedWith('saveNoticeTimes', TIMES, 'o-nobody')).toBe('NOT_BOUND')
    expect(company().notices).toBeUndefined()
    expect(edits()).toEqual([])
  })
})

describe('the notify timer follows a saved time', () => {
  it('sends the daily reminder at the new time from the next run, and not at the old one', async () => {
    await startNotify(emu, { notices: { checkinReminderAt: '11:00' }, at: at('09:40') })
    const due = docs<MemberDoc>(emu, 'members', { companyId: COMPANY, status: 'active' }).filter(
      (m) => m.openid,
    )
    expect(due.length).toBeGreaterThan(0)
    await tick(emu)
    expect(reminders()).toEqual([]) // before 11:00

    // HR moves the reminder to 09:30: the next run, still at 09:40, sends it
    await save({ ...TIMES, checkinReminderAt: '09:30' })
    await setNow(emu, at('09:41'))
    await tick(emu)
    const sent = reminders().length
    expect(sent).toBeGreaterThan(0)

    // the next working day, HR moves it to 14:00: nothing at 09:30, then sent at 14:00
    const MONDAY = '2026-11-30'
    await save({ ...TIMES, checkinReminderAt: '14:00' })
    await setNow(emu, at('09:30', MONDAY))
    await tick(emu)
    expect(reminders()).toHaveLength(sent)
    await setNow(emu, at('14:00', MONDAY))
    await tick(emu)
    expect(reminders().length).toBeGreaterThan(sent)
  })
})
