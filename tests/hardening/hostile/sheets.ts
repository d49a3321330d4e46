// Member sheets an HR admin could upload for import, made to hurt the parser: bytes that are no text, a zip that
// is no workbook, NUL bytes, an unclosed quote, 200 000 blank lines, 10 000 columns, and a workbook whose one
// stray cell sits on row 1 000 000. Each must end as a job with row errors or IMPORT_FILE_INVALID, never a crash.
import ExcelJS from 'exceljs'

const HEADER = '工号,姓名,部门,地区\n'

/** A deterministic byte soup (no UTF-8 text, no zip). */
function noise(n: number): Buffer {
  const out = Buffer.alloc(n)
  let x = 2463534242
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

async function farRowWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('成员')
  sheet.addRow(['工号', '姓名', '部门', '地区'])
  sheet.getCell('A1000000').value = 'E1'
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** name → bytes; uploaded under companies/<company>/admin/ */
export async function hostileSheets(): Promise<Record<string, Buffer>> {
  return {
    'noise.csv': noise(64 * 1024),
    'not-a-workbook.xlsx': Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise(4096)]),
    'nul.csv': Buffer.from(`${HEADER}E1\u0000,张\u0000三,研发部,北京\n`),
    'unclosed-quote.csv': Buffer.from(`${HEADER}"E1,张三,研发部,北京\nE2,李四,研发部,北京\n`),
    'blank-lines.csv': Buffer.from(HEADER + '\n'.repeat(200_000)),
    'wide.csv': Buffer.from(HEADER + Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',') + '\n'),
    'formula.csv': Buffer.from(`${HEADER}=HYPERLINK("http://x"),@SUM(A1),+1,-1\n`),
    'far-row.xlsx': await farRowWorkbook(),
  }
}
