// The part-wise .xlsx writer: parts deflated in separate calls join into one workbook that a spreadsheet library
// (exceljs, the one the admin import reads with) opens with every row, typed cell and Chinese text intact.
import ExcelJS from 'exceljs'
import { inflateRawSync } from 'node:zlib'
import {
  EMPTY_SHEET,
  columnName,
  crc32,
  deflatePart,
  sheetHead,
  sheetRows,
  xlsxFile,
  xmlText,
} from '@server/xlsx'

async function read(file: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(file as unknown as ArrayBuffer)
  return wb.worksheets[0]
}

/** Writes `rows` under `headers` in parts of `per` rows, as successive export calls would. */
function write(headers: string[], rows: unknown[][], per: number): Buffer {
  let state = EMPTY_SHEET
  const parts: Buffer[] = []
  for (let i = 0; i === 0 || i < rows.length; i += per) {
    const xml =
      (i === 0
        ? sheetHead(
            headers,
            headers.map(() => 12),
          )
        : '') + sheetRows(rows.slice(i, i + per), i + 2)
    const out = deflatePart(xml, state)
    parts.push(out.bytes)
    state = out.state
  }
  return xlsxFile('打卡记录', parts, state)
}

describe('xlsx writer', () => {
  it('joins parts into one sheet: headers, strings, numbers, empty cells, escaped markup', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => [
      `E${i}`,
      `员工<${i}>&"`,
      36 + (i % 10) / 10,
      i % 3 ? '北京' : null,
    ])
    const sheet = await read(write(['工号', '姓名', '体温', '地区'], rows, 60))
    expect(sheet.name).toBe('打卡记录')
    expect(sheet.rowCount).toBe(251)
    expect(sheet.getRow(1).values).toEqual([undefined, '工号', '姓名', '体温', '地区'])
    expect(sheet.getRow(2).values).toEqual([undefined, 'E0', '员工<0>&"', 36, undefined])
    expect(sheet.getCell('C13').value).toBe(36.1)
    expect(sheet.getCell('D250').value).toBe('北京')
    expect(sheet.getCell('D251').value).toBeNull()
  })

  it('an empty export is a sheet with only its header row', async () => {
    const sheet = await read(write(['工号'], [], 10))
    expect(sheet.rowCount).toBe(1)
    expect(sheet.getCell('A1').value).toBe('工号')
  })

  it('each part is a flushed run of deflate blocks: the parts alone inflate to their XML', () => {
    const a = deflatePart('<a>甲</a>', EMPTY_SHEET)
    const b = deflatePart('<b>乙</b>', a.state)
    expect(inflateRawSync(Buffer.concat([a.bytes, b.bytes]), { finishFlush: 2 }).toString()).toBe(
      '<a>甲</a><b>乙</b>',
    )
    expect(b.state.size).toBe(Buffer.byteLength('<a>甲</a><b>乙</b>'))
  })

  it('computes zip’s CRC-32, continued across parts', () => {
    const all = Buffer.from('123456789')
    expect(crc32(all)).toBe(0xcbf43926)
    expect(crc32(all.subarray(4), crc32(all.subarray(0, 4)))).toBe(0xcbf43926)
  })

  it('names columns and drops characters XML cannot hold', () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA'])
    expect(xmlText('a\u0001b<c')).toBe('ab&lt;c')
  })
})
