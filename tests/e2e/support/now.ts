// The browser tests live at a pinned instant, not on the real date: Wednesday 2026-11-25 10:00 in Shanghai. The
// demo seed is built for it, and the emulator clock and each page's clock start from it (and then run), so the
// missed working days before it (23rd, 24th) fall in the same month whatever day the suite runs.
export const E2E_NOW = new Date('2026-11-25T02:00:00Z')

/** Now on the emulator clock: global-setup sets its offset and hands it over in E2E_CLOCK_OFFSET_MS. */
export function emulatorNow(): Date {
  const offset = Number(process.env.E2E_CLOCK_OFFSET_MS)
  if (!Number.isFinite(offset))
    throw new Error('E2E_CLOCK_OFFSET_MS is not set: run through tests/e2e/jest.config.js')
  return new Date(Date.now() + offset)
}
