// "Now" for every handler. In production this is the machine clock (UTC; core converts to Shanghai days).
// The local emulator's runtime may pass its test clock offset in EMULATOR_CLOCK_OFFSET_MS so tests can move time.
export function now(): Date {
  const offset = Number(process.env.EMULATOR_CLOCK_OFFSET_MS ?? 0)
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0))
}
