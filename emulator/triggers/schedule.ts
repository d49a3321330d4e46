import { Cron } from 'croner'
import type { FunctionDef, TriggerConfig } from '../runtime/discover'
import type { InvocationReport } from '../runtime/invoke'

/** CloudBase evaluates timer triggers in UTC+8. */
export const TRIGGER_TIMEZONE = 'Asia/Shanghai'

export interface CloudCron {
  next(after: Date): Date | null
}

/**
 * CloudBase's 7-field cron (sec min hour day month weekday year) on top of croner's 6 fields: croner reads the
 * first six (same weekday numbering, 0 = Sunday; day and weekday combine with OR, as CloudBase documents) and the
 * year field filters the runs croner proposes.
 */
export function parseCloudCron(expr: string): CloudCron {
  const fields = expr.trim().split(/\s+/)
  if (fields.length !== 7)
    throw new Error(`a CloudBase timer needs 7 fields (sec min hour day month weekday year): "${expr}"`)
  const cron = new Cron(fields.slice(0, 6).join(' '), {
    timezone: TRIGGER_TIMEZONE,
    paused: true,
    legacyMode: true,
  })
  const yearOk = yearMatcher(fields[6])
  return {
    next(after) {
      let t: Date | null = cron.nextRun(after)
      for (let guard = 0; t && !yearOk(Number(shanghaiYear(t))) && guard < 1000; guard++) t = cron.nextRun(t)
      return t && yearOk(Number(shanghaiYear(t))) ? t : null
    },
  }
}

// one formatter for every call: building one costs far more than formatting with it
const SHANGHAI_YEAR = new Intl.DateTimeFormat('en', { timeZone: TRIGGER_TIMEZONE, year: 'numeric' })

function shanghaiYear(d: Date): string {
  return SHANGHAI_YEAR.format(d)
}

/**
 * The latest scheduled time in (after, until], or null. Searched back from `until` in doubling spans, so a jump of
 * months over a per-minute schedule costs a few dozen steps rather than one per scheduled time.
 */
export function latestRun(cron: CloudCron, after: number, until: number): Date | null {
  const first = cron.next(new Date(after))
  if (!first || first.getTime() > until) return null
  for (let span = 1000; ; span *= 2) {
    const from = Math.max(after, until - span)
    let t = cron.next(new Date(from))
    if (t && t.getTime() <= until) {
      // no run fell in the previous (half as long) span: few remain between here and `until`
      for (let n = cron.next(t); n && n.getTime() <= until; n = cron.next(n)) t = n
      return t
    }
    if (from === after) return first
  }
}

function yearMatcher(field: string): (year: number) => boolean {
  if (field === '*' || field === '?') return () => true
  const parts = field.split(',').map((part) => {
    const [range, stepText] = part.split('/')
    const step = stepText ? Number(stepText) : 1
    const [lo, hi] = range === '*' ? [1970, 2099] : range.split('-').map(Number)
    const high = hi ?? (stepText ? 2099 : lo)
    if (![lo, high, step].every(Number.isInteger) || step < 1)
      throw new Error(`bad year field in cron: "${field}"`)
    return (y: number) => y >= lo && y <= high && (y - lo) % step === 0
  })
  return (y) => parts.some((p) => p(y))
}

export interface TriggerState {
  functionName: string
  name: string
  config: string
  /** next scheduled time by the emulator clock (ISO), null when the expression never fires again */
  next: string | null
  error?: string
  lastFiredAt?: string
  lastInvocation?: Pick<InvocationReport, 'invocationId' | 'ok' | 'error' | 'durationMs' | 'roundTrips'>
}

export interface SchedulerOptions {
  functions: () => FunctionDef[]
  now: () => Date
  fire: (fn: FunctionDef, trigger: TriggerConfig, scheduledAt: Date) => Promise<InvocationReport>
}

/**
 * Fires each function's timer trigger (only the first, as CloudBase allows one) against the emulator clock.
 * A check looks at the window (last check, now]: if any scheduled time falls inside, the trigger fires ONCE for
 * the latest of them — so moving the clock forward across one or many scheduled times fires it once, and moving
 * it backward fires nothing. Checks run every second and right after the clock offset changes.
 */
export class TriggerScheduler {
  private readonly checkedAt = new Map<string, number>()
  private readonly history = new Map<string, Pick<TriggerState, 'lastFiredAt' | 'lastInvocation'>>()
  private timer: NodeJS.Timeout | null = null
  private checking: Promise<InvocationReport[]> = Promise.resolve([])
  /** where a trigger seen for the first time starts its window: the previous check (or start-up) */
  private lastCheck: number

  constructor(private readonly opts: SchedulerOptions) {
    this.lastCheck = opts.now().getTime()
  }

  start(intervalMs = 1000): void {
    this.check()
    this.timer = setInterval(() => void this.check(), intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private triggers(): { fn: FunctionDef; trigger: TriggerConfig }[] {
    return this.opts
      .functions()
      .filter((fn) => fn.config.triggers?.[0]?.type === 'timer')
      .map((fn) => ({ fn, trigger: fn.config.triggers![0] }))
  }

  list(): TriggerState[] {
    const now = this.opts.now()
    return this.triggers().map(({ fn, trigger }) => {
      const base = {
        functionName: fn.name,
        name: trigger.name,
        config: trigger.config,
        ...this.history.get(fn.name),
      }
      try {
        return { ...base, next: parseCloudCron(trigger.config).next(now)?.toISOString() ?? null }
      } catch (err) {
        return { ...base, next: null, error: (err as Error).message }
      }
    })
  }

  /** Fires every trigger due since the last check; serialised so overlapping checks never double-fire. */
  check(): Promise<InvocationReport[]> {
    this.checking = this.checking.then(() => this.checkNow())
    return this.checking
  }

  /** Fires one function's trigger now, whatever its schedule. */
  async fire(functionName: string): Promise<InvocationReport> {
    const found = this.triggers().find((t) => t.fn.name === functionName)
    if (!found) throw new Error(`function ${functionName} has no timer trigger`)
    return this.run(found.fn, found.trigger, this.opts.now())
  }

  /** Forget what has been checked and fired (after a reset); the next check starts from now. */
  reset(): void {
    this.checkedAt.clear()
    this.history.clear()
    this.lastCheck = this.opts.now().getTime()
  }

  private async checkNow(): Promise<InvocationReport[]> {
    const now = this.opts.now()
    const due: Promise<InvocationReport>[] = []
    for (const { fn, trigger } of this.triggers()) {
      const key = `${fn.name}/${trigger.name}/${trigger.config}`
      const last = this.checkedAt.get(key) ?? this.lastCheck
      this.checkedAt.set(key, now.getTime())
      if (now.getTime() <= last) continue
      let cron: CloudCron
      try {
        cron = parseCloudCron(trigger.config)
      } catch {
        continue // reported by list()
      }
      const latest = latestRun(cron, last, now.getTime())
      if (latest) due.push(this.run(fn, trigger, latest))
    }
    this.lastCheck = now.getTime()
    return Promise.all(due)
  }

  private async run(fn: FunctionDef, trigger: TriggerConfig, at: Date): Promise<InvocationReport> {
    const report = await this.opts.fire(fn, trigger, at)
    this.history.set(fn.name, {
      lastFiredAt: at.toISOString(),
      lastInvocation: {
        invocationId: report.invocationId,
        ok: report.ok,
        error: report.error,
        durationMs: report.durationMs,
        roundTrips: report.roundTrips,
      },
    })
    return report
  }
}
