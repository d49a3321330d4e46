import type http from 'node:http'
import { HttpError, readJson, sendJson, type Route } from '../server'
import type { Emulator } from '../index'
import { discoverFunctions } from '../runtime/discover'
import { requireControlCaller } from './guard'

type Handler = (ctx: { params: string[]; query: URLSearchParams; body: () => Promise<any> }) => unknown

/** `[method, path pattern, handler]`; the pattern's groups become `params` (URL-decoded). */
type ControlRoute = [string, RegExp, Handler]

const num = (v: string | null) => (v === null || v === '' ? undefined : Number(v))

/**
 * The control API for tests, scripts and the console (JSON in, JSON out). Every endpoint mirrors a method of the
 * object `startEmulator` returns; see emulator/README.md for the reference.
 */
export function controlRoutes(emulator: Emulator): Route[] {
  const routes: ControlRoute[] = [
    [
      'POST',
      /^\/control\/reset$/,
      async ({ body }) => {
        emulator.reset({ seed: Boolean((await body()).seed) })
        return { ok: true }
      },
    ],
    ['GET', /^\/control\/export$/, () => emulator.exportData()],
    [
      'POST',
      /^\/control\/import$/,
      async ({ body }) => {
        emulator.importData(await body())
        return { ok: true }
      },
    ],
    [
      'GET',
      /^\/control\/outbox$/,
      ({ query }) =>
        emulator.outbox({
          touser: query.get('touser') ?? undefined,
          templateId: query.get('templateId') ?? undefined,
        }),
    ],
    [
      'GET',
      /^\/control\/log$/,
      ({ query }) => emulator.requestLog({ since: num(query.get('since')), limit: num(query.get('limit')) }),
    ],
    ['GET', /^\/control\/invocations$/, () => emulator.invocations()],
    [
      'GET',
      /^\/control\/round-trips\/([^/]+)$/,
      ({ params }) => {
        const roundTrips = emulator.roundTrips(params[0])
        if (roundTrips === undefined) throw new HttpError(404, `no finished invocation ${params[0]}`)
        return { invocationId: params[0], roundTrips }
      },
    ],
    [
      'GET',
      /^\/control\/functions$/,
      () =>
        discoverFunctions(emulator.runtime.functionsDir).map((f) => ({
          name: f.name,
          config: f.config,
          configError: f.configError,
        })),
    ],
    [
      'POST',
      /^\/control\/invoke$/,
      async ({ body }) => {
        const b = await body()
        if (typeof b.name !== 'string') throw new HttpError(400, 'name (the function) is required')
        const r = await emulator.invoke(b.name, b.data ?? {}, {
          openid: b.openid,
          appid: b.appid,
          source: b.source,
        })
        return {
          ...(r.ok ? { result: r.result } : { error: r.error }),
          invocationId: r.invocationId,
          roundTrips: r.roundTrips,
          durationMs: r.durationMs,
          coldStart: r.coldStart,
        }
      },
    ],
    ['GET', /^\/control\/triggers$/, () => emulator.listTriggers()],
    [
      'POST',
      /^\/control\/triggers\/([^/]+)\/fire$/,
      async ({ params }) => {
        try {
          return await emulator.fireTrigger(params[0])
        } catch (err) {
          throw new HttpError(404, (err as Error).message)
        }
      },
    ],
    ['GET', /^\/control\/clock$/, () => clockState(emulator)],
    [
      'POST',
      /^\/control\/clock$/,
      async ({ body }) => {
        const b = await body()
        const offset = typeof b.now === 'string' ? Date.parse(b.now) - Date.now() : Number(b.offsetMs)
        if (!Number.isFinite(offset)) throw new HttpError(400, 'give offsetMs (number) or now (ISO time)')
        const fired = await emulator.setClockOffset(offset)
        return { ...clockState(emulator), fired }
      },
    ],
    ['GET', /^\/control\/subscribe\/templates$/, () => emulator.subscribe.listTemplates()],
    [
      'GET',
      /^\/control\/subscribe\/grants$/,
      ({ query }) => {
        const openid = query.get('openid')
        return openid ? emulator.subscribe.grants(openid) : emulator.subscribe.allGrants()
      },
    ],
    [
      'POST',
      /^\/control\/subscribe\/grant$/,
      async ({ body }) => {
        const b = await body()
        if (typeof b.openid !== 'string' || !Array.isArray(b.templateIds))
          throw new HttpError(400, 'openid and templateIds are required')
        emulator.grantSubscribe(b.openid, b.templateIds, b.count ?? 1)
        return emulator.subscribe.grants(b.openid)
      },
    ],
    ['GET', /^\/control\/subscribe\/faults$/, () => emulator.subscribe.faults()],
    [
      'POST',
      /^\/control\/subscribe\/faults$/,
      async ({ body }) => {
        emulator.injectSendFault(await body())
        return emulator.subscribe.faults()
      },
    ],
    ['GET', /^\/control\/identities$/, () => emulator.identities()],
    ['GET', /^\/control\/collections$/, () => emulator.store.listCollections()],
    [
      'GET',
      /^\/control\/collections\/([^/]+)$/,
      ({ params, query }) =>
        emulator.store.listDocuments(params[0], {
          offset: num(query.get('offset')) ?? 0,
          limit: num(query.get('limit')) ?? 50,
        }),
    ],
    [
      'PUT',
      /^\/control\/collections\/([^/]+)$/,
      async ({ params, body }) => {
        const doc = await body()
        if (!doc || typeof doc !== 'object' || Array.isArray(doc))
          throw new HttpError(400, 'the body must be one document')
        emulator.store.putDocument(params[0], doc)
        return { ok: true }
      },
    ],
    [
      'DELETE',
      /^\/control\/collections\/([^/]+)\/([^/]+)$/,
      ({ params }) => ({ deleted: emulator.store.deleteDocument(params[0], params[1]) }),
    ],
    ['GET', /^\/control\/files$/, () => emulator.files.list()],
    [
      'DELETE',
      /^\/control\/files$/,
      ({ query }) => ({ deleted: emulator.files.remove(query.get('path') ?? '') }),
    ],
  ]
  return [
    {
      method: '*',
      prefix: '/control/',
      handle: async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
        requireControlCaller(req, emulator.controlToken)
        for (const [method, pattern, handler] of routes) {
          const m = req.method === method ? pattern.exec(url.pathname) : null
          if (!m) continue
          const params = m.slice(1).map(decodeURIComponent)
          const result = await handler({ params, query: url.searchParams, body: () => readJson(req) })
          sendJson(res, 200, result ?? null)
          return
        }
        throw new HttpError(404, `no control endpoint ${req.method} ${url.pathname}`)
      },
    },
  ]
}

function clockState(emulator: Emulator) {
  return { offsetMs: emulator.clock.offsetMs(), now: emulator.clock.now().toISOString() }
}
