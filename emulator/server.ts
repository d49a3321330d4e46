import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { WireError, type ActionHandler, type AdminContext } from './wire'

export interface Route {
  method: string
  /** path prefix, e.g. '/control/' */
  prefix: string
  handle: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void> | void
}

/**
 * The HTTP front of the emulator: `/admin` speaks CloudBase's admin wire protocol (dispatching on `action`),
 * every other path goes to the first route whose method and prefix match.
 */
export function createHttpServer(actions: Record<string, ActionHandler>, routes: Route[]): http.Server {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    try {
      if (req.method === 'POST' && url.pathname.startsWith('/admin')) {
        await handleAdmin(req, res, url, actions)
        return
      }
      const route = routes.find((r) => (r.method === '*' || r.method === req.method) && url.pathname.startsWith(r.prefix))
      if (!route) {
        sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${req.method} ${url.pathname}` })
        return
      }
      await route.handle(req, res, url)
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { code: 'SYS_ERR', message: String((err as Error)?.message ?? err) })
      else res.end()
    }
  })
}

async function handleAdmin(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  actions: Record<string, ActionHandler>,
): Promise<void> {
  const requestId = randomUUID()
  // `/admin/i/<invocationId>` lets the function runtime attribute calls to one invocation.
  const invocationId = url.pathname.match(/^\/admin\/i\/([^/]+)/)?.[1]
  const ctx: AdminContext = { requestId, invocationId }
  let body: Record<string, any>
  try {
    const type = req.headers['content-type'] ?? ''
    if (type.startsWith('multipart/form-data')) {
      body = { __multipart: true, __raw: await readBody(req), __contentType: type }
    } else {
      const text = (await readBody(req)).toString('utf8')
      body = text ? JSON.parse(text) : {}
    }
  } catch {
    sendJson(res, 200, { code: 'INVALID_PARAM', message: 'request body is not valid JSON', requestId })
    return
  }
  const action = body.action ?? (body.__multipart ? 'wx.openApi' : undefined)
  const handler = typeof action === 'string' ? actions[action] : undefined
  if (!handler) {
    sendJson(res, 200, { code: 'INVALID_ACTION', message: `unsupported action: ${String(action)}`, requestId })
    return
  }
  try {
    const result = (await handler(body, ctx)) as Record<string, unknown> | undefined
    sendJson(res, 200, { requestId, ...(result ?? {}) })
  } catch (err) {
    if (err instanceof WireError) sendJson(res, 200, { code: err.code, message: err.message, requestId })
    else sendJson(res, 200, { code: 'SYS_ERR', message: String((err as Error)?.message ?? err), requestId })
  }
}

export function readBody(req: http.IncomingMessage, limit = 64 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new Error('request body too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
