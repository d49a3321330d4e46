/** The emulator's notion of "now": real time plus an offset that tests move forward (server dates, timers, TTLs). */
export interface Clock {
  now(): Date
  offsetMs(): number
  setOffset(ms: number): void
}

export function createClock(initialOffsetMs = 0): Clock {
  let offset = initialOffsetMs
  return {
    now: () => new Date(Date.now() + offset),
    offsetMs: () => offset,
    setOffset: (ms) => {
      offset = ms
    },
  }
}
