import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { AsyncLocalStorage } from 'node:async_hooks'
import { WireError, type ActionHandler, type AdminContext } from './wire'
import { foreignOrigin, LOOPBACK_ORIGIN, loopbackHost } from './control/guard'

/** An admin answer that is not JSON (openapi answers are protobuf bytes). */
export class RawReply {
  constructor(
    readonly body: Buffer,
    readonly contentType = 'application/octet-stream',
  ) {}
}

/** One admin API call while it is handled; handlers deeper down add details through `currentAdminCall()`. */
export interface AdminCall extends AdminContext {
  action: string
  body: Record<string, any>
  startedAt: number
  /** extra facts reported while handling (e.g. the database's query log) */
  details: Record<string, unknown>[]
}

export interface AdminHooks {
  /** called as a call arrives, before its handler runs */
  onCall?(call: AdminCall): void
  /** called once the answer is sent; `error` is the wire error code when it failed */
  onDone?(call: AdminCall, durationMs: number, error?: { code: string; message: string }): void
}

const callScope = new AsyncLocalStorage<AdminCall>()

/** The admin call being handled in this async context, if any. */
export function currentAdminCall(): AdminCall | undefined {
  return callScope.getStore()
}

/** Admin round trips per function invocation (`/admin/i/<invocationId>`). */
export class RoundTripCounter {
  private readonly counts = new Map<string, number>()
  hit(invocationId: string | undefined): void {
    if (invocationId) this.counts.set(invocationId, (this.counts.get(invocationId) ?? 0) + 1)
  }
  get(invocationId: string): number {
    return this.counts.get(invocationId) ?? 0
  }
  /** reads and forgets one invocation's count */
  take(invocationId: string): number {
    const n = this.get(invocationId)
    this.counts.delete(invocationId)
    return n
  }
}

export interface Route {
  method: string
  /** path prefix, e.g. '/control/' */
  prefix: string
  handle: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void> | void
  /** a call a function makes to the cloud (storage download): slowed down like admin calls by `callDelayMs` */
  delayed?: boolean
}

/**
 * The HTTP front of the emulator: `/admin` speaks CloudBase's admin wire protocol (dispatching on `action`),
 * every other path goes to the first route whose method and prefix match.
 */
export function createHttpServer(
  actions: Record<string, ActionHandler>,
  routes: Route[],
  hooks: AdminHooks = {},
  /** ms added before answering every admin call and storage download: a stand-in for the cloud's network */
  callDelayMs: () => number = () => 0,
): http.Server {
  const delay = () => {
    const ms = callDelayMs()
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : undefined
  }
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    // the H5 app's dev server runs on another loopback port; nothing else may call in from a browser
    const origin = req.headers.origin
    if (origin && LOOPBACK_ORIGIN.test(origin)) {
      res.setHeader('access-control-allow-origin', origin)
      res.setHeader('access-control-allow-headers', 'content-type, x-wx-openid, x-emulator-token')
      res.setHeader('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS')
      res.setHeader('vary', 'origin')
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204)
      res.end()
      return
    }
    // a page on another site (or a DNS name rebound to this machine) reaches nothing here
    if (!loopbackHost(req)) {
      sendJson(res, 403, { code: 'FORBIDDEN', message: 'the emulator answers loopback hosts only' })
      return
    }
    try {
      if (req.method === 'POST' && url.pathname.startsWith('/admin')) {
        if (foreignOrigin(req)) throw new HttpError(403, 'cross-site requests are refused', 'FORBIDDEN')
        await delay()
        await handleAdmin(req, res, url, actions, hooks)
        return
      }
      const route = routes.find(
        (r) => (r.method === '*' || r.method === req.method) && url.pathname.startsWith(r.prefix),
      )
      if (!route) {
        sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${req.method} ${url.pathname}` })
        return
      }
      if (route.delayed) await delay()
      await route.handle(req, res, url)
    } catch (err) {
      if (res.headersSent) res.end()
      else if (err instanceof HttpError) sendJson(res, err.status, { code: err.code, message: err.message })
      else sendJson(res, 500, { code: 'SYS_ERR', message: String((err as Error)?.message ?? err) })
    }
  })
}

async function handleAdmin(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  actions: Record<string, ActionHandler>,
  hooks: AdminHooks,
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
    // still a round trip of the invocation, and worth a line in the request log
    const call: AdminCall = {
      ...ctx,
      action: '(malformed)',
      body: {},
      startedAt: performance.now(),
      details: [],
    }
    hooks.onCall?.(call)
    const error = { code: 'INVALID_PARAM', message: 'request body is not valid JSON' }
    sendJson(res, 200, { ...error, requestId })
    hooks.onDone?.(call, performance.now() - call.startedAt, error)
    return
  }
  const action = body.action ?? (body.__multipart ? 'wx.openApi' : undefined)
  const call: AdminCall = { ...ctx, action: String(action), body, startedAt: performance.now(), details: [] }
  hooks.onCall?.(call)
  const done = (error?: { code: string; message: string }) =>
    hooks.onDone?.(call, performance.now() - call.startedAt, error)
  const handler = typeof action === 'string' ? actions[action] : undefined
  if (!handler) {
    const error = { code: 'INVALID_ACTION', message: `unsupported action: ${String(action)}` }
    sendJson(res, 200, { ...error, requestId })
    done(error)
    return
  }
  try {
    const result = (await callScope.run(call, () => handler(body, ctx))) as
      Record<string, unknown> | RawReply | undefined
    if (result instanceof RawReply) {
      res.writeHead(200, { 'content-type': result.contentType, 'content-length': result.body.length })
      res.end(result.body)
    } else sendJson(res, 200, { requestId, ...(result ?? {}) })
    done()
  } catch (err) {
    const error =
      err instanceof WireError
        ? { code: err.code, message: err.message }
        : { code: 'SYS_ERR', message: String((err as Error)?.message ?? err) }
    sendJson(res, 200, { ...error, requestId })
    done(error)
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
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** A JSON request body; an empty body is `{}`. Throws a readable error on malformed JSON. */
export async function readJson(req: http.IncomingMessage): Promise<any> {
  const text = (await readBody(req)).toString('utf8')
  if (!text.trim()) return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, 'request body is not valid JSON')
  }
}

/** A failure a route reports with an HTTP status and `{ code, message }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = status === 404 ? 'NOT_FOUND' : 'INVALID_PARAM',
  ) {
    super(message)
  }
}
