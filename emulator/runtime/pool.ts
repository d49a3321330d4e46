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
  /** TCB_SOURCE: wx_client (app / gateway), wx_devtools, scf (another function), timer */
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

export interface ActiveInvocation {
  id: string
  functionName: string
  fn: FunctionDef
  caller: Caller
  startedAt: number
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
}

const WORKER_FILE = path.join(__dirname, 'worker.cjs')
const INIT_TIMEOUT_S = 30
const PROJECT_NODE_MODULES = path.resolve(__dirname, '../../node_modules')

/**
 * Runs cloud functions like SCF does: each instance is a worker thread that serves one invocation at a time and
 * stays warm for the next; a busy function gets another (cold) instance; a timeout kills the instance.
 */
export class FunctionRuntime {
  private readonly idle = new Map<string, Instance[]>()
  private readonly busy = new Set<Worker>()
  private readonly active = new Map<string, ActiveInvocation>()
  private closed = false

  constructor(private readonly opts: RuntimeOptions) {}

  get functionsDir(): string | undefined {
    return this.opts.functionsDir
  }

  /** the invocation an admin call was attributed to, while it runs */
  invocation(id: string | undefined): ActiveInvocation | undefined {
    return id ? this.active.get(id) : undefined
  }

  instances(): Record<string, { idle: number }> {
    return Object.fromEntries([...this.idle].map(([name, list]) => [name, { idle: list.length }]))
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
    const { instance, coldStart } = this.take(fn)
    const timeoutS = Number(fn.config.timeout) > 0 ? Number(fn.config.timeout) : DEFAULT_TIMEOUT_S
    this.active.set(invocationId, { id: invocationId, functionName: name, fn, caller, startedAt: Date.now() })
    try {
      const outcome = await this.run(instance, fn, event, caller, invocationId, timeoutS)
      return done({ coldStart, ...outcome })
    } finally {
      this.active.delete(invocationId)
    }
  }

  private take(fn: FunctionDef): { instance: Instance; coldStart: boolean } {
    const mtimeMs = fs.statSync(fn.file).mtimeMs
    const list = this.idle.get(fn.name) ?? []
    this.idle.set(fn.name, list)
    // a rebuilt bundle retires every warm instance of the old build
    for (const stale of list.filter((i) => i.mtimeMs !== mtimeMs)) void stale.worker.terminate()
    const fresh = list.filter((i) => i.mtimeMs === mtimeMs)
    const warm = fresh.pop()
    this.idle.set(fn.name, fresh)
    if (warm) return { instance: warm, coldStart: false }
    const worker = new Worker(WORKER_FILE, {
      workerData: { file: fn.file, name: fn.name, nodePath: PROJECT_NODE_MODULES },
      env: { ...process.env },
      stdout: false,
      stderr: false,
    })
    worker.unref()
    return { instance: { worker, mtimeMs }, coldStart: true }
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
        if (keep && !this.closed) this.idle.get(fn.name)?.push(instance)
        else void worker.terminate()
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
    const all = [...[...this.idle.values()].flat().map((i) => i.worker), ...this.busy]
    this.idle.clear()
    await Promise.all(all.map((w) => w.terminate()))
  }
}
