import { latestRun, parseCloudCron } from '@emulator/triggers/schedule'
import { startPlatform, type Platform } from './fixtures/platform'
import { SETUP_TIMEOUT } from './helpers/emulator'

let p: Platform
beforeAll(async () => {
  p = await startPlatform()
}, SETUP_TIMEOUT)
afterAll(() => p.close())

/** Offset that puts the emulator clock at `iso`. */
const offsetTo = (iso: string) => Date.parse(iso) - Date.now()

describe('timer triggers (config.json, 7-field cron in UTC+8)', () => {
  test('the trigger is listed with its next run, 09:00 Shanghai = 01:00 UTC', async () => {
    await p.emulator.setClockOffset(offsetTo('2026-12-01T00:00:00Z'))
    const morning = p.emulator.listTriggers().find((t) => t.functionName === 'morning')
    expect(morning).toMatchObject({
      name: 'morning',
      config: '0 0 9 * * * *',
      next: '2026-12-01T01:00:00.000Z',
    })
  })

  test('moving the clock across 09:00 fires the trigger once, with the timer event', async () => {
    await p.emulator.setClockOffset(offsetTo('2026-12-02T00:59:00Z'))
    const fired = await p.emulator.setClockOffset(offsetTo('2026-12-02T01:00:30Z'))
    expect(fired).toHaveLength(1)
    expect(fired[0]).toMatchObject({
      functionName: 'morning',
      ok: true,
      source: 'wx_trigger',
      result: { event: { Type: 'Timer', TriggerName: 'morning', Time: '2026-12-02T01:00:00Z', Message: '' } },
    })
    expect(p.emulator.listTriggers().find((t) => t.functionName === 'morning')).toMatchObject({
      lastFiredAt: '2026-12-02T01:00:00.000Z',
      lastInvocation: { ok: true },
    })
  })

  test('moving further within the same day fires nothing; skipping several days fires once', async () => {
    expect(await p.emulator.setClockOffset(offsetTo('2026-12-02T08:00:00Z'))).toEqual([])
    const fired = await p.emulator.setClockOffset(offsetTo('2026-12-05T02:00:00Z'))
    expect(fired).toHaveLength(1)
    expect((fired[0].result as any).event.Time).toBe('2026-12-05T01:00:00Z')
  })

  test('moving the clock backward fires nothing', async () => {
    expect(await p.emulator.setClockOffset(offsetTo('2026-12-03T00:00:00Z'))).toEqual([])
  })

  test('fire now runs the function whatever the schedule', async () => {
    const r = await p.emulator.fireTrigger('morning')
    expect(r).toMatchObject({
      ok: true,
      functionName: 'morning',
      result: { event: { Type: 'Timer', TriggerName: 'morning' } },
    })
    await expect(p.emulator.fireTrigger('whoami')).rejects.toThrow('has no timer trigger')
  })
})

describe('CloudBase cron conversion', () => {
  const next = (expr: string, after: string) =>
    parseCloudCron(expr).next(new Date(after))?.toISOString() ?? null

  test('weekday 0 is Sunday, names work, evaluated in UTC+8', () => {
    // 2026-11-29 is a Sunday
    expect(next('0 30 8 * * 0 *', '2026-11-27T00:00:00Z')).toBe('2026-11-29T00:30:00.000Z')
    expect(next('0 15 10 * * MON-FRI *', '2026-11-28T00:00:00Z')).toBe('2026-11-30T02:15:00.000Z')
  })

  test('the year field limits runs', () => {
    expect(next('0 0 9 1 1 * 2028', '2026-11-28T00:00:00Z')).toBe('2028-01-01T01:00:00.000Z')
    expect(next('0 0 9 1 1 * 2025', '2026-11-28T00:00:00Z')).toBeNull()
  })

  test('steps like 1/10 and a wrong field count', () => {
    expect(next('0 1/10 * * * * *', '2026-11-28T00:02:00Z')).toBe('2026-11-28T00:11:00.000Z')
    expect(() => parseCloudCron('0 0 9 * * *')).toThrow('7 fields')
  })

  test('a clock jump fires for the latest scheduled time of the window, however many it crosses', () => {
    const latest = (expr: string, after: string, until: string) =>
      latestRun(parseCloudCron(expr), Date.parse(after), Date.parse(until))?.toISOString() ?? null
    // 91 days over a per-minute and a per-second schedule: the last one before the new time
    expect(latest('0 * * * * * *', '2026-11-27T02:00:00Z', '2027-02-26T03:00:30Z')).toBe(
      '2027-02-26T03:00:00.000Z',
    )
    expect(latest('* * * * * * *', '2026-11-27T02:00:00Z', '2027-02-26T03:00:30.5Z')).toBe(
      '2027-02-26T03:00:30.000Z',
    )
    // the window is (after, until]: a run at `until` counts, one at `after` does not
    expect(latest('0 0 9 * * * *', '2026-12-02T00:00:00Z', '2026-12-02T01:00:00Z')).toBe(
      '2026-12-02T01:00:00.000Z',
    )
    expect(latest('0 0 9 * * * *', '2026-12-02T01:00:00Z', '2026-12-03T00:59:59Z')).toBeNull()
    // a sparse schedule: a yearly one, years back, with and without a year field
    expect(latest('0 0 9 1 1 * *', '2020-06-01T00:00:00Z', '2026-11-28T00:00:00Z')).toBe(
      '2026-01-01T01:00:00.000Z',
    )
    expect(latest('0 0 9 1 1 * 2024-2030', '2020-06-01T00:00:00Z', '2026-11-28T00:00:00Z')).toBe(
      '2026-01-01T01:00:00.000Z',
    )
  })
})
