// Runs after the whole jest run (`npm test`): every console line of every cloud function and every audit,
// access-log, privacy-log, notice and webhook record written during the integration suite holds no temperature,
// no health-code colour value and no temp URL.
import { DUMP_DIR } from './dumps'
import { emulatorTestFiles, scanDumps } from './scan'

const result = scanDumps(DUMP_DIR, emulatorTestFiles())

it('has dumps of the whole integration suite to scan', () => {
  expect(result.problems).toEqual([])
  expect(result.logLines).toBeGreaterThan(0)
  expect(result.records).toBeGreaterThan(0)
})

it('finds no health value or temp URL in any function log line or log-like record', () => {
  expect(result.leaks).toEqual([])
})
