import { randomUUID } from 'node:crypto'
import type http from 'node:http'
import { readBody, type Route } from '../server'
import type { FileStore } from './files'
import { DOWNLOAD_PREFIX, UPLOAD_PREFIX, checkUploadHeaders, pathAfter } from './urls'

/** COS answers failures with an XML `<Error>`; the SDK parses Code, Message, RequestId and TraceId from it. */
function sendCosError(res: http.ServerResponse, status: number, code: string, message: string): void {
  const id = randomUUID()
  const body =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
    `<RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

/** The object-storage side of uploads and temp URLs: PUT to a signed upload URL, GET a signed download URL. */
export function storageRoutes(files: FileStore, now: () => Date): Route[] {
  return [
    {
      method: 'PUT',
      prefix: UPLOAD_PREFIX,
      handle: async (req, res, url) => {
        const cloudPath = pathAfter(UPLOAD_PREFIX, url.pathname)
        if (!cloudPath) {
          sendCosError(res, 403, 'InvalidURI', 'Could not parse the specified URI')
          return
        }
        const refused = checkUploadHeaders(files, cloudPath, req.headers, Date.now())
        if (refused) {
          sendCosError(res, 403, refused.code, refused.message)
          return
        }
        const bytes = await readBody(req)
        files.put(cloudPath, bytes, req.headers['content-type'])
        // success is an empty body (the SDK ignores the status and only looks for an XML error)
        res.writeHead(200, { 'content-length': 0 })
        res.end()
      },
    },
    {
      method: 'GET',
      prefix: DOWNLOAD_PREFIX,
      delayed: true,
      handle: (_req, res, url) => {
        const cloudPath = pathAfter(DOWNLOAD_PREFIX, url.pathname)
        const t = url.searchParams.get('t') ?? ''
        if (!cloudPath || !files.verify(url.searchParams.get('sign') ?? '', 'get', cloudPath, t)) {
          sendCosError(res, 403, 'AccessDenied', 'Invalid signature')
          return
        }
        if (now().getTime() / 1000 > Number(t)) {
          sendCosError(res, 403, 'AccessDenied', 'Request has expired')
          return
        }
        const file = files.get(cloudPath)
        if (!file) {
          sendCosError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
          return
        }
        res.writeHead(200, { 'content-type': file.meta.contentType, 'content-length': file.bytes.length })
        res.end(file.bytes)
      },
    },
  ]
}
