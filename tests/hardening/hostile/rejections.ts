// Unhandled rejections, wherever they happen: in this process (listened on `process`), and inside a function
// instance, whose worker logs `[<fn>] unhandled rejection: …` to its stderr (piped into ours) and carries on, as SCF
// does. Worker errors that kill an instance surface as a crash in the invocation report instead.
export interface RejectionWatch {
  seen(): string[]
  stop(): void
}

const WORKER_MARK = /\] unhandled rejection:/

export function watchRejections(): RejectionWatch {
  const seen: string[] = []
  const onRejection = (reason: unknown) => seen.push(`test process: ${String(reason)}`)
  process.on('unhandledRejection', onRejection)
  const stderr = process.stderr
  const write = stderr.write.bind(stderr)
  stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : ''
    if (WORKER_MARK.test(text)) seen.push(`function instance: ${text.slice(0, 300)}`)
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest)
  }) as typeof stderr.write
  return {
    seen: () => [...seen],
    stop: () => {
      process.off('unhandledRejection', onRejection)
      stderr.write = write
    },
  }
}
