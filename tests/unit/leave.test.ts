// Leave-aware days: the range rule, the sheet's rows, and what leave changes in the slots and the month calendar.
import { validateLeaveRows } from '@core/admin'
import { EMPTY_CALENDAR } from '@core/calendar'
import { monthView } from '@core/checkin'
import { leaveKindOf, leaveRange, MAX_LEAVE_DAYS } from '@core/leave'
import { allowedSlots, DEFAULT_POLICY, EMPTY_FACTS, judgeDay, effectivePolicy } from '@core/policy'
import { DomainError } from '@core/shared'

const rows = (text: string) => text.split('\n').map((line) => ({ cells: line.split(','), malformed: false }))

describe('leaveRange', () => {
  it('gives every natural day of the range, both ends included', () => {
    expect(leaveRange('2026-11-27', '2026-11-30')).toEqual([
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ])
    expect(leaveRange('2026-11-27', '2026-11-27')).toEqual(['2026-11-27'])
  })

  it.each([
    ['2026-11-30', '2026-11-27'],
    ['2026-11-01', '2027-01-02'],
    ['2026-02-30', '2026-03-01'],
  ])('refuses %s ~ %s with LEAVE_RANGE_INVALID', (from, to) => {
    expect(() => leaveRange(from, to)).toThrow(DomainError)
    try {
      leaveRange(from, to)
    } catch (e) {
      expect((e as DomainError).code).toBe('LEAVE_RANGE_INVALID')
    }
  })

  it(`allows exactly ${MAX_LEAVE_DAYS} days`, () => {
    expect(leaveRange('2026-01-01', '2026-03-03')).toHaveLength(MAX_LEAVE_DAYS)
    expect(() => leaveRange('2026-01-01', '2026-03-04')).toThrow(DomainError)
  })

  it('reads kinds as HR writes them', () => {
    expect(['请假', '出差', '免打卡', 'TRIP', ' leave '].map(leaveKindOf)).toEqual([
      'leave',
      'trip',
      'exempt',
      'trip',
      'leave',
    ])
    expect(leaveKindOf('病假 38.5')).toBeNull()
  })
})

describe('validateLeaveRows', () => {
  it('keeps good rows and reports each bad one with its line, employee number, code and field', () => {
    const { valid, errors } = validateLeaveRows(
      rows(
        [
          '工号,类型,开始日期,结束日期',
          'E1,请假,2026-11-23,2026-11-24',
          'E2,出差,2026/11/25,2026/11/27',
          'E3,发烧,2026-11-23,2026-11-23',
          'E4,免打卡,2026-11-30,2026-11-23',
          'E 5,请假,2026-11-23,2026-11-23',
          'E6,请假,2026-13-01,2026-11-23',
          ',,,',
          'E7,请假,2026-11-23',
        ].join('\n'),
      ),
    )
    expect(valid).toEqual([
      { line: 2, employeeNo: 'E1', kind: 'leave', from: '2026-11-23', to: '2026-11-24' },
      { line: 3, employeeNo: 'E2', kind: 'trip', from: '2026-11-25', to: '2026-11-27' },
    ])
    expect(errors).toEqual([
      { line: 4, employeeNo: 'E3', code: 'IMPORT_ROW_INVALID', field: 'kind' },
      { line: 5, employeeNo: 'E4', code: 'LEAVE_RANGE_INVALID', field: 'to' },
      { line: 6, employeeNo: null, code: 'IMPORT_ROW_INVALID', field: 'employeeNo' },
      { line: 7, employeeNo: 'E6', code: 'IMPORT_ROW_INVALID', field: 'from' },
      { line: 9, employeeNo: 'E7', code: 'IMPORT_ROW_MALFORMED', field: null },
    ])
  })

  it('refuses a sheet without the required columns', () => {
    expect(() => validateLeaveRows(rows('工号,类型,开始日期\nE1,请假,2026-11-23'))).toThrow(
      'IMPORT_FILE_INVALID',
    )
  })
})

describe('leave in the slots and the calendar', () => {
  const member = {
    companyId: 'c1',
    memberId: 'm1',
    joinedOn: '2026-01-05',
    region: '北京',
    makeupEnabled: true,
    identityBound: true,
    extraVerified: true,
  }
  const policy = { ...DEFAULT_POLICY, cutoffDay: null, window: { days: 10, unit: 'natural' as const } }
  const now = new Date('2026-11-27T02:00:00Z') // Friday, Shanghai 10:00

  it('refuses a make-up of a leave day with DAY_ON_LEAVE and does not offer it', () => {
    const facts = { ...EMPTY_FACTS, leaveDays: ['2026-11-24'] }
    expect(judgeDay('2026-11-24', member, effectivePolicy(policy, '北京'), now, facts)).toEqual({
      ok: false,
      day: '2026-11-24',
      code: 'DAY_ON_LEAVE',
    })
    const view = allowedSlots(member, policy, now, facts)
    expect(view.slots.map((s) => s.day)).not.toContain('2026-11-24')
    expect(view.slots.map((s) => s.day)).toContain('2026-11-25')
    expect(view.blocked).toContainEqual({ day: '2026-11-24', code: 'DAY_ON_LEAVE' })
  })

  it('shows leave kinds on working days, ahead too, and counts only days until today', () => {
    const view = monthView('2026-11', now, '2026-01-05', EMPTY_CALENDAR, {
      records: [{ day: '2026-11-02', source: 'daily' }],
      requests: [],
      grantedDays: [],
      leave: [
        { day: '2026-11-02', kind: 'leave' }, // checked in anyway: the record wins
        { day: '2026-11-03', kind: 'leave' },
        { day: '2026-11-04', kind: 'trip' },
        { day: '2026-11-07', kind: 'trip' }, // Saturday: a rest day stays one
        { day: '2026-11-05', kind: 'exempt' },
        { day: '2026-11-30', kind: 'leave' }, // planned
      ],
    })
    const state = (d: string) => view.days.find((x) => x.day === `2026-11-${d}`)?.state
    expect([state('02'), state('03'), state('04'), state('05'), state('07'), state('30')]).toEqual([
      'checked',
      'leave',
      'trip',
      'exempt',
      'rest',
      'leave',
    ])
    // 20 working days 2–27 Nov; 1 checked, 3 on leave, 27th open, 15 missed
    expect(view.summary).toEqual({
      month: '2026-11',
      checked: 1,
      madeUp: 0,
      missed: 15,
      onLeave: 3,
      leave: 1,
      trip: 1,
      exempt: 1,
      pending: 0,
      open: 1,
      makeupsUsed: 0,
    })
  })
})
