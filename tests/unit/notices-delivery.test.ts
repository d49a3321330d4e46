// How WeChat's answers are sorted (what the dispatcher does next) and the retry back-off.
import { classify } from '@server/notices/send'
import { backoffMs, MAX_ATTEMPTS } from '@server/notices/deliver'

describe('classify: the SDK error of a failed send → what to do next', () => {
  it.each([
    [43101, 'noAuthorisation'],
    [47003, 'configError'],
    [40037, 'configError'],
    [41030, 'configError'],
    [40003, 'invalidRecipient'],
    [-1, 'transient'],
    [-501001, 'transient'],
    [45009, 'transient'], // API quota reached: later
  ])('errCode %i → %s', (errCode, kind) => {
    const outcome = classify({ errCode, errMsg: `openapi.subscribeMessage.send:fail ${errCode}` })
    expect(outcome.kind).toBe(kind)
    expect(outcome.kind !== 'sent' && outcome.detail).toMatch(new RegExp(`^${errCode} `))
  })

  it('anything without an errCode (a thrown Error, a timeout) is transient', () => {
    expect(classify(new Error('socket hang up'))).toEqual({ kind: 'transient', detail: '? socket hang up' })
    expect(classify(undefined).kind).toBe('transient')
  })
})

describe('back-off', () => {
  it('doubles from 30 s and is capped at 30 min', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000])
    expect(backoffMs(20)).toBe(30 * 60_000)
  })

  it('gives up after a bounded number of attempts', () => {
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(3)
    expect(MAX_ATTEMPTS).toBeLessThanOrEqual(10)
  })
})
