// XLSX exports through the function: written in parts over several calls like the CSV (progress in between), the
// finished file in cloud storage opens in a spreadsheet library with the Chinese header once and every row once.
import ExcelJS from 'exceljs'
import type { ExportJobView } from '@core/review'
import { addDays } from '@core/calendar'
import type { CheckinDoc } from '@core/makeup'
import { FRIDAY_10, ok, setNow } from './harness'
import { useEmulator } from './fixture'
import { HR, checkinDoc, loadReviewFixture } from './review-fixture'

jest.setTimeout(180_000)

const MEMBERS = ['m1', 'm2', 'r1', 'h1', ...Array.from({ length: 14 }, (_, i) => `x${i}`)]
/** 18 members × 330 days: 5 940 rows, more than one part (5 000 rows); the region names the member */
function manyCheckins(): CheckinDoc[] {
  return Array.from({ length: 330 }, (_, d) => addDays('2025-12-27', d)).flatMap((day) =>
    MEMBERS.map((m) => {
      const c = checkinDoc(m, day)
      return { ...c, report: { ...c.report, region: m, temperature: 36 + (d(day) % 10) / 10 } }
    }),
  )
}
const d = (day: string) => Number(day.slice(8))

async function sheetOf(view: ExportJobView): Promise<ExcelJS.Worksheet> {
  const file = emu.files.get(emu.files.pathOf(view.fileID!)!)!.bytes
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(file as unknown as ArrayBuffer)
  return wb.worksheets[0]
}

// one data set for every test: the exports only read it
const emu = useEmulator({
  functions: ['review'],
  ready: async (emu) => {
    const pending = [{ memberId: 'm2', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z' }]
    loadReviewFixture(emu, pending, [], manyCheckins())
    await setNow(emu, FRIDAY_10)
  },
})

it('exports check-ins in parts, with progress, into one workbook with every row once', async () => {
  let view = await ok(
    emu,
    'review',
    'export',
    { kind: 'checkins', from: '2025-12-27', to: '2026-11-27', format: 'xlsx' },
    HR,
  )
  const expected = manyCheckins().length
  expect(view).toMatchObject({ format: 'xlsx', status: 'running', rows: 5000, total: expected })
  while (view.status === 'running')
    view = await ok(emu, 'review', 'exportContinue', { jobId: view.jobId }, HR)
  expect(view).toMatchObject({ status: 'done', rows: expected })
  expect(view.url).toMatch(/^http/)
  expect(emu.files.pathOf(view.fileID!)).toMatch(/checkins-2025-12-27-2026-11-27\.xlsx$/)

  const sheet = await sheetOf(view)
  expect(sheet.name).toBe('打卡记录')
  expect(sheet.rowCount).toBe(expected + 1)
  expect(sheet.getRow(1).values).toEqual([
    undefined,
    ...['工号', '姓名', '部门', '日期', '来源', '健康状况', '体温', '地区', '健康码', '记录时间'],
  ])
  // sorted by day, then _id: the first row is h1's first day; temperatures stay numbers
  expect(sheet.getRow(2).values).toEqual([
    undefined,
    'H1',
    '陈思',
    '人力资源部',
    '2025-12-27',
    '按时打卡',
    '健康',
    36.7,
    'h1',
    '绿码',
    '2025-12-27 08:30:00',
  ])
  // members the roster no longer has keep empty name columns
  const last = sheet.getRow(expected + 1)
  expect([last.getCell(1).value, last.getCell(4).value, last.getCell(8).value]).toEqual([
    null,
    '2026-11-21',
    'x9',
  ])
  const keys = new Set<string>()
  sheet.eachRow((row, n) => {
    if (n > 1) keys.add(`${row.getCell(8).value}_${row.getCell(4).value}`)
  })
  expect(keys.size).toBe(expected)
})

it('exports a month of make-ups in one call; CSV stays the default format', async () => {
  const view = await ok(
    emu,
    'review',
    'export',
    { kind: 'makeups', from: '2026-11-01', to: '2026-11-30', format: 'xlsx' },
    HR,
  )
  expect(view).toMatchObject({ format: 'xlsx', status: 'done', rows: 1 })
  const sheet = await sheetOf(view)
  expect(sheet.name).toBe('补卡申请')
  expect(sheet.rowCount).toBe(2)
  expect(sheet.getCell('A1').value).toBe('工号')
  expect(sheet.getCell('O1').value).toBe('处理意见')
  expect(['A2', 'E2', 'F2', 'K2'].map((c) => sheet.getCell(c).value)).toEqual(['M2', '待审核', '其他', 0])
  const csv = await ok(emu, 'review', 'export', { kind: 'makeups', from: '2026-11-01', to: '2026-11-30' }, HR)
  expect(csv.format).toBe('csv')
  expect(emu.files.pathOf(csv.fileID!)).toMatch(/\.csv$/)
})
