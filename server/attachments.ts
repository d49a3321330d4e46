// Checks uploaded files for what they are, not what they are called: the real type (magic bytes) must be an
// allowed type and match the name, the size within the policy's limit. Names and ownership were checked by core.
// One storage call for all files (their short-lived download links), then only each file's first bytes are read.
import http from 'node:http'
import https from 'node:https'
import { DomainError, type FileType, sniffFileType } from '@core/shared'
import { tempUrls } from './sdk'

const EXT: Record<string, FileType> = { jpg: 'jpg', jpeg: 'jpg', png: 'png', pdf: 'pdf' }
/** enough for every signature sniffFileType knows */
const HEAD_BYTES = 16

export interface FileHead {
  /** the first bytes (enough to tell the type) */
  bytes: Uint8Array
  /** the whole file's size */
  size: number
}

export async function verifyFiles(
  fileIDs: string[],
  limits: { maxBytes: number; types: FileType[] },
): Promise<void> {
  checkFiles(fileIDs, await readFileHeads(fileIDs), limits)
}

/** Each file's head, or null when storage has no such file: one storage call for all, then a ranged read each. */
export async function readFileHeads(fileIDs: string[]): Promise<(FileHead | null)[]> {
  if (fileIDs.length === 0) return []
  const urls = await tempUrls(fileIDs)
  return Promise.all(
    fileIDs.map((f) => {
      const url = urls.get(f)
      return url ? readHead(url) : null
    }),
  )
}

/** Refuses a missing file, a file above the size limit, or one whose real type is not its name's or not allowed. */
export function checkFiles(
  fileIDs: string[],
  heads: (FileHead | null)[],
  limits: { maxBytes: number; types: FileType[] },
): void {
  heads.forEach((head, i) => {
    const claimed = EXT[fileIDs[i].slice(fileIDs[i].lastIndexOf('.') + 1)]
    if (!head) throw new DomainError('ATTACHMENT_INVALID', `missing ${fileIDs[i]}`)
    if (head.size > limits.maxBytes) throw new DomainError('ATTACHMENT_INVALID', `too large ${fileIDs[i]}`)
    const real = sniffFileType(head.bytes)
    if (!real || real !== claimed || !limits.types.includes(real))
      throw new DomainError('ATTACHMENT_INVALID', `type ${real} for ${fileIDs[i]}`)
  })
}

/**
 * The file's first bytes and its whole size, asking for a range (COS answers 206 with Content-Range; a server
 * that ignores ranges sends the whole file, and its length counts). Null when storage has no such file.
 */
function readHead(url: string): Promise<FileHead | null> {
  const get = url.startsWith('https:') ? https.get : http.get
  return new Promise((resolve, reject) => {
    const req = get(url, { headers: { Range: `bytes=0-${HEAD_BYTES - 1}` } }, (res) => {
      const status = res.statusCode ?? 0
      if (status === 404) {
        res.resume()
        return resolve(null)
      }
      if (status !== 200 && status !== 206) {
        res.resume()
        return reject(new Error(`download of a temp URL answered ${status}`))
      }
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () => {
        const bytes = Buffer.concat(chunks)
        const total = /\/(\d+)$/.exec(String(res.headers['content-range'] ?? ''))
        resolve({ bytes: bytes.subarray(0, HEAD_BYTES), size: total ? Number(total[1]) : bytes.length })
      })
    })
    req.on('error', reject)
  })
}

/**
 * Each attachment with a short-lived link for its preview (issued only by functions, after their role check; never
 * stored). A storage failure leaves the links empty rather than failing the page that shows them.
 */
export async function attachmentPreviews(
  fileIDs: string[],
): Promise<{ fileID: string; url: string | null }[]> {
  let urls = new Map<string, string>()
  try {
    urls = await tempUrls(fileIDs)
  } catch (e) {
    console.warn('temp URLs unavailable', e)
  }
  return fileIDs.map((fileID) => ({ fileID, url: urls.get(fileID) ?? null }))
}
