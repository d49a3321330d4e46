// The consent gate: actions that accept health fields run only for a caller with a current health-data consent.
// The consent lives on the member document, which every such action reads first (requireCaller), so the gate
// checks it as that read returns: no extra round trip, and nothing is written before the refusal. It watches the
// reads rather than calling requireCaller itself, so it keeps working however the repository loads the caller.
import type { FunctionName } from '@core/api'
import { DomainError } from '@core/shared'
import { hasCurrentConsent, type HealthConsent } from '@core/privacy'
import type { Db } from '../sdk'

/** Actions whose input carries health fields (a report, attachments). HR entries on behalf are not the member's. */
const GATED: Partial<Record<FunctionName, readonly string[]>> = {
  checkin: ['submit'],
  makeup: ['submit', 'resubmit'],
}

export function acceptsHealthFields(fn: FunctionName, action: unknown): boolean {
  return typeof action === 'string' && (GATED[fn] ?? []).includes(action)
}

export interface ConsentHolder {
  openid?: string | null
  healthConsent?: HealthConsent | null
}

/**
 * The database as the handler sees it: any read that returns the caller's own member document (by id, by query, or
 * joined into an aggregation row) refuses when that member has no current consent.
 */
export function consentGated(db: Db, openid: string): Db {
  const check = (res: unknown) => checkResult(res, openid)
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'collection') return (name: string) => watched(target.collection(name), check)
      const value = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** Follows a query builder chain (where / orderBy / aggregate stages …) and checks what its promise resolves to. */
function watched<T extends object>(target: T, check: (res: unknown) => void): T {
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        const out = value.apply(t, args)
        if (out && typeof (out as Promise<unknown>).then === 'function')
          return (out as Promise<unknown>).then((res) => {
            check(res)
            return res
          })
        return out && typeof out === 'object' ? watched(out as object, check) : out
      }
    },
  })
}

function checkResult(res: unknown, openid: string): void {
  if (!res || typeof res !== 'object') return
  const { data, list } = res as { data?: unknown; list?: unknown }
  const rows = [data, list].flatMap((x) => (Array.isArray(x) ? x : x ? [x] : []))
  for (const row of rows) {
    if (!row || typeof row !== 'object') continue
    const joined = Object.values(row).flatMap((v) => (Array.isArray(v) ? v : []))
    for (const doc of [row, ...joined])
      if (isCallerWithoutConsent(doc, openid)) throw new DomainError('CONSENT_REQUIRED')
  }
}

function isCallerWithoutConsent(doc: unknown, openid: string): boolean {
  if (!doc || typeof doc !== 'object') return false
  const m = doc as ConsentHolder & { employeeNo?: unknown; roles?: unknown }
  return (
    m.openid === openid &&
    m.employeeNo !== undefined &&
    Array.isArray(m.roles) &&
    !hasCurrentConsent(m.healthConsent)
  )
}
