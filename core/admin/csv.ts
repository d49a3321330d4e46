// RFC 4180 CSV, as Excel and WPS export it: quoted fields may hold commas, quotes ("") and line breaks. Records
// that cannot be read (an unclosed quote, text after a closing quote) are marked malformed instead of guessed at.
// Hand-written because papaparse's Node build requires 'stream', which a deployable function must not.

export interface CsvRecord {
  cells: string[]
  malformed: boolean
}

export function parseCsv(text: string): CsvRecord[] {
  const src = text.replace(/^\uFEFF/, '')
  const out: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let malformed = false
  let i = 0
  const endCell = () => {
    cells.push(cell)
    cell = ''
  }
  const endRecord = () => {
    endCell()
    out.push({ cells, malformed })
    cells = []
    malformed = false
  }
  while (i < src.length) {
    const ch = src[i]
    if (ch === '"' && cell === '') {
      // quoted field: up to the closing quote; "" is a literal quote
      let j = i + 1
      let closed = false
      while (j < src.length) {
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            cell += '"'
            j += 2
            continue
          }
          closed = true
          j++
          break
        }
        cell += src[j++]
      }
      if (!closed) malformed = true
      // anything between the closing quote and the next separator is junk
      while (j < src.length && src[j] !== ',' && src[j] !== '\n' && src[j] !== '\r') {
        malformed = true
        cell += src[j++]
      }
      i = j
      continue
    }
    if (ch === ',') endCell()
    else if (ch === '\n' || ch === '\r') {
      endRecord()
      if (ch === '\r' && src[i + 1] === '\n') i++
    } else {
      if (ch === '"') malformed = true // a quote inside an unquoted field
      cell += ch
    }
    i++
  }
  if (cell !== '' || cells.length > 0) endRecord()
  return out
}
