// Runs one hostile case through the emulator and says what is wrong with the outcome, if anything: a crash, an
// answer that is not a Result, an uncatalogued or INTERNAL code, an accepted payload that must be refused, an
// answer other than INVALID_INPUT for what the schema refuses, or any change to the data by a refused payload.
// An accepted write is followed by the reads of what it wrote (stored hostile text must not break its readers),
// then put back, so that every case meets the same data.
import type { Emulator } from '@emulator/index'
import { isErrorCode } from '@core/shared'
import { schemas } from '@core/schemas'
import type { FunctionName } from '@core/api'
import type { Case } from './corpus'
import { diff, isAttemptRecord, restore, snapshot, type Snapshot } from './snapshot'

export interface Reader {
  fn: FunctionName
  action: string
  input: Record<string, unknown>
  as: string
  /** the call's source (default the app's, wx_client) */
  source?: string
  /** what must hold of the data afterwards: the problems found */
  verify?: (emu: Emulator) => string[]
}

export interface Outcome {
  /** 'OK' or the refusal code; 'CRASH' when the function threw */
  outcome: string
  problems: string[]
  data?: unknown
}

export class Judge {
  private current: Snapshot
  /** cases run, by transport */
  readonly runs = { json: 0, raw: 0 }
  /** subscribe messages sent by read-backs (the notice dispatcher) */
  private sent = 0

  constructor(
    private readonly emu: Emulator,
    private readonly start: Snapshot,
    /** the reads to run after an accepted write of a function (each must answer OK) */
    private readonly readers: (fn: FunctionName) => Reader[] = () => [],
  ) {
    this.current = snapshot(emu)
  }

  async run(c: Case): Promise<Outcome> {
    const event =
      c.transport === 'json' ? (JSON.parse(JSON.stringify(c.event)) as Record<string, unknown>) : c.event
    this.runs[c.transport]++
    const { outcome, problems, data } = await this.call(c.fn, event, c.as)

    if (c.expect) {
      if (!c.expect.includes(outcome)) problems.push(`answered ${outcome}, expected ${c.expect.join(' or ')}`)
      if (outcome === 'OK' && c.check && !c.check[1](data))
        problems.push(`answered data that is not ${c.check[0]}: ${JSON.stringify(data).slice(0, 300)}`)
    } else if (outcome !== 'CRASH') {
      if (c.mustRefuse && outcome === 'OK') problems.push('accepted a payload that must be refused')
      const schemaRefuses = !schemaAccepts(c.fn, c.action, event)
      if (schemaRefuses && outcome !== 'INVALID_INPUT')
        problems.push(`answered ${outcome} where the input schema refuses the payload (INVALID_INPUT)`)
    }

    const all = diff(this.current, snapshot(this.emu))
    const changes = all.filter((line) => !isAttemptRecord(line))
    if (all.length > 0) {
      if (changes.length > 0 && (outcome !== 'OK' || c.readOnly))
        problems.push(
          `${outcome === 'OK' ? 'read-only call' : `refused (${outcome})`} but changed the data:\n    ${changes.slice(0, 5).join('\n    ')}`,
        )
      else if (changes.length > 0) problems.push(...(await this.readBack(c.fn)))
      restore(this.emu, this.start)
      this.current = snapshot(this.emu)
    }
    return { outcome, problems, data }
  }

  /** What was stored must not break whoever reads it next: the reads of that function's data, as their users. */
  async readBack(fn: FunctionName): Promise<string[]> {
    const problems: string[] = []
    const sentBefore = this.emu.outbox().length
    for (const r of this.readers(fn)) {
      this.runs.json++
      const event = { action: r.action, ...r.input }
      const { outcome, problems: found } = await this.call(r.fn, event, r.as, r.source)
      if (outcome !== 'OK') found.push(`answered ${outcome}`)
      found.push(...(r.verify?.(this.emu) ?? []))
      problems.push(...found.map((p) => `then ${r.fn}.${r.action} as ${r.as || r.source} ${p}`))
    }
    // messages really sent stay sent: the final comparison expects them
    this.sent += this.emu.outbox().length - sentBefore
    return problems
  }

  /** One invocation: its outcome ('OK', the code, or 'CRASH') and what is wrong with the answer itself. */
  private async call(fn: string, event: unknown, openid: string, source?: string): Promise<Outcome> {
    const report = await this.emu.invoke(fn, event, { openid, source })
    const problems: string[] = []
    const result = report.result as { ok?: unknown; code?: unknown; data?: unknown } | null | undefined
    if (!report.ok) {
      problems.push(`crashed: ${report.error?.code} ${report.error?.message.split('\n')[0]}`)
      return { outcome: 'CRASH', problems }
    }
    if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
      problems.push(`answered something that is not a Result: ${JSON.stringify(result)?.slice(0, 200)}`)
      return { outcome: 'CRASH', problems }
    }
    if (result.ok) return { outcome: 'OK', problems, data: result.data }
    const outcome = String(result.code)
    if (!isErrorCode(outcome)) problems.push(`uncatalogued code ${outcome}`)
    if (outcome === 'INTERNAL') problems.push('INTERNAL (an unhandled exception in the function)')
    return { outcome, problems }
  }

  /** Back to the start (after a test wrote on purpose). */
  reset(): void {
    restore(this.emu, this.start)
    this.current = snapshot(this.emu)
  }

  /** Everything since the start, minus records of attempts and views: empty when all changes were put back. */
  changesSinceStart(): string[] {
    const now = snapshot(this.emu)
    return diff(this.start, { ...now, outbox: now.outbox - this.sent }).filter((l) => !isAttemptRecord(l))
  }
}

function schemaAccepts(fn: string, action: string, event: Record<string, unknown>): boolean {
  const schema = (
    schemas as unknown as Record<string, Record<string, { safeParse(v: unknown): { success: boolean } }>>
  )[fn]?.[action]
  if (!schema) return false
  // the router drops `action` and WeChat's `userInfo` before validating
  const { action: _a, userInfo: _u, ...input } = event
  return schema.safeParse(input).success
}

/** A case in one line, for failure lists. */
export function describeCase(c: Case): string {
  return `${c.fn}.${c.action} [${c.kind}] ${c.label} (as ${c.as}, ${c.transport})`
}
