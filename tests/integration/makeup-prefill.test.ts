// The make-up form starts from the member's latest effective report: makeup.slots returns it, read in the same
// aggregation as the slots (no extra round trip).
import type { HealthReport } from '@core/health'
import { checkinId, type CheckinDoc } from '@core/makeup'
import { A, B, COMPANY, FRIDAY_10, call, fixture, load, ok, report, setNow } from './harness'
import { useEmulator } from './fixture'

jest.setTimeout(60_000)

const emu = useEmulator({ functions: ['makeup'] })

const checkin = (memberId: string, day: string, r: HealthReport, source: CheckinDoc['source'] = 'daily') =>
  ({
    _id: checkinId(memberId, day),
    companyId: COMPANY,
    memberId,
    day,
    report: r,
    source,
    at: new Date(`${day}T01:00:00Z`),
  }) satisfies CheckinDoc

const travelling: HealthReport = {
  status: 'unwell',
  temperature: 37.2,
  region: '上海',
  healthCode: 'yellow',
  note: '出差途中',
}

async function slotsWith(checkins: CheckinDoc[]) {
  load(emu, { ...fixture(), checkins })
  await setNow(emu, FRIDAY_10)
  return call(emu, 'makeup', 'slots', {}, A)
}

describe('makeup.slots lastReport (make-up form prefill)', () => {
  it('is the latest of my check-ins, whatever its source, without the note, in the same one round trip', async () => {
    const { result, roundTrips } = await slotsWith([
      checkin('m1', '2026-11-20', report),
      checkin('m1', '2026-11-24', travelling, 'makeup'),
      checkin('m1', '2026-11-23', report),
      // another member's later report must not leak in
      checkin('m2', '2026-11-26', { ...report, region: '广州' }),
    ])
    if (!result.ok) throw new Error(result.code)
    expect(result.data.lastReport).toEqual({
      day: '2026-11-24',
      report: { status: 'unwell', temperature: 37.2, region: '上海', healthCode: 'yellow' },
    })
    expect(roundTrips).toBe(1)
  })

  it('is null without any check-in in the lookback', async () => {
    const { result } = await slotsWith([checkin('m1', '2026-09-01', travelling)])
    expect(result).toMatchObject({ ok: true, data: { lastReport: null } })
  })

  it('is each caller’s own', async () => {
    load(emu, {
      ...fixture(),
      checkins: [checkin('m1', '2026-11-24', travelling), checkin('m2', '2026-11-25', report)],
    })
    await setNow(emu, FRIDAY_10)
    expect((await ok(emu, 'makeup', 'slots', {}, B)).lastReport).toEqual({
      day: '2026-11-25',
      report: { status: 'well', temperature: 36.6, region: '北京', healthCode: 'green' },
    })
  })
})
