// A load client speaks to the emulator's H5 gateway exactly as the app's `src/cloud/gateway.ts` does: POST
// /gateway/functions/<name>, the member's openid in `x-wx-openid`, `{ data }` in, a Result out. It times every
// answered call, and — when the run allows it — retries a call whose connection failed (the emulator was killed)
// once the gate opens again: the same input, so the same client request id.

export class Gate {
  private waiting: Promise<void> | null = null
  private release: () => void = () => {}

  close(): void {
    if (!this.waiting) this.waiting = new Promise((r) => (this.release = r))
  }

  open(): void {
    const release = this.release
    this.waiting = null
    release()
  }

  wait(): Promise<void> {
    return this.waiting ?? Promise.resolve()
  }
}

export interface CallOutcome {
  /** the function's Result envelope */
  result: { ok: boolean; code?: string; data?: any }
  /** attempts made: above 1 only after connection failures */
  attempts: number
}

/** A platform failure: the gateway answered with an errCode, or (when not retrying) the connection failed. */
export class CallFailed extends Error {}

export interface ClientOptions {
  baseUrl: () => string
  gate: Gate
  /** retry connection failures (crash runs); a load run counts them as errors */
  retry: boolean
  /** samples, per `<function>.<action>`, of answered calls (ms) */
  samples: Map<string, number[]>
}

const MAX_ATTEMPTS = 30

export async function callFunction(
  opts: ClientOptions,
  openid: string,
  fn: string,
  data: { action: string } & Record<string, unknown>,
): Promise<CallOutcome> {
  for (let attempt = 1; ; attempt++) {
    await opts.gate.wait()
    const started = performance.now()
    let answer: any
    try {
      const res = await fetch(`${opts.baseUrl()}/gateway/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
        body: JSON.stringify({ data }),
      })
      answer = await res.json()
    } catch (err) {
      if (!opts.retry || attempt >= MAX_ATTEMPTS)
        throw new CallFailed(`${fn}.${data.action} as ${openid}: ${describe(err)}`)
      // the emulator is gone: wait for the next start (the gate is closed while it restarts)
      await new Promise((r) => setTimeout(r, 50))
      continue
    }
    record(opts.samples, `${fn}.${data.action}`, performance.now() - started)
    if (typeof answer?.errCode === 'number' && answer.errCode !== 0)
      throw new CallFailed(`${fn}.${data.action} as ${openid}: ${answer.errMsg}`)
    return { result: answer.result, attempts: attempt }
  }
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause
  return `${String(err)}${cause ? ` (${cause.code ?? cause.message})` : ''}`
}

function record(samples: Map<string, number[]>, key: string, ms: number): void {
  const list = samples.get(key)
  if (list) list.push(ms)
  else samples.set(key, [ms])
}
