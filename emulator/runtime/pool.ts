import fs from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import { DEFAULT_TIMEOUT_S, readFunction, type FunctionDef } from './discover'

/** Who triggered an invocation, as `getWXContext()` will report it inside the function. */
export interface Caller {
  openid?: string
  appid?: string
  unionid?: string
  /** TCB_SOURCE: wx_client (app / gateway), wx_trigger (timer), `<caller's>,scf` (from another function) */
  source?: string
}

export type InvocationFailure = {
  /** CloudBase error name, as the admin API reports it */
  code: 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_TIME_LIMIT_EXCEEDED' | 'FUNCTION_NOT_FOUND'
  message: string
}

export interface InvocationResult {
  invocationId: string
  functionName: string
  ok: boolean
  result?: unknown
  error?: InvocationFailure
  durationMs: number
  coldStart: boolean
}

/** One line a function instance wrote to its console (stdout or stderr), as SCF's log would show it. */
export interface FunctionLogLine {
  functionName: string
  stream: 'stdout' | 'stderr'
  line: string
}

export interface ActiveInvocation {
  id: string
  functionName: string
  fn: FunctionDef
  caller: Caller
  startedAt: number
}

interface Pool {
  idle: Instance[]
  /** instances alive, idle or busy */
  live: number
  /** invocations waiting for an instance */
  waiters: (() => void)[]
}

interface Instance {
  worker: Worker
  /** mtime of index.js when this instance loaded it; a newer build retires the instance */
  mtimeMs: number
}

export interface RuntimeOptions {
  functionsDir?: string
  /** process.env entries pointing the SDK at the emulator, attributed to one invocation */
  envFor: (caller: Caller, invocationId: string) => Record<string, string>
  envId: string
  /** instances per function at most (default 4): more concurrent calls queue, as SCF's concurrency limit does */
  maxInstances?: number
}

const WORKER_FILE = path.join(__dirname, 'worker.cjs')
const INIT_TIMEOUT_S = 30
// each instance loads its own wx-server-sdk (~0.5 s of CPU, tens of MB): dozens at once would starve a laptop
const DEFAULT_MAX_INSTANCES = 4
const PROJECT_NODE_MODULES = path.resolve(__dirname, '../../node_modules')

/**
 * Runs cloud functions like SCF does: each instance is a worker thread that serves one invocation at a time and
 * stays warm for the next; a busy function gets another (cold) instance up to a cap, beyond which calls queue
 * (queueing and loading do not count against the timeout); a timeout kills the instance.
 */
export class FunctionRuntime {
  private readonly pools = new Map<string, Pool>()
  private readonly busy = new Set<Worker>()
  private readonly active = new Map<string, ActiveInvocation>()
  private readonly maxInstances: number
  private readonly logListeners = new Set<(l: FunctionLogLine) => void>()
  private closed = false

  constructor(private readonly opts: RuntimeOptions) {
    this.maxInstances = opts.maxInstances ?? DEFAULT_MAX_INSTANCES
  }

  get functionsDir(): string | undefined {
    return this.opts.functionsDir
  }

  /** the invocation an admin call was attributed to, while it runs */
  invocation(id: string | undefined): ActiveInvocation | undefined {
    return id ? this.active.get(id) : undefined
  }

  /** Every line the functions' console writes (it still reaches stdout / stderr too); returns unsubscribe. */
  onLog(listener: (line: FunctionLogLine) => void): () => void {
    this.logListeners.add(listener)
    return () => this.logListeners.delete(listener)
  }

  instances(): Record<string, { idle: number; live: number; waiting: number }> {
    return Object.fromEntries(
      [...this.pools].map(([name, p]) => [
        name,
        { idle: p.idle.length, live: p.live, waiting: p.waiters.length },
      ]),
    )
  }

  async invoke(
    name: string,
    event: unknown,
    caller: Caller,
    invocationId: string = randomUUID(),
  ): Promise<InvocationResult> {
    const started = performance.now()
    const done = (
      r: Omit<InvocationResult, 'invocationId' | 'functionName' | 'durationMs'>,
    ): InvocationResult => ({
      invocationId,
      functionName: name,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      ...r,
    })
    const fn = readFunction(this.opts.functionsDir, name)
    if (!fn || this.closed) {
      return done({
        ok: false,
        coldStart: false,
        error: {
          code: 'FUNCTION_NOT_FOUND',
          message: '[ResourceNotFound.Function] FunctionName parameter could not be found.',
        },
      })
    }
    if (fn.configError)
      return done({
        ok: false,
        coldStart: false,
        error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: fn.configError },
      })
    const taken = await this.take(fn)
    if (!taken) {
      const error = { code: 'FUNCTIONS_EXECUTE_FAIL' as const, message: 'the emulator is shutting down' }
      return done({ ok: false, coldStart: false, error })
    }
    const { instance, coldStart } = taken
    const timeoutS = Number(fn.config.timeout) > 0 ? Number(fn.config.timeout) : DEFAULT_TIMEOUT_S
    this.active.set(invocationId, { id: invocationId, functionName: name, fn, caller, startedAt: Date.now() })
    try {
      const outcome = await this.run(instance, fn, event, caller, invocationId, timeoutS)
      return done({ coldStart, ...outcome })
    } finally {
      this.active.delete(invocationId)
    }
  }

  private pool(name: string): Pool {
    let pool = this.pools.get(name)
    if (!pool) this.pools.set(name, (pool = { idle: [], live: 0, waiters: [] }))
    return pool
  }

  /** A warm instance, else a new one while under the cap, else waits for one to be released. */
  private async take(fn: FunctionDef): Promise<{ instance: Instance; coldStart: boolean } | null> {
    const pool = this.pool(fn.name)
    for (;;) {
      if (this.closed) return null
      const mtimeMs = fs.statSync(fn.file).mtimeMs
      // a rebuilt bundle retires every warm instance of the old build
      for (const stale of pool.idle.filter((i) => i.mtimeMs !== mtimeMs)) this.retire(pool, stale)
      const warm = pool.idle.pop()
      if (warm) return { instance: warm, coldStart: false }
      if (pool.live < this.maxInstances) {
        pool.live++
        const worker = new Worker(WORKER_FILE, {
          workerData: { file: fn.file, name: fn.name, nodePath: PROJECT_NODE_MODULES },
          env: { ...process.env },
          stdout: false,
          stderr: false,
        })
        worker.unref()
        this.splitLog(worker, fn.name)
        return { instance: { worker, mtimeMs }, coldStart: true }
      }
      await new Promise<void>((resolve) => pool.waiters.push(resolve))
    }
  }

  /** Cuts each console stream of an instance into lines for the log listeners (the pipe to stdout stays). */
  private splitLog(worker: Worker, functionName: string): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      let rest = ''
      worker[stream].on('data', (chunk: Buffer | string) => {
        const lines = (rest + chunk.toString()).split('\n')
        rest = lines.pop() ?? ''
        for (const line of lines) for (const l of this.logListeners) l({ functionName, stream, line })
      })
      worker[stream].on('end', () => {
        if (rest) for (const l of this.logListeners) l({ functionName, stream, line: rest })
      })
    }
  }

  private retire(pool: Pool, instance: Instance): void {
    pool.idle = pool.idle.filter((i) => i !== instance)
    pool.live--
    void instance.worker.terminate()
  }

  /** Back to the pool (or killed), then the longest waiter tries again. */
  private release(fnName: string, instance: Instance, keep: boolean): void {
    const pool = this.pool(fnName)
    if (keep && !this.closed) pool.idle.push(instance)
    else this.retire(pool, instance)
    pool.waiters.shift()?.()
  }

  private run(
    instance: Instance,
    fn: FunctionDef,
    event: unknown,
    caller: Caller,
    invocationId: string,
    timeoutS: number,
  ): Promise<Pick<InvocationResult, 'ok' | 'result' | 'error'>> {
    const { worker } = instance
    this.busy.add(worker)
    return new Promise((resolve) => {
      const finish = (outcome: Pick<InvocationResult, 'ok' | 'result' | 'error'>, keep: boolean) => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        this.busy.delete(worker)
        this.release(fn.name, instance, keep)
        resolve(outcome)
      }
      const timeOut = (limitS: number, what: string) =>
        setTimeout(() => {
          const error = {
            code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' as const,
            message: `${what} timed out after ${limitS} seconds`,
          }
          finish({ ok: false, error }, false)
        }, limitS * 1000)
      // loading the bundle has its own, generous limit (SCF separates initialisation from the invocation)
      let timer = timeOut(INIT_TIMEOUT_S, 'Loading the function')
      const onMessage = (msg: {
        id: string
        type: string
        json?: string
        error?: { stack?: string; message: string }
      }) => {
        if (msg.id !== invocationId) return
        if (msg.type === 'started') {
          clearTimeout(timer)
          timer = timeOut(timeoutS, 'Invoking task')
        } else if (msg.type === 'result') finish({ ok: true, result: JSON.parse(msg.json ?? 'null') }, true)
        else
          finish(
            {
              ok: false,
              error: {
                code: 'FUNCTIONS_EXECUTE_FAIL',
                message: msg.error?.stack || msg.error?.message || 'unknown error',
              },
            },
            true,
          )
      }
      const onError = (err: Error) =>
        finish(
          { ok: false, error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: err.stack ?? String(err) } },
          false,
        )
      const onExit = (code: number) =>
        finish(
          {
            ok: false,
            error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: `function instance exited with code ${code}` },
          },
          false,
        )
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      const context = {
        callbackWaitsForEmptyEventLoop: false,
        request_id: invocationId,
        function_name: fn.name,
        namespace: this.opts.envId,
        time_limit_in_ms: timeoutS * 1000,
        memory_limit_in_mb: 256,
      }
      worker.postMessage({
        type: 'invoke',
        id: invocationId,
        env: this.opts.envFor(caller, invocationId),
        event,
        context,
      })
    })
  }

  async close(): Promise<void> {
    this.closed = true
    const pools = [...this.pools.values()]
    const all = [...pools.flatMap((p) => p.idle.map((i) => i.worker)), ...this.busy]
    for (const p of pools) p.waiters.splice(0).forEach((wake) => wake())
    this.pools.clear()
    await Promise.all(all.map((w) => w.terminate()))
  }
}
