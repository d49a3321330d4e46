// The monthly report through the emulator: HR's page (department filter, paging), its CSV and XLSX export and the
// employee's own calendar give the same numbers for the same member and month; the files hold counts only.
import ExcelJS from 'exceljs'
import type { MonthSummary } from '@core/checkin'
import type { LeaveDoc } from '@core/leave'
import type { CheckinDoc, MemberDoc } from '@core/makeup'
import type { ExportJobView, MonthlyReportPage, MonthlyReportRow } from '@core/review'
import { A, B, COMPANY, FRIDAY_10, call, codeOf, docs, member, ok } from './harness'
import { useEmulator } from './fixture'
import { HR, REV_DEV, checkinDoc, loadReviewFixture } from './review-fixture'
import { put } from './notify-fixture'

jest.setTimeout(300_000)

const leave = (memberId: string, day: string, kind: LeaveDoc['kind']): LeaveDoc => ({
  _id: `${memberId}_${day}`,
  companyId: COMPANY,
  memberId,
  day,
  kind,
  entryId: 'lv1',
  by: 'h1',
  at: new Date('2026-11-01T02:00:00Z'),
})

/** 60 more members of 市场部 for paging, each checked in on a different number of days */
const crowd: MemberDoc[] = Array.from({ length: 60 }, (_, i) =>
  member(`x${String(i).padStart(2, '0')}`, COMPANY, { name: `员工${i}`, dept: '市场部' }),
)

const emu = useEmulator({
  functions: ['review', 'checkin'],
  data: () => {
    // m1: checked in on the 2nd–6th, a make-up of the 9th, a pending request for the 10th, on leave 11th–13th
    loadReviewFixture(
      emu,
      [{ memberId: 'm1', day: '2026-11-10', submittedAt: '2026-11-11T01:00:00Z' }],
      [],
      [
        ...['02', '03', '04', '05', '06'].map((d) => checkinDoc('m1', `2026-11-${d}`)),
        { ...checkinDoc('m1', '2026-11-09'), source: 'makeup' } satisfies CheckinDoc,
        ...['02', '03'].map((d) => checkinDoc('m2', `2026-11-${d}`)),
        ...crowd.flatMap((m, i) =>
          ['02', '03', '04', '05', '06'].slice(0, i % 6).map((d) => checkinDoc(m._id, `2026-11-${d}`)),
        ),
      ],
    )
    put(emu, 'members', crowd)
    put(emu, 'leaves', [
      leave('m1', '2026-11-11', 'leave'),
      leave('m1', '2026-11-12', 'trip'),
      leave('m1', '2026-11-13', 'exempt'),
      leave('m2', '2026-11-16', 'trip'),
    ])
  },
  at: FRIDAY_10,
})

async function allRows(dept?: string): Promise<MonthlyReportRow[]> {
  const rows: MonthlyReportRow[] = []
  let offset: number | null = 0
  while (offset !== null) {
    const page: MonthlyReportPage = await ok(
      emu,
      'review',
      'monthly',
      { month: '2026-11', offset, ...(dept ? { dept } : {}) },
      HR,
    )
    rows.push(...page.items)
    offset = page.next
  }
  return rows
}

async function exportMonthly(format: 'csv' | 'xlsx', dept?: string): Promise<ExportJobView> {
  let view = await ok(
    emu,
    'review',
    'export',
    { kind: 'monthly', from: '2026-11-01', to: '2026-11-30', format, ...(dept ? { dept } : {}) },
    HR,
  )
  while (view.status === 'running')
    view = await ok(emu, 'review', 'exportContinue', { jobId: view.jobId }, HR)
  return view
}

const fileBytes = (view: ExportJobView) => emu.files.get(emu.files.pathOf(view.fileID!)!)!.bytes
const NUMBERS: (keyof MonthSummary)[] = [
  'checked',
  'madeUp',
  'missed',
  'onLeave',
  'leave',
  'trip',
  'exempt',
  'pending',
  'makeupsUsed',
]
/** a summary as the export's columns 5–13 hold it */
const asColumns = (s: MonthSummary) => NUMBERS.map((k) => String(s[k]))

describe('monthly report', () => {
  it('the employee calendar, the HR row and both export rows agree for the same member and month', async () => {
    const mine = await ok(emu, 'checkin', 'month', { month: '2026-11' }, A)
    // 20 working days 2–27 Nov: 5 checked, 1 made up, 1 pending, 3 away, today open, 9 missed
    expect(mine.summary).toEqual({
      month: '2026-11',
      checked: 5,
      madeUp: 1,
      missed: 9,
      onLeave: 3,
      leave: 1,
      trip: 1,
      exempt: 1,
      pending: 1,
      open: 1,
      makeupsUsed: 2,
    })
    const rows = await allRows()
    // every active member of the company once (7 of the fixture + 60), none of the other company
    expect(rows).toHaveLength(67)
    expect(new Set(rows.map((r) => r.member.id)).size).toBe(67)
    expect(rows.find((r) => r.member.id === 'm1')?.summary).toEqual(mine.summary)
    const theirs = await ok(emu, 'checkin', 'month', { month: '2026-11' }, B)
    expect(rows.find((r) => r.member.id === 'm2')?.summary).toEqual(theirs.summary)

    const csv = await exportMonthly('csv')
    expect(csv).toMatchObject({ kind: 'monthly', status: 'done', rows: 67, total: 67 })
    const lines = Buffer.from(fileBytes(csv))
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      '工号,姓名,部门,月份,已打卡,已补卡,漏打卡,请假/出差/免打卡,请假,出差,免打卡,审核中,补卡次数',
    )
    expect(lines).toHaveLength(68)
    const m1Line = lines.find((l) => l.startsWith('M1,'))!.split(',')
    expect(m1Line.slice(0, 4)).toEqual(['M1', '员工m1', '研发部', '2026-11'])
    expect(m1Line.slice(4)).toEqual(asColumns(mine.summary))
    // counts only: nothing of a health report (temperature, region, colour, status words)
    expect(lines.join('\n')).not.toMatch(/36\.|绿码|黄码|红码|北京|健康|不适/)

    const xlsx = await exportMonthly('xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(fileBytes(xlsx) as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    expect(sheet.name).toBe('月度报表')
    expect(sheet.rowCount).toBe(68)
    let m1Row: string[] = []
    sheet.eachRow((row) => {
      const cells = (row.values as unknown[]).slice(1).map(String)
      if (cells[0] === 'M1') m1Row = cells
    })
    expect(m1Row.slice(4)).toEqual(asColumns(mine.summary))
  })

  it('filters by department and pages 50 at a time, each member once', async () => {
    const first = await ok(emu, 'review', 'monthly', { month: '2026-11', dept: '市场部' }, HR)
    expect(first.items).toHaveLength(50)
    expect(first.next).toBe(50)
    const rows = await allRows('市场部')
    expect(rows).toHaveLength(61) // the 60 and the reviewer r2
    expect(rows.every((r) => r.member.dept === '市场部')).toBe(true)
    expect(new Set(rows.map((r) => r.member.id)).size).toBe(61)
    const x05 = rows.find((r) => r.member.id === 'x05')!
    expect(x05.summary).toMatchObject({ checked: 5, missed: 14, open: 1 })
    const csv = await exportMonthly('csv', '市场部')
    expect(csv).toMatchObject({ rows: 61, total: 61 })
  })

  it("a request's detail shows HR the member's month with the leave days and the same numbers", async () => {
    const mine = await ok(emu, 'checkin', 'month', { month: '2026-11' }, A)
    const detail = await call(emu, 'review', 'detail', { id: 'm1_2026-11-10' }, HR)
    if (!detail.result.ok) throw new Error(detail.result.code)
    // reviewer + request, what it shows (leave joined in the same aggregation), access log; no files: no storage
    expect(detail.roundTrips).toBe(3)
    expect(
      detail.result.data.month.days.filter((d) => d.day >= '2026-11-11' && d.day <= '2026-11-13'),
    ).toEqual([
      { day: '2026-11-11', state: 'leave' },
      { day: '2026-11-12', state: 'trip' },
      { day: '2026-11-13', state: 'exempt' },
    ])
    expect(detail.result.data.month.summary).toEqual(mine.summary)
  })

  it('counts two round trips for a page: the reviewer, then one aggregation', async () => {
    const page = await call(emu, 'review', 'monthly', { month: '2026-11' }, HR)
    expect(page.result.ok).toBe(true)
    expect(page.roundTrips).toBe(2)
  })

  it('refuses reviewers and employees, a part of a month and a department on other exports, writing nothing', async () => {
    const exportsBefore = docs(emu, 'exports').length
    expect(await codeOf(emu, 'review', 'monthly', { month: '2026-11' }, A)).toBe('FORBIDDEN')
    expect(await codeOf(emu, 'review', 'monthly', { month: '2026-11' }, REV_DEV)).toBe('FORBIDDEN')
    expect(await codeOf(emu, 'review', 'monthly', { month: '2026-13' }, HR)).toBe('INVALID_INPUT')
    expect(
      await codeOf(emu, 'review', 'export', { kind: 'monthly', from: '2026-11-02', to: '2026-11-30' }, HR),
    ).toBe('INVALID_INPUT')
    expect(
      await codeOf(
        emu,
        'review',
        'export',
        { kind: 'checkins', from: '2026-11-01', to: '2026-11-30', dept: '研发部' },
        HR,
      ),
    ).toBe('INVALID_INPUT')
    expect(
      await codeOf(emu, 'review', 'export', { kind: 'monthly', from: '2026-11-01', to: '2026-11-30' }, A),
    ).toBe('FORBIDDEN')
    expect(docs(emu, 'exports')).toHaveLength(exportsBefore)
  })
})
