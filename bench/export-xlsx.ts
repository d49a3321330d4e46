// One-off measurement of a 300 k-row XLSX export's work per function call (run: npx tsx bench/export-xlsx.ts).
// Each phase runs in a fresh process so its peak RSS is its own: one part call (5 000 rows → deflated sheet XML),
// the finishing call (joins 60 parts into the .xlsx), and for comparison exceljs's streaming WorkbookWriter
// writing all rows in one call (what a non-resumable writer would need). Database reads are not included: the
// part size bounds them the same way for CSV and XLSX.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { checkinRow, COLUMN_WIDTHS, HEADERS, SHEET_NAMES } from '@core/review'
import type { CheckinDoc } from '@core/makeup'
import { deflatePart, EMPTY_SHEET, sheetHead, sheetRows, xlsxFile, type SheetState } from '@server/xlsx'

const ROWS = 300_000
const PART = 5_000
const dir = path.join(os.tmpdir(), 'bench-export-xlsx')

function rowsOf(from: number, n: number): unknown[][] {
  const who = (id: string) => ({ employeeNo: id.toUpperCase(), name: `员工${id}`, dept: '研发部' })
  return Array.from({ length: n }, (_, i) => {
    const k = from + i
    const doc: CheckinDoc = {
      _id: `m${k % 10_000}_2026-11-${String((k % 28) + 1).padStart(2, '0')}`,
      companyId: 'c1',
      memberId: `m${k % 10_000}`,
      day: `2026-11-${String((k % 28) + 1).padStart(2, '0')}`,
      report: { status: 'well', temperature: 36 + (k % 10) / 10, region: '北京', healthCode: 'green' },
      source: 'daily',
      at: new Date(Date.UTC(2026, 10, (k % 28) + 1, 0, 30)),
    }
    return checkinRow(doc, who)
  })
}

const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024)

/** Writes every part (as the part calls would, into "storage"), timing the slowest one. */
function parts(): void {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  let state: SheetState = EMPTY_SHEET
  let slowest = 0
  for (let at = 0, n = 1; at < ROWS; at += PART, n++) {
    const t0 = performance.now()
    const head = at === 0 ? sheetHead(HEADERS.checkins, COLUMN_WIDTHS.checkins) : ''
    const out = deflatePart(head + sheetRows(rowsOf(at, PART), at + 2), state)
    state = out.state
    fs.writeFileSync(path.join(dir, `part-${String(n).padStart(4, '0')}`), out.bytes)
    slowest = Math.max(slowest, performance.now() - t0)
  }
  fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify(state))
  report(`all ${ROWS / PART} part calls in one process; slowest part`, slowest)
}

function finish(): void {
  const t0 = performance.now()
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('part-'))
    .sort()
  const chunks = names.map((f) => fs.readFileSync(path.join(dir, f)))
  const state = JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')) as SheetState
  const file = xlsxFile(SHEET_NAMES.checkins, chunks, state)
  fs.writeFileSync(path.join(dir, 'export.xlsx'), file)
  report(
    `finishing call (${names.length} parts → ${(file.length / 1e6).toFixed(1)} MB)`,
    performance.now() - t0,
  )
}

/** One part call alone (the 31st part), for its own peak RSS. */
function onePart(): void {
  const t0 = performance.now()
  const out = deflatePart(sheetRows(rowsOf(30 * PART, PART), 30 * PART + 2), EMPTY_SHEET)
  fs.writeFileSync(path.join(dir, 'one-part'), out.bytes)
  report('one part call alone (5 000 rows)', performance.now() - t0)
}

async function exceljsOneCall(): Promise<void> {
  const t0 = performance.now()
  const out = new PassThrough()
  let bytes = 0
  out.on('data', (c: Buffer) => (bytes += c.length))
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  })
  const ws = wb.addWorksheet(SHEET_NAMES.checkins)
  ws.addRow(HEADERS.checkins).commit()
  for (let at = 0; at < ROWS; at += PART) for (const r of rowsOf(at, PART)) ws.addRow(r).commit()
  ws.commit()
  await wb.commit()
  report(
    `exceljs WorkbookWriter, all rows in one call (${(bytes / 1e6).toFixed(1)} MB)`,
    performance.now() - t0,
  )
}

async function verify(): Promise<void> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path.join(dir, 'export.xlsx'))
  const sheet = wb.worksheets[0]
  console.log(`check: exceljs reads ${sheet.rowCount - 1} data rows; B2 = ${sheet.getCell('B2').value}`)
}

function report(what: string, ms: number): void {
  console.log(`${what}: ${(ms / 1000).toFixed(2)} s, peak RSS ${peakMb()} MB`)
}

const phase = process.argv[2]
if (phase === 'parts') parts()
else if (phase === 'part') onePart()
else if (phase === 'finish') finish()
else if (phase === 'exceljs') void exceljsOneCall()
else if (phase === 'verify') void verify()
else {
  // the baseline: a process that only loads the same modules
  console.log(`baseline process: peak RSS ${peakMb()} MB`)
  for (const p of ['parts', 'part', 'finish', 'exceljs', 'verify'])
    execFileSync(process.execPath, [...process.execArgv, __filename, p], { stdio: 'inherit' })
}
