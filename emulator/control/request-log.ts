import { EJSON } from 'bson'
import type { AdminCall } from '../server'
import type { InvocationReport } from '../runtime/invoke'

export interface RequestLogEntry {
  seq: number
  at: string
  kind: 'admin' | 'invocation'
  /** admin action, or `invoke <function>` */
  action: string
  functionName?: string
  openid?: string
  invocationId?: string
  collection?: string
  /** the query as the SDK sent it, decoded from its EJSON text */
  query?: unknown
  durationMs: number
  roundTrips?: number
  error?: { code: string; message: string }
  /** index warnings and scan counts reported by the database */
  details?: Record<string, unknown>[]
  warnings?: string[]
}

/** The SDK sends queries as canonical EJSON text; the log shows them relaxed (plain numbers, ISO dates). */
const decode = (v: unknown) => {
  if (typeof v !== 'string') return v
  try {
    return EJSON.serialize(EJSON.parse(v), { relaxed: true })
  } catch {
    return v
  }
}

/** The last `capacity` admin calls and invocations, newest last, for the console and the control API. */
export class RequestLog {
  private entries: RequestLogEntry[] = []
  private seq = 0

  constructor(
    private readonly now: () => Date,
    private readonly capacity = 1000,
  ) {}

  private push(e: Omit<RequestLogEntry, 'seq' | 'at'>): void {
    this.entries.push({ seq: ++this.seq, at: this.now().toISOString(), ...e })
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity)
  }

  admin(
    call: AdminCall,
    durationMs: number,
    who: { functionName?: string; openid?: string },
    error?: { code: string; message: string },
  ): void {
    const warnings = call.details.map((d) => d.warning).filter((w): w is string => typeof w === 'string')
    this.push({
      kind: 'admin',
      action: call.action,
      invocationId: call.invocationId,
      ...who,
      collection: typeof call.body.collectionName === 'string' ? call.body.collectionName : undefined,
      query: decode(call.body.query),
      durationMs: round(durationMs),
      error,
      details: call.details.length ? call.details : undefined,
      warnings: warnings.length ? warnings : undefined,
    })
  }

  invocation(r: InvocationReport): void {
    this.push({
      kind: 'invocation',
      action: `invoke ${r.functionName}`,
      functionName: r.functionName,
      openid: r.openid,
      invocationId: r.invocationId,
      durationMs: r.durationMs,
      roundTrips: r.roundTrips,
      error: r.error,
    })
  }

  list(opts: { since?: number; limit?: number } = {}): RequestLogEntry[] {
    const after = this.entries.filter((e) => e.seq > (opts.since ?? 0))
    return opts.limit ? after.slice(-opts.limit) : after
  }

  clear(): void {
    this.entries = []
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100
