// Leave-aware days through the emulator: HR records 请假 / 出差 / 免打卡 by hand and from a sheet; such days are not
// offered, a make-up of one is refused before any write, calendars show them, reminders skip them, and every
// refusal changes nothing.
import ExcelJS from 'exceljs'
import type { LeaveDoc } from '@core/leave'
import { COLLECTIONS } from '@core/makeup'
import { A, B, COMPANY, FRIDAY_10, call, codeOf, docs, fileOf, makeupInput, ok, rid, setNow } from './harness'
import { useEmulator } from './fixture'
import { HR, HR2, loadReviewFixture } from './review-fixture'
import { T, grant, put, startNotify, tick } from './notify-fixture'

jest.setTimeout(300_000)

const emu = useEmulator({
  functions: ['admin', 'checkin', 'makeup', 'notify'],
  files: true,
  ready: (e) => loadReviewFixture(e, []),
  at: FRIDAY_10,
})

beforeEach(() => loadReviewFixture(emu, []))

// by id (member, then day): the store keeps no order between documents written at once
const leaves = () => docs<LeaveDoc>(emu, 'leaves').sort((a, b) => a._id.localeCompare(b._id))
const written = () => JSON.stringify(['leaves', 'makeups', 'quotas', 'audit'].map((c) => docs(emu, c)))

function sheet(name: string, bytes: Buffer, companyId = COMPANY): string {
  const path = `companies/${companyId}/admin/${name}`
  emu.files.put(path, bytes)
  return emu.files.fileIdFor(path)
}

describe('leave by hand', () => {
  it('HR records leave: the days are not offered, a make-up of one is refused before any write, calendars show it', async () => {
    const entry = await ok(
      emu,
      'admin',
      'recordLeave',
      { memberId: 'm1', kind: 'leave', from: '2026-11-23', to: '2026-11-24' },
      HR,
    )
    expect(entry).toEqual({ memberId: 'm1', kind: 'leave', from: '2026-11-23', to: '2026-11-24', days: 2 })
    expect(leaves().map((l) => [l._id, l.kind])).toEqual([
      ['m1_2026-11-23', 'leave'],
      ['m1_2026-11-24', 'leave'],
    ])
    // audited with the kind and the dates only
    const [entryAudit] = docs<{ subject: string; to: string; memberId: string }>(emu, COLLECTIONS.audit, {
      subject: 'leave',
    })
    expect(entryAudit).toMatchObject({ memberId: 'm1', to: 'leave 2026-11-23~2026-11-24' })

    const slots = await call(emu, 'makeup', 'slots', {}, A)
    if (!slots.result.ok) throw new Error(slots.result.code)
    expect(slots.roundTrips).toBe(1)
    expect(slots.result.data.slots.map((s) => s.day)).not.toContain('2026-11-23')
    expect(slots.result.data.slots.map((s) => s.day)).toContain('2026-11-25')
    expect(slots.result.data.blocked).toContainEqual({ day: '2026-11-24', code: 'DAY_ON_LEAVE' })

    const before = written()
    const refused = await call(emu, 'makeup', 'submit', makeupInput('2026-11-23'), A)
    expect(refused.result).toMatchObject({
      ok: false,
      code: 'DAY_ON_LEAVE',
      message: '这一天已登记为请假、出差或免打卡，不需要补卡',
    })
    expect(written()).toBe(before)
    // nor is special handling offered for it
    const special = {
      day: '2026-11-23',
      reason: '当天外出',
      evidence: [fileOf(COMPANY, 'm1')],
      clientRequestId: rid(),
    }
    expect(await codeOf(emu, 'makeup', 'special', special, A)).toBe('DAY_ON_LEAVE')
    expect(docs(emu, COLLECTIONS.specials)).toEqual([])
    expect(written()).toBe(before)

    const month = await call(emu, 'checkin', 'month', { month: '2026-11' }, A)
    if (!month.result.ok) throw new Error(month.result.code)
    expect(month.roundTrips).toBe(1)
    const state = (d: string) => month.result.ok && month.result.data.days.find((x) => x.day === d)?.state
    expect([state('2026-11-23'), state('2026-11-24'), state('2026-11-25')]).toEqual([
      'leave',
      'leave',
      'missed',
    ])
    expect(month.result.data.summary).toMatchObject({ onLeave: 2, leave: 2 })

    // HR's view of the member's month shows the same
    const hrView = await ok(emu, 'admin', 'leaves', { memberId: 'm1', month: '2026-11' }, HR)
    expect(hrView.member.id).toBe('m1')
    expect(hrView.month).toEqual(month.result.data)
  })

  it('the home page learns that today is exempt, with no extra round trip', async () => {
    const before = await call(emu, 'checkin', 'me', {}, A)
    expect(before.result).toMatchObject({ ok: true, data: { todayIsWorkday: true } })
    expect(before.result.ok && before.result.data.todayLeave).toBeUndefined()
    await ok(
      emu,
      'admin',
      'recordLeave',
      { memberId: 'm1', kind: 'exempt', from: '2026-11-27', to: '2026-11-27' },
      HR,
    )
    const after = await call(emu, 'checkin', 'me', {}, A)
    expect(after.result).toMatchObject({ ok: true, data: { todayLeave: 'exempt', checkedInToday: false } })
    expect(after.roundTrips).toBe(before.roundTrips)
  })

  it('a day recorded again takes the new kind; removal gives the days back to make-up', async () => {
    await ok(
      emu,
      'admin',
      'recordLeave',
      { memberId: 'm1', kind: 'leave', from: '2026-11-23', to: '2026-11-25' },
      HR,
    )
    await ok(
      emu,
      'admin',
      'recordLeave',
      { memberId: 'm1', kind: 'trip', from: '2026-11-25', to: '2026-11-25' },
      HR,
    )
    expect(leaves().map((l) => l.kind)).toEqual(['leave', 'leave', 'trip'])
    expect(
      await ok(emu, 'admin', 'removeLeave', { memberId: 'm1', from: '2026-11-24', to: '2026-11-25' }, HR),
    ).toEqual({ removed: 2 })
    const slots = await ok(emu, 'makeup', 'slots', {}, A)
    expect(slots.slots.map((s) => s.day)).toEqual(expect.arrayContaining(['2026-11-24', '2026-11-25']))
    expect(slots.slots.map((s) => s.day)).not.toContain('2026-11-23')
    expect(docs(emu, COLLECTIONS.audit, { subject: 'leave' })).toHaveLength(3)
  })

  it.each([
    [
      'a reversed range',
      HR,
      { memberId: 'm1', kind: 'leave', from: '2026-11-25', to: '2026-11-23' },
      'LEAVE_RANGE_INVALID',
    ],
    [
      'a range over 62 days',
      HR,
      { memberId: 'm1', kind: 'exempt', from: '2026-09-01', to: '2026-11-27' },
      'LEAVE_RANGE_INVALID',
    ],
    ['an employee', A, { memberId: 'm1', kind: 'leave', from: '2026-11-23', to: '2026-11-23' }, 'FORBIDDEN'],
    [
      'HR of another company',
      HR2,
      { memberId: 'm1', kind: 'leave', from: '2026-11-23', to: '2026-11-23' },
      'MEMBER_NOT_FOUND',
    ],
    [
      'an unknown kind',
      HR,
      { memberId: 'm1', kind: 'sick', from: '2026-11-23', to: '2026-11-23' },
      'INVALID_INPUT',
    ],
    [
      'a free-text note',
      HR,
      { memberId: 'm1', kind: 'leave', from: '2026-11-23', to: '2026-11-23', note: '发烧 38.5' },
      'INVALID_INPUT',
    ],
  ])('refuses %s and writes nothing', async (_what, who, input, code) => {
    const before = written()
    expect(await codeOf(emu, 'admin', 'recordLeave', input, who)).toBe(code)
    expect(written()).toBe(before)
  })
})

describe('leave from a sheet', () => {
  it('imports a CSV row by row: good rows written, each bad row reported, nothing for them', async () => {
    const fileID = sheet(
      'leave.csv',
      Buffer.from(
        [
          '工号,类型,开始日期,结束日期',
          'M1,请假,2026-11-23,2026-11-24',
          'M2,出差,2026/11/25,2026/11/26',
          'X404,请假,2026-11-23,2026-11-23',
          'M1,病假,2026-11-25,2026-11-25',
          'M2,免打卡,2026-11-30,2026-11-20',
        ].join('\n'),
      ),
    )
    const view = await ok(emu, 'admin', 'importLeaves', { fileID }, HR)
    expect(view).toEqual({
      total: 5,
      recorded: 2,
      days: 4,
      errors: [
        { line: 4, employeeNo: 'X404', code: 'IMPORT_ROW_UNKNOWN_MEMBER', field: 'employeeNo' },
        { line: 5, employeeNo: 'M1', code: 'IMPORT_ROW_INVALID', field: 'kind' },
        { line: 6, employeeNo: 'M2', code: 'LEAVE_RANGE_INVALID', field: 'to' },
      ],
    })
    expect(leaves().map((l) => `${l.memberId} ${l.day} ${l.kind}`)).toEqual([
      'm1 2026-11-23 leave',
      'm1 2026-11-24 leave',
      'm2 2026-11-25 trip',
      'm2 2026-11-26 trip',
    ])
    expect(await codeOf(emu, 'makeup', 'submit', makeupInput('2026-11-24'), A)).toBe('DAY_ON_LEAVE')
  })

  it('imports an XLSX sheet (dates as date cells)', async () => {
    const book = new ExcelJS.Workbook()
    const ws = book.addWorksheet('请假')
    ws.addRow(['工号', '类型', '开始日期', '结束日期'])
    ws.addRow(['M2', '免打卡', new Date('2026-11-23T00:00:00Z'), new Date('2026-11-27T00:00:00Z')])
    const fileID = sheet('leave.xlsx', Buffer.from(await book.xlsx.writeBuffer()))
    expect(await ok(emu, 'admin', 'importLeaves', { fileID }, HR)).toMatchObject({
      recorded: 1,
      days: 5,
      errors: [],
    })
    expect(leaves().every((l) => l.memberId === 'm2' && l.kind === 'exempt')).toBe(true)
  })

  it('refuses a file of another company and a sheet without the columns, writing nothing', async () => {
    const before = written()
    const other = sheet(
      'x.csv',
      Buffer.from('工号,类型,开始日期,结束日期\nM1,请假,2026-11-23,2026-11-23'),
      'c2',
    )
    expect(await codeOf(emu, 'admin', 'importLeaves', { fileID: other }, HR)).toBe('FORBIDDEN')
    const bad = sheet('bad.csv', Buffer.from('工号,类型\nM1,请假'))
    expect(await codeOf(emu, 'admin', 'importLeaves', { fileID: bad }, HR)).toBe('IMPORT_FILE_INVALID')
    expect(await codeOf(emu, 'admin', 'importLeaves', { fileID: bad }, B)).toBe('FORBIDDEN')
    expect(written()).toBe(before)
  })
})

describe('reminders skip leave', () => {
  const leaveDoc = (memberId: string, day: string): LeaveDoc => ({
    _id: `${memberId}_${day}`,
    companyId: COMPANY,
    memberId,
    day,
    kind: 'leave',
    entryId: 'lv-test',
    by: 'hr1',
    at: new Date('2026-11-01T00:00:00Z'),
  })

  it('the daily check-in reminder is not sent to a member on leave that day', async () => {
    await startNotify(emu, { notices: { checkinReminderAt: '09:30' }, at: '2026-11-27T09:30:00+08:00' })
    grant(emu, A, 'm1', [T.checkin])
    grant(emu, B, 'm2', [T.checkin])
    put(emu, 'leaves', [leaveDoc('m1', '2026-11-27')])
    await tick(emu)
    const to = emu.outbox({ templateId: T.checkin }).map((m) => m.touser)
    expect(to).toContain(B)
    expect(to).not.toContain(A)
  })

  it('the cut-off reminder does not count leave days as makeable', async () => {
    await startNotify(emu, { at: '2026-12-04T02:00:00Z' })
    const [company] = docs<{ policy: object }>(emu, 'companies', { _id: COMPANY })
    put(emu, 'companies', [
      { ...company, policy: { ...company.policy, cutoffDay: 5, window: { days: 10, unit: 'working' } } },
    ])
    grant(emu, A, 'm1', [T.cutoff])
    grant(emu, B, 'm2', [T.cutoff])
    // m1 was on leave every day of November the window still covers; m2 missed them
    const days = [
      '2026-11-19',
      '2026-11-20',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-30',
    ]
    put(
      emu,
      'leaves',
      days.map((d) => leaveDoc('m1', d)),
    )
    await tick(emu)
    expect(emu.outbox({ templateId: T.cutoff }).map((m) => m.touser)).toEqual([B])
    await setNow(emu, FRIDAY_10)
  })
})
