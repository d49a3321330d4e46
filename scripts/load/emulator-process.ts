// The emulator as the product runs it (`emulator/cli.ts`, its own process, a data folder), so a test can SIGKILL
// it and start it again on the same folder and port.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { EJSON } from 'bson'

const ROOT = path.resolve(__dirname, '../..')
const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/

export interface EmulatorProcessOptions {
  dataDir: string
  seedFile: string
  /** the deployed functions (a folder of `<name>/index.js`) */
  functionsDir: string
  /** the emulator clock is set to real time + this offset after every start (it is not persisted) */
  clockOffsetMs: number
  maxInstances: number
}

export class EmulatorProcess {
  private child: ChildProcess | null = null
  port = 0
  readonly controlToken = randomBytes(24).toString('hex')

  constructor(private readonly opts: EmulatorProcessOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /**
   * Starts the CLI (the first time on any free port, later on the same one, so clients keep their URL) and sets
   * the clock. Should another process have taken the port meanwhile, any free port will do: clients read `url`.
   */
  async start(): Promise<void> {
    if (this.child) throw new Error('the emulator is already running')
    try {
      this.port = await this.launch(this.port)
    } catch (err) {
      if (this.port === 0 || !/EADDRINUSE/.test(String(err))) throw err
      this.port = await this.launch(0)
    }
    await this.control('POST', '/control/clock', { offsetMs: this.opts.clockOffsetMs })
  }

  private launch(port: number): Promise<number> {
    const args = [
      '--import',
      'tsx',
      'emulator/cli.ts',
      '--port',
      String(port),
      '--data',
      this.opts.dataDir,
      '--functions',
      this.opts.functionsDir,
      '--seed',
      this.opts.seedFile,
      '--no-triggers',
      '--max-instances',
      String(this.opts.maxInstances),
    ]
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // the control API's token, the same across restarts of this process
      env: { ...process.env, EMULATOR_CONTROL_TOKEN: this.controlToken },
    })
    return new Promise<number>((resolve, reject) => {
      let out = ''
      let err = ''
      child.stdout!.on('data', (chunk) => {
        out += chunk
        const m = LISTENING.exec(out)
        if (!m) return
        this.child = child
        // keep draining its output so a full pipe never blocks it
        child.stdout!.removeAllListeners('data').resume()
        resolve(Number(m[1]))
      })
      child.stderr!.on('data', (chunk) => (err += chunk))
      child.once('exit', (code, signal) =>
        reject(new Error(`emulator exited (${code ?? signal}) before listening: ${err || out}`)),
      )
    })
  }

  /** SIGKILL: no shutdown code runs, as in a power cut of the process. */
  kill(): Promise<void> {
    const child = this.child
    this.child = null
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
    return new Promise((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGKILL')
    })
  }

  /** SIGTERM: a clean stop. */
  stop(): Promise<void> {
    const child = this.child
    this.child = null
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
    return new Promise((resolve) => {
      const hard = setTimeout(() => child.kill('SIGKILL'), 10_000)
      child.once('exit', () => {
        clearTimeout(hard)
        resolve()
      })
      child.kill('SIGTERM')
    })
  }

  async control(method: 'GET' | 'POST', route: string, body?: unknown): Promise<any> {
    const res = await fetch(`${this.url}${route}`, {
      method,
      headers: {
        'x-emulator-token': this.controlToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${method} ${route}: HTTP ${res.status} ${await res.text()}`)
    return res.json()
  }

  /** Every collection, documents revived (dates as Dates): one consistent snapshot (the export is synchronous). */
  async snapshot(): Promise<Snapshot> {
    const data = (await this.control('GET', '/control/export')) as { collections: Record<string, object[]> }
    return Object.fromEntries(
      Object.entries(data.collections).map(([name, docs]) => [
        name,
        docs.map((d) => EJSON.deserialize(d, { relaxed: true }) as Doc),
      ]),
    )
  }
}

export type Doc = Record<string, any>
export type Snapshot = Record<string, Doc[]>
