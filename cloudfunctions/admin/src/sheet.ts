// An uploaded member sheet → rows of strings: XLSX (first sheet, via exceljs) or CSV (UTF-8, or GB18030 as
// Excel on Chinese Windows saves it). Only in the function: the mini program never bundles a spreadsheet parser.
import ExcelJS from 'exceljs'
import { parseCsv, type CsvRecord } from '@core/admin'
import { DomainError } from '@core/shared'

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

export async function readSheet(bytes: Uint8Array): Promise<CsvRecord[]> {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return readXlsx(bytes)
  return parseCsv(decodeText(bytes))
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

async function readXlsx(bytes: Uint8Array): Promise<CsvRecord[]> {
  const book = new ExcelJS.Workbook()
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  } catch {
    throw new DomainError('IMPORT_FILE_INVALID', 'unreadable xlsx')
  }
  const sheet = book.worksheets[0]
  if (!sheet) throw new DomainError('IMPORT_FILE_INVALID', 'no sheet')
  // by row number, blank rows included: refused rows are reported by their line in the file
  const rows: string[][] = Array.from({ length: sheet.rowCount }, () => [])
  sheet.eachRow((row, n) => {
    const values = row.values as unknown[] // 1-based: values[0] is empty
    rows[n - 1] = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]))
  })
  // a spreadsheet pads every row to the sheet's width: trailing empty cells are not a column-count mismatch
  const width = (rows[0] ?? []).length
  return rows.map((r) => ({
    cells: Array.from({ length: Math.max(width, lastFilled(r) + 1) }, (_, i) => r[i] ?? ''),
    malformed: false,
  }))
}

/** A cell as the text a person sees: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  // dates come back at UTC midnight of the day the sheet shows
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if (typeof value !== 'object') return String(value)
  const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string }
  if (v.richText) return v.richText.map((t) => t.text).join('')
  if ('result' in v) return cellText(v.result)
  if (v.text !== undefined) return cellText(v.text)
  return ''
}

function lastFilled(r: unknown[]): number {
  for (let i = r.length - 1; i >= 0; i--) if (String(r[i] ?? '').trim() !== '') return i
  return -1
}
