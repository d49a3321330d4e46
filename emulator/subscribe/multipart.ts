/** One part of a multipart/form-data body, bytes untouched (openapi's requestData is binary protobuf). */
export interface FormPart {
  name: string
  filename?: string
  contentType?: string
  data: Buffer
}

export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!boundary) throw new Error('multipart body without a boundary')
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`)
  const parts: FormPart[] = []
  let start = body.indexOf(delimiter)
  while (start >= 0) {
    const headerStart = start + delimiter.length
    if (body.subarray(headerStart, headerStart + 2).toString() === '--') break
    const next = body.indexOf(delimiter, headerStart)
    if (next < 0) break
    const chunk = body.subarray(headerStart + 2, next - 2) // skip CRLF after delimiter and before the next one
    const split = chunk.indexOf('\r\n\r\n')
    if (split >= 0) {
      const headers = chunk.subarray(0, split).toString('utf8')
      const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? ''
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
      if (name !== undefined) {
        parts.push({
          name,
          filename: /filename="([^"]*)"/i.exec(disposition)?.[1],
          contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1],
          data: chunk.subarray(split + 4),
        })
      }
    }
    start = next
  }
  return parts
}
