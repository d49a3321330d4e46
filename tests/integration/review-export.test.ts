// CSV exports through the function: a range bigger than one part runs over several calls (progress in between),
// the finished file is one CSV in cloud storage with the header once and every row of the range exactly once.
import type { ExportJobView } from '@core/review'
import { addDays } from '@core/calendar'
import type { CheckinDoc } from '@core/makeup'
import { FRIDAY_10, codeOf, ok, report, setNow } from './harness'
import { useEmulator } from './fixture'
import { HR, HR2, checkinDoc, loadReviewFixture } from './review-fixture'

jest.setTimeout(180_000)

// the fixture's members plus ten the roster no longer has (their rows keep empty name columns)
const MEMBERS = ['m1', 'm2', 'm3', 'r1', 'r2', 'o1', 'h1', ...Array.from({ length: 10 }, (_, i) => `x${i}`)]
/** 17 members × 400 days up to 2026-11-20: ~6 100 of them in the exported year, more than one part (5 000 rows) */
function manyCheckins(): CheckinDoc[] {
  const out: CheckinDoc[] = []
  // the region names the member, so every CSV line can be told apart
  for (let d = 0; d < 400; d++)
    for (const m of MEMBERS) {
      const c = checkinDoc(m, addDays('2025-10-17', d))
      out.push({ ...c, report: { ...c.report, region: m } })
    }
  return out
}

function csvOf(view: ExportJobView): string {
  const path = emu.files.pathOf(view.fileID!)!
  return emu.files.get(path)!.bytes.toString('utf8')
}

// one data set for every test: the exports only read it
const emu = useEmulator({
  ready: async (emu) => {
    const checkins = manyCheckins()
    checkins.push({
      ...checkinDoc('m1', '2026-11-27'),
      report: { ...report, note: 'x' },
      _id: 'm1_2026-11-27',
    })
    const pending = [{ memberId: 'm2', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z' }]
    loadReviewFixture(emu, pending, [], checkins)
    await setNow(emu, FRIDAY_10)
  },
})

it('exports check-ins of a year in parts, with progress, into one CSV with every row once', async () => {
  let view = await ok(emu, 'review', 'export', { kind: 'checkins', from: '2025-11-28', to: '2026-11-27' }, HR)
  // the fixture's days from 2025-11-28, and the extra record of 2026-11-27
  const expected = manyCheckins().filter((c) => c.day >= '2025-11-28').length + 1
  expect(view.total).toBe(expected)
  expect(view).toMatchObject({ status: 'running', rows: 5000 })
  const seen = [view.rows]
  while (view.status === 'running') {
    view = await ok(emu, 'review', 'exportContinue', { jobId: view.jobId }, HR)
    seen.push(view.rows)
  }
  expect(seen).toEqual([5000, expected])
  expect(view.url).toMatch(/^http/)
  const lines = csvOf(view).split('\r\n').filter(Boolean)
  expect(lines[0]).toBe('\uFEFF工号,姓名,部门,日期,来源,健康状况,体温,地区,健康码,记录时间')
  expect(lines).toHaveLength(expected + 1)
  const keys = lines.slice(1).map((l) => `${l.split(',')[7]}_${l.split(',')[3]}`)
  expect(new Set(keys).size).toBe(expected)
  expect(lines[1]).toBe('H1,陈思,人力资源部,2025-11-28,按时打卡,健康,36.6,h1,绿码,2025-11-28 08:30:00')
  expect(lines).toContain(',,,2026-11-20,按时打卡,健康,36.6,x3,绿码,2026-11-20 08:30:00')
})

it('exports make-ups and the audit log of a month in one call', async () => {
  const makeups = await ok(
    emu,
    'review',
    'export',
    { kind: 'makeups', from: '2026-11-01', to: '2026-11-30' },
    HR,
  )
  expect(makeups).toMatchObject({ status: 'done', rows: 1, total: 1 })
  expect(csvOf(makeups).split('\r\n')[1]).toMatch(
    /^M2,员工m2,研发部,2026-11-24,待审核,其他,当天忘记打卡,36.6,北京,绿码,0,/,
  )
  const audit = await ok(emu, 'review', 'export', { kind: 'audit', from: '2026-11-01', to: '2026-11-30' }, HR)
  // the submit entry of the fixture and the three exports started in this file so far
  expect(audit.rows).toBe(4)
  expect(csvOf(audit)).toContain('makeup,m2_2026-11-24,M2,员工m2,submit,,pending,员工m2,当天忘记打卡')
})

it('refuses a reversed or overlong range, and another company’s job', async () => {
  expect(
    await codeOf(emu, 'review', 'export', { kind: 'audit', from: '2026-11-02', to: '2026-11-01' }, HR),
  ).toBe('INVALID_INPUT')
  expect(
    await codeOf(emu, 'review', 'export', { kind: 'audit', from: '2024-01-01', to: '2026-11-01' }, HR),
  ).toBe('INVALID_INPUT')
  const view = await ok(
    emu,
    'review',
    'export',
    { kind: 'makeups', from: '2026-11-01', to: '2026-11-30' },
    HR,
  )
  expect(await codeOf(emu, 'review', 'exportContinue', { jobId: view.jobId }, HR2)).toBe('EXPORT_NOT_FOUND')
})
