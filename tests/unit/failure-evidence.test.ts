import fc from 'fast-check'
import { checkFailureEvidence, failuresOn, MAX_FAILURES } from '@core/makeup'

// the server's time: Friday 2026-11-27 10:00 in Shanghai
const now = new Date('2026-11-27T02:00:00Z')
const fail = (at: string) => ({ at, error: 'NETWORK_FAILED' })

describe('network-failure evidence belongs to the day it happened on (Asia/Shanghai)', () => {
  it('keeps only the failures of that day, by the Shanghai calendar', () => {
    const list = [
      fail('2026-11-24T15:59:59.999Z'), // 23:59:59.999 on the 24th in Shanghai
      fail('2026-11-24T16:00:00.000Z'), // 00:00 on the 25th
      fail('2026-11-25T09:00:00+08:00'),
      fail('2026-11-25T15:59:59.999Z'), // 23:59:59.999 on the 25th
      fail('2026-11-25T16:00:00.000Z'), // 00:00 on the 26th
    ]
    expect(failuresOn('2026-11-25', list)).toEqual(list.slice(1, 4))
    expect(failuresOn('2026-11-24', list)).toEqual(list.slice(0, 1))
    expect(failuresOn('2026-11-23', list)).toEqual([])
  })

  it('accepts no evidence, and evidence of the requested day up to now', () => {
    expect(() => checkFailureEvidence('2026-11-25', undefined, now)).not.toThrow()
    expect(() => checkFailureEvidence('2026-11-25', [], now)).not.toThrow()
    expect(() =>
      checkFailureEvidence('2026-11-25', [fail('2026-11-24T16:00:00Z'), fail('2026-11-25T15:59:59Z')], now),
    ).not.toThrow()
    // today's failures, up to the server's time (and a phone clock a few minutes fast)
    expect(() => checkFailureEvidence('2026-11-27', [fail('2026-11-27T02:04:00Z')], now)).not.toThrow()
  })

  it('refuses a failure of another day, even one millisecond outside it', () => {
    expect(() => checkFailureEvidence('2026-11-25', [fail('2026-11-24T15:59:59.999Z')], now)).toThrow(
      'FAILURES_OTHER_DAY',
    )
    expect(() =>
      checkFailureEvidence(
        '2026-11-25',
        [fail('2026-11-25T09:00:00+08:00'), fail('2026-11-25T16:00:00Z')],
        now,
      ),
    ).toThrow('FAILURES_OTHER_DAY')
  })

  it('refuses a failure in the future', () => {
    expect(() => checkFailureEvidence('2026-11-27', [fail('2026-11-27T02:06:00Z')], now)).toThrow(
      'FAILURES_IN_FUTURE',
    )
    expect(() => checkFailureEvidence('2026-11-28', [fail('2026-11-28T01:00:00Z')], now)).toThrow(
      'FAILURES_IN_FUTURE',
    )
  })

  it(`refuses more than ${MAX_FAILURES} failures`, () => {
    const day = Array.from({ length: MAX_FAILURES + 1 }, (_, i) => fail(`2026-11-25T0${i % 10}:00:00+08:00`))
    expect(() => checkFailureEvidence('2026-11-25', day.slice(0, MAX_FAILURES), now)).not.toThrow()
    expect(() => checkFailureEvidence('2026-11-25', day, now)).toThrow('FAILURES_TOO_MANY')
  })

  it('whatever the instants, the evidence is accepted exactly when all of it is of the day and not ahead', () => {
    const from = Date.parse('2026-11-20T00:00:00Z')
    const to = Date.parse('2026-11-29T00:00:00Z')
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: from, max: to }), { maxLength: MAX_FAILURES }),
        fc.constantFrom('2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'),
        (instants, day) => {
          const list = instants.map((t) => fail(new Date(t).toISOString()))
          // the Shanghai day written out apart from the implementation: UTC+8, no DST
          const sameDay = instants.every(
            (t) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10) === day,
          )
          const past = instants.every((t) => t <= now.getTime() + 5 * 60_000)
          let accepted = true
          try {
            checkFailureEvidence(day, list, now)
          } catch {
            accepted = false
          }
          expect(accepted).toBe(sameDay && past)
        },
      ),
    )
  })
})
