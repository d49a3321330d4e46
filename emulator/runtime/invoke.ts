import { randomUUID } from 'node:crypto'
import type { RoundTripCounter } from '../server'
import type { Caller, FunctionRuntime, InvocationResult } from './pool'

/** An invocation as tests and the console see it: the result plus its admin round trips. */
export interface InvocationReport extends InvocationResult {
  /** admin API calls the invocation made (database, storage, openapi, nested callFunction) */
  roundTrips: number
  openid?: string
  source?: string
  /** the invocation that called this one through `cloud.callFunction` */
  parentId?: string
  startedAt: string
}

export type Invoke = (
  name: string,
  event: unknown,
  caller: Caller,
  opts?: { parentId?: string; invocationId?: string },
) => Promise<InvocationReport>

/** Wraps the runtime so every invocation is counted and reported, whoever started it. */
export function createInvoker(
  runtime: FunctionRuntime,
  counter: RoundTripCounter,
  now: () => Date,
  onReport: (report: InvocationReport) => void,
): Invoke {
  return async (name, event, caller, opts = {}) => {
    const startedAt = now().toISOString()
    const result = await runtime.invoke(name, event, caller, opts.invocationId ?? randomUUID())
    const report: InvocationReport = {
      ...result,
      roundTrips: counter.take(result.invocationId),
      openid: caller.openid,
      source: caller.source,
      parentId: opts.parentId,
      startedAt,
    }
    onReport(report)
    return report
  }
}
