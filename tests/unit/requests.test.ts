import fc from 'fast-check'
import {
  type Actor,
  emptyQuota,
  type MakeupStatus,
  quotaDelta,
  releaseOnQuota,
  type RequestAction,
  reserveOnQuota,
  revokeOnQuota,
  transition,
} from '@core/makeup'
import { DomainError } from '@core/shared'

const member: Actor = { kind: 'member', id: 'm1' }
const reviewer: Actor = { kind: 'reviewer', id: 'm2' }
const system: Actor = { kind: 'system', id: 'policy' }
const at = new Date('2026-11-27T02:00:00Z')

// the whole legal graph, written out independently of the implementation's table
const LEGAL: [MakeupStatus | null, RequestAction, Actor, MakeupStatus][] = [
  [null, 'submit', member, 'pending'],
  ['pending', 'autoApprove', system, 'approved'],
  ['pending', 'approve', reviewer, 'approved'],
  ['pending', 'reject', reviewer, 'rejected'],
  ['pending', 'return', reviewer, 'returned'],
  ['pending', 'withdraw', member, 'withdrawn'],
  ['returned', 'withdraw', member, 'withdrawn'],
  ['returned', 'resubmit', member, 'pending'],
  ['approved', 'revoke', reviewer, 'revoked'],
]
const STATUSES: (MakeupStatus | null)[] = [
  null,
  'pending',
  'approved',
  'rejected',
  'returned',
  'withdrawn',
  'revoked',
]
const ACTIONS: RequestAction[] = [
  'submit',
  'autoApprove',
  'approve',
  'reject',
  'return',
  'withdraw',
  'resubmit',
  'revoke',
]

describe('request state machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, actor, to) => {
    const entry = transition(from, action, actor, at, 'why')
    expect(entry).toEqual({ action, from, to, actor, at, reason: 'why' })
  })

  it('every other (status, action) pair is an ILLEGAL_TRANSITION', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.constantFrom(...ACTIONS), (from, action) => {
        const legal = LEGAL.find(([f, a]) => f === from && a === action)
        if (legal) return true
        try {
          transition(from, action, reviewer, at, 'x')
          return false
        } catch (e) {
          return e instanceof DomainError && e.code === 'ILLEGAL_TRANSITION'
        }
      }),
    )
  })

  it('decided requests are final, except that an approval can be revoked (once)', () => {
    for (const from of ['approved', 'rejected', 'withdrawn', 'revoked'] as const)
      for (const action of ACTIONS.filter((a) => !(from === 'approved' && a === 'revoke')))
        expect(() => transition(from, action, reviewer, at, 'x')).toThrow('ILLEGAL_TRANSITION')
  })

  it('only a reviewer revokes, and only with a reason', () => {
    expect(() => transition('approved', 'revoke', member, at, 'x')).toThrow('FORBIDDEN')
    expect(() => transition('approved', 'revoke', system, at, 'x')).toThrow('FORBIDDEN')
    expect(() => transition('approved', 'revoke', reviewer, at, '  ')).toThrow('FIELD_REQUIRED')
  })

  it('only the right actor may act', () => {
    expect(() => transition('pending', 'approve', member, at)).toThrow('FORBIDDEN')
    expect(() => transition('pending', 'withdraw', reviewer, at)).toThrow('FORBIDDEN')
  })

  it('rejecting or returning needs a reason', () => {
    expect(() => transition('pending', 'reject', reviewer, at, ' ')).toThrow('FIELD_REQUIRED')
    expect(() => transition('pending', 'return', reviewer, at)).toThrow('FIELD_REQUIRED')
  })

  it('quota: submit reserves, withdraw refunds, rejection refunds only when the policy says so', () => {
    const refunds = { quota: { cycle: { kind: 'month' as const }, cap: 3, refundOnRejection: true } }
    const keeps = { quota: { ...refunds.quota, refundOnRejection: false } }
    expect(quotaDelta('submit', refunds)).toBe(1)
    expect(quotaDelta('withdraw', refunds)).toBe(-1)
    expect(quotaDelta('reject', refunds)).toBe(-1)
    expect(quotaDelta('reject', keeps)).toBe(0)
    expect(quotaDelta('approve', refunds)).toBe(0)
    expect(quotaDelta('return', refunds)).toBe(0)
    expect(quotaDelta('resubmit', refunds)).toBe(0)
  })

  it('quota: a revocation refunds unless the policy says not to (absent: it refunds)', () => {
    const base = { cycle: { kind: 'month' as const }, cap: 3, refundOnRejection: false }
    expect(quotaDelta('revoke', { quota: base })).toBe(-1)
    expect(quotaDelta('revoke', { quota: { ...base, revokeRefunds: true } })).toBe(-1)
    expect(quotaDelta('revoke', { quota: { ...base, revokeRefunds: false } })).toBe(0)
  })
})

describe('quota document', () => {
  const q0 = emptyQuota('c1', 'm1', '2026-11', at)

  it('reserves the day and one unit, refuses a second open request for the day and a full cycle', () => {
    const q1 = reserveOnQuota(q0, '2026-11-25', true, 2, at)
    expect(q1).toMatchObject({ used: 1, openDays: ['2026-11-25'] })
    expect(() => reserveOnQuota(q1, '2026-11-25', true, 2, at)).toThrow('DAY_HAS_OPEN_REQUEST')
    const q2 = reserveOnQuota(q1, '2026-11-24', true, 2, at)
    expect(() => reserveOnQuota(q2, '2026-11-23', true, 2, at)).toThrow('QUOTA_EXHAUSTED')
    // an uncharged day (maintenance) still holds its day but not quota
    expect(reserveOnQuota(q2, '2026-11-23', false, 2, at)).toMatchObject({ used: 2 })
  })

  it('releases the day, refunding when asked, never below zero', () => {
    const q1 = reserveOnQuota(q0, '2026-11-25', true, 3, at)
    expect(releaseOnQuota(q1, '2026-11-25', true, at)).toMatchObject({ used: 0, openDays: [] })
    expect(releaseOnQuota(q1, '2026-11-25', false, at)).toMatchObject({ used: 1, openDays: [] })
    expect(releaseOnQuota(q0, '2026-11-25', true, at).used).toBe(0)
  })

  it('a revocation frees the made-up day for a new request, refunding when asked', () => {
    const approved = releaseOnQuota(
      reserveOnQuota(q0, '2026-11-25', true, 1, at),
      '2026-11-25',
      false,
      at,
      true,
    )
    expect(() => reserveOnQuota(approved, '2026-11-25', true, 1, at)).toThrow('DAY_ALREADY_CHECKED')
    const refunded = revokeOnQuota(approved, '2026-11-25', true, at)
    expect(refunded).toMatchObject({ used: 0, openDays: [], madeUpDays: [] })
    // the day can be made up again, within the quota
    expect(reserveOnQuota(refunded, '2026-11-25', true, 1, at)).toMatchObject({ used: 1 })
    const kept = revokeOnQuota(approved, '2026-11-25', false, at)
    expect(kept).toMatchObject({ used: 1, madeUpDays: [] })
    expect(() => reserveOnQuota(kept, '2026-11-25', true, 1, at)).toThrow('QUOTA_EXHAUSTED')
    expect(revokeOnQuota(q0, '2026-11-25', true, at).used).toBe(0)
  })

  it('any sequence of reservations: accepted exactly while quota is left and the day is not open, else refused with the reason', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.boolean()), { maxLength: 60 }),
        fc.integer({ min: 0, max: 5 }),
        (reservations, cap) => {
          let q = q0
          // the model, kept independently of the implementation
          const open = new Set<string>()
          let used = 0
          for (const [d, charged] of reservations) {
            const day = `2026-11-${String(d).padStart(2, '0')}`
            const expected = open.has(day)
              ? 'DAY_HAS_OPEN_REQUEST'
              : charged && used >= cap
                ? 'QUOTA_EXHAUSTED'
                : 'OK'
            let outcome = 'OK'
            try {
              q = reserveOnQuota(q, day, charged, cap, at)
            } catch (e) {
              // only a catalogued refusal counts as one; anything else fails the property
              if (!(e instanceof DomainError)) throw e
              outcome = e.code
            }
            expect(outcome).toBe(expected)
            if (expected === 'OK') {
              open.add(day)
              if (charged) used++
            }
          }
          expect(q.used).toBe(used)
          expect(q.used).toBeLessThanOrEqual(cap)
          expect([...q.openDays].sort()).toEqual([...open].sort())
        },
      ),
    )
  })
})
