// A one-sheet .xlsx written in parts across function calls. A streaming workbook writer (exceljs) keeps its zip
// and deflate state in memory, so it cannot be resumed by the next call: measured, 300 k rows in one call take
// 7–8 s and ~250 MB RSS, too close to the review function's 10 s / 256 MB. Here each call deflates its rows' sheet
// XML as a run of non-final deflate blocks ending on a byte boundary (Z_FULL_FLUSH), so the parts concatenate
// into one valid deflate stream; the running CRC-32 and size are kept on the export job. The last call appends the
// sheet's tail as the final block and wraps the stream and the fixed workbook files into the zip container
// (compressed bytes are copied, not recompressed). Strings are inline (no shared-string table to keep).
import { constants, deflateRawSync } from 'node:zlib'

// CRC-32 (zip's), continued from `crc`: zlib.crc32 only exists from Node 20.15 and the functions target Node 16
const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c
})

export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return ~c >>> 0
}

/** The sheet stream so far: CRC-32 and length of the uncompressed XML, length of the compressed parts. */
export interface SheetState {
  crc: number
  size: number
  compressed: number
}

export const EMPTY_SHEET: SheetState = { crc: 0, size: 0, compressed: 0 }

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'

/** Characters XML 1.0 forbids (control characters but tab and line breaks) are dropped; markup escaped. */
export function xmlText(value: string): string {
  return value
    .replace(/[\p{Cc}\ufffe\uffff]/gu, (c) => (c === '\t' || c === '\n' || c === '\r' ? c : ''))
    .replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string)
}

/** Column letters of a 0-based index (A … Z, AA …). */
export function columnName(index: number): string {
  let n = index + 1
  let name = ''
  while (n > 0) {
    const r = (n - 1) % 26
    name = String.fromCharCode(65 + r) + name
    n = Math.floor((n - 1) / 26)
  }
  return name
}

function cell(value: unknown, ref: string): string {
  if (value === undefined || value === null || value === '') return ''
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(String(value))}</t></is></c>`
}

/** The XML of rows `firstRow`, `firstRow + 1`, … (1-based, as in the sheet). */
export function sheetRows(rows: unknown[][], firstRow: number): string {
  let xml = ''
  rows.forEach((fields, i) => {
    const r = firstRow + i
    xml += `<row r="${r}">${fields.map((v, c) => cell(v, `${columnName(c)}${r}`)).join('')}</row>`
  })
  return xml
}

/** The sheet's start: column widths (Chinese text needs room), a frozen header row, then the header. */
export function sheetHead(headers: string[], widths: number[]): string {
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
  return (
    `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" ' +
    'state="frozen"/></sheetView></sheetViews>' +
    `<cols>${cols.join('')}</cols><sheetData>${sheetRows([headers], 1)}`
  )
}

const SHEET_TAIL = '</sheetData></worksheet>'

/** Deflates one part of the sheet XML so that it concatenates with the parts before and after it. */
export function deflatePart(xml: string, state: SheetState): { bytes: Buffer; state: SheetState } {
  const raw = Buffer.from(xml, 'utf8')
  const bytes = deflateRawSync(raw, { finishFlush: constants.Z_FULL_FLUSH })
  return {
    bytes,
    state: {
      crc: crc32(raw, state.crc),
      size: state.size + raw.length,
      compressed: state.compressed + bytes.length,
    },
  }
}

interface Entry {
  name: string
  crc: number
  size: number
  data: Buffer[]
}

function fixedEntry(name: string, text: string): Entry {
  const raw = Buffer.from(text, 'utf8')
  return { name, crc: crc32(raw), size: raw.length, data: [deflateRawSync(raw)] }
}

function workbookFiles(sheetName: string): Entry[] {
  const sheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml'
  return [
    fixedEntry(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${sheetType}.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${sheetType}.worksheet+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${sheetType}.styles+xml"/></Types>`,
    ),
    fixedEntry(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" ` +
        `Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    fixedEntry(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>` +
        `<sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    fixedEntry(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ),
    fixedEntry(
      'xl/styles.xml',
      `${XML_HEAD}<styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="11"/><name val="等线"/></font>` +
        '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>' +
        '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders>' +
        '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf xfId="0"/></cellXfs></styleSheet>',
    ),
  ]
}

/** The finished .xlsx: the fixed workbook files and the sheet from its deflated parts plus the tail. */
export function xlsxFile(sheetName: string, parts: Buffer[], state: SheetState): Buffer {
  const tail = Buffer.from(SHEET_TAIL, 'utf8')
  const sheet: Entry = {
    name: 'xl/worksheets/sheet1.xml',
    crc: crc32(tail, state.crc),
    size: state.size + tail.length,
    data: [...parts, deflateRawSync(tail)],
  }
  return zip([...workbookFiles(sheetName), sheet])
}

// zip container (APPNOTE 6.3): deflated entries, UTF-8 names (flag bit 11), sizes below 4 GB (no zip64)
const DOS_TIME = 0
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1

function zip(entries: Entry[]): Buffer {
  const chunks: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const compressed = e.data.reduce((n, b) => n + b.length, 0)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    writeCommon(local, 4, e, compressed, name.length)
    chunks.push(local, name, ...e.data)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0)
    dir.writeUInt16LE(20, 4) // version made by
    writeCommon(dir, 6, e, compressed, name.length)
    dir.writeUInt32LE(offset, 42)
    central.push(dir, name)
    offset += local.length + name.length + compressed
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dirSize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...chunks, ...central, end])
}

/** The fields local and central headers share, from "version needed" to the extra field's length. */
function writeCommon(b: Buffer, at: number, e: Entry, compressed: number, nameLength: number): void {
  b.writeUInt16LE(20, at) // version needed: deflate
  b.writeUInt16LE(0x0800, at + 2) // UTF-8 names
  b.writeUInt16LE(8, at + 4) // deflate
  b.writeUInt16LE(DOS_TIME, at + 6)
  b.writeUInt16LE(DOS_DATE, at + 8)
  b.writeUInt32LE(e.crc >>> 0, at + 10)
  b.writeUInt32LE(compressed, at + 14)
  b.writeUInt32LE(e.size, at + 18)
  b.writeUInt16LE(nameLength, at + 22)
}
