// An uploaded member sheet → rows of strings: XLSX (first sheet, via SheetJS) or CSV (UTF-8, or GB18030 as
// Excel on Chinese Windows saves it). Only in the function: the mini program never bundles a spreadsheet parser.
import * as XLSX from 'xlsx'
import { parseCsv, type CsvRecord } from '../../../core/admin-csv'
import { DomainError } from '../../../core/errors'

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

export function readSheet(bytes: Uint8Array): CsvRecord[] {
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

function readXlsx(bytes: Uint8Array): CsvRecord[] {
  let book: XLSX.WorkBook
  try {
    book = XLSX.read(bytes, { type: 'array', cellDates: true })
  } catch {
    throw new DomainError('IMPORT_FILE_INVALID', 'unreadable xlsx')
  }
  const sheet = book.Sheets[book.SheetNames[0]]
  if (!sheet) throw new DomainError('IMPORT_FILE_INVALID', 'no sheet')
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, {
    header: 1,
    raw: false,
    defval: '',
    dateNF: 'yyyy-mm-dd',
  })
  // a spreadsheet pads every row to the sheet's width: trailing empty cells are not a column-count mismatch
  const width = (rows[0] ?? []).length
  return rows.map((r) => ({
    cells: r.slice(0, Math.max(width, lastFilled(r) + 1)).map((c) => String(c ?? '')),
    malformed: false,
  }))
}

function lastFilled(r: unknown[]): number {
  for (let i = r.length - 1; i >= 0; i--) if (String(r[i] ?? '').trim() !== '') return i
  return -1
}
