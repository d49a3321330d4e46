// A function's `main`: authenticate (identity only from getWXContext), validate (core schemas), route on
// event.action, map errors to the catalogue. Handlers receive parsed input and a context; they never see the event.
import type { ActionOf, FunctionName, InputOf, OutputOf } from '@core/api'
import { DomainError, refusal, type Result } from '@core/shared'
import { schemas } from '@core/schemas'
import { now } from './clock'
import { acceptsHealthFields, consentGated } from './privacy/consent'
import { callerOpenid, database, type Db } from './sdk'

export interface Context {
  db: Db
  openid: string
  now: Date
}

export type Handlers<F extends FunctionName> = {
  [A in ActionOf<F>]: (input: InputOf<F, A>, ctx: Context) => Promise<OutputOf<F, A>>
}

interface Parser {
  safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: unknown[] } }
}

export function makeMain<F extends FunctionName>(fn: F, handlers: Handlers<F>) {
  const fnSchemas = schemas[fn] as unknown as Record<string, Parser>
  return async function main(event: unknown): Promise<Result<unknown>> {
    const openid = callerOpenid()
    if (!openid) return refusal('FORBIDDEN')
    const { action, input } = splitEvent(event)
    const handler =
      typeof action === 'string' && Object.prototype.hasOwnProperty.call(handlers, action)
        ? handlers[action as ActionOf<F>]
        : null
    if (!handler) return refusal('INVALID_INPUT')
    const parsed = fnSchemas[action as string].safeParse(input)
    if (!parsed.success) return refusal('INVALID_INPUT')
    try {
      const db = acceptsHealthFields(fn, action) ? consentGated(database(), openid) : database()
      const data = await (handler as (i: unknown, c: Context) => Promise<unknown>)(parsed.data, {
        db,
        openid,
        now: now(),
      })
      return { ok: true, data }
    } catch (e) {
      return toRefusal(e, `${fn}.${String(action)}`)
    }
  }
}

/** The event minus routing and what WeChat itself adds (userInfo): identity never comes from here. */
function splitEvent(event: unknown): { action: unknown; input: Record<string, unknown> } {
  if (!event || typeof event !== 'object') return { action: undefined, input: {} }
  const { action, userInfo: _ignored, ...input } = event as Record<string, unknown>
  return { action, input }
}

function toRefusal(e: unknown, where: string) {
  if (e instanceof DomainError) return refusal(e.code, e.vars)
  console.error(`${where} failed`, e)
  return refusal('INTERNAL')
}
