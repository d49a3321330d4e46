// A special-handling grant HR made free ("not counted against quota") lets its day be made up even when the
// member's quota for the cycle is used up, and the make-up holds no quota; a charged grant is refused at the cap.
import { type MakeupDoc, type SpecialDoc } from '@core/makeup'
import { FRIDAY_10, call, docs, makeupInput, ok, quotaView } from './harness'
import { useEmulator } from './fixture'
import { A, COLLECTIONS, HR, loadReviewFixture, specialDoc } from './review-fixture'

jest.setTimeout(120_000)

// 2026-11-02 is long past the 3-working-day window on Friday 2026-11-27
const DAY = '2026-11-02'
const emu = useEmulator({
  functions: ['makeup', 'review'],
  files: true,
  // three charged make-ups approved already hold the whole November quota (cap 3)
  data: (emu) =>
    loadReviewFixture(
      emu,
      ['2026-11-16', '2026-11-17', '2026-11-18'].map((day) => ({
        memberId: 'm1',
        day,
        submittedAt: '2026-11-20T02:00:00Z',
        status: 'approved' as const,
      })),
      [specialDoc('m1', DAY, '2026-11-26T02:00:00Z')],
    ),
  at: FRIDAY_10,
})
const quota = () => quotaView(emu, 'm1_2026-11')

const grant = (charged: boolean) =>
  ok(
    emu,
    'review',
    'decideSpecial',
    { id: `m1_${DAY}`, decision: 'grant', deadline: '2026-11-30', charged },
    HR,
  )

const makeUp = () => call(emu, 'makeup', 'submit', makeupInput(DAY, { reason: '出差无网络' }), A)

describe('a free special-handling grant', () => {
  it('is offered and accepted with the quota at its cap, holding no quota', async () => {
    await grant(false)
    const slots = await ok(emu, 'makeup', 'slots', {}, A)
    expect(slots.slots.find((s) => s.day === DAY)).toBeDefined()
    const { result } = await makeUp()
    if (!result.ok) throw new Error(`refused: ${result.code}`)
    expect(result.data).toMatchObject({ day: DAY, status: 'pending', charged: false })
    expect(docs<MakeupDoc>(emu, COLLECTIONS.makeups, { day: DAY })[0]).toMatchObject({
      charged: false,
      granted: true,
    })
    expect(quota()).toMatchObject({ used: 3, openDays: [DAY] })
    expect(docs<SpecialDoc>(emu, COLLECTIONS.specials, { _id: `m1_${DAY}` })[0].used).toBe(true)
  })

  it('a charged grant is refused at the cap, writing nothing', async () => {
    await grant(true)
    const { result } = await makeUp()
    expect(result.ok ? 'OK' : result.code).toBe('QUOTA_EXHAUSTED')
    expect(docs(emu, COLLECTIONS.makeups, { day: DAY })).toHaveLength(0)
    expect(quota()).toMatchObject({ used: 3, openDays: [] })
  })
})
