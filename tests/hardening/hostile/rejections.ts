// Unhandled rejections, wherever they happen: in this process (listened on the real `process`, through the
// hardening test environment: jest's sandboxed copy never gets the event), and inside a function instance, whose
// worker logs `[<fn>] unhandled rejection: …` to its stderr (piped into ours) and carries on, as SCF does. Worker
// errors that kill an instance surface as a crash in the invocation report instead.
export interface RejectionWatch {
  seen(): string[]
  /** the listener is on the process Node emits unhandled rejections on */
  listening(): boolean
  stop(): void
}

type HostListener = (reason: unknown) => void
declare const __onHostRejection: (listener: HostListener) => { listening(): boolean; stop(): void }

const WORKER_MARK = /\] unhandled rejection:/

/** Call it in `beforeAll`: jest replaces the process's rejection listeners when the run starts. */
export function watchRejections(): RejectionWatch {
  const seen: string[] = []
  const host = __onHostRejection((reason) => seen.push(`test process: ${String(reason)}`))
  const stderr = process.stderr
  const write = stderr.write.bind(stderr)
  stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : ''
    if (WORKER_MARK.test(text)) seen.push(`function instance: ${text.slice(0, 300)}`)
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest)
  }) as typeof stderr.write
  return {
    seen: () => [...seen],
    listening: () => host.listening(),
    stop: () => {
      host.stop()
      stderr.write = write
    },
  }
}
