// Health-data consent through the emulator: without a current consent no health field is accepted (daily
// check-in, make-up submit); consent is recorded with version and time; withdrawal blocks again.
import { CONSENT_VERSION } from '@core/privacy'
import { COLLECTIONS, type CheckinDoc, type MakeupDoc } from '@core/makeup'
import {
  A,
  B,
  call,
  codeOf,
  COMPANY,
  docs,
  fileOf,
  fixture,
  FRIDAY_10,
  makeupInput,
  ok,
  report,
  rid,
  setNow,
} from './harness'
import { useEmulator } from './fixture'

jest.setTimeout(120_000)

const emu = useEmulator({
  functions: ['checkin', 'makeup', 'privacy'],
  files: true,
  // m1 (A) has never consented; m2 (B) has, as every fixture member does
  data: () => fixture({}, { m1: { healthConsent: null } as object }),
  at: FRIDAY_10,
})

const checkIn = (who: string) => call(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, who)
const makeup = (who: string, memberId: string) =>
  codeOf(
    emu,
    'makeup',
    'submit',
    makeupInput('2026-11-26', { attachments: [fileOf(COMPANY, memberId)] }),
    who,
  )

describe('the consent gate', () => {
  it('refuses health fields without consent, and writes nothing', async () => {
    const { result, roundTrips } = await checkIn(A)
    expect(result).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' })
    // the refusal comes from the member read the handler makes anyway: binding, member + company
    expect(roundTrips).toBeLessThanOrEqual(3)
    expect(await makeup(A, 'm1')).toBe('CONSENT_REQUIRED')
    expect(docs<CheckinDoc>(emu, COLLECTIONS.checkins, { memberId: 'm1' })).toEqual([])
    expect(docs<MakeupDoc>(emu, COLLECTIONS.makeups, { memberId: 'm1' })).toEqual([])
    // a consenting colleague is not affected
    expect((await checkIn(B)).result.ok).toBe(true)
  })

  it('actions without health fields still work without consent', async () => {
    expect((await ok(emu, 'checkin', 'me', {}, A)).member?.memberId).toBe('m1')
    expect((await ok(emu, 'makeup', 'slots', {}, A)).today).toBe('2026-11-27')
  })

  it('records consent with version and time; withdrawal blocks again', async () => {
    const before = await ok(emu, 'privacy', 'status', {}, A)
    expect(before.consent).toBeNull()
    expect(before.text.version).toBe(CONSENT_VERSION)
    expect(before.text.sections.map((s) => s.title)).toEqual([
      '目的',
      '收集的信息',
      '谁能看到',
      '保存期限',
      '如何撤回',
    ])

    expect(
      await codeOf(emu, 'privacy', 'consent', { decision: 'grant', version: CONSENT_VERSION + 1 }, A),
    ).toBe('CONSENT_VERSION_OUTDATED')
    const granted = await ok(emu, 'privacy', 'consent', { decision: 'grant', version: CONSENT_VERSION }, A)
    expect(granted).toEqual({
      version: CONSENT_VERSION,
      at: expect.stringMatching(/^2026-11-27T02:00/),
      withdrawnAt: null,
      current: true,
    })
    expect((await checkIn(A)).result.ok).toBe(true)
    expect(await makeup(A, 'm1')).toBe('OK')

    await setNow(emu, '2026-11-27T03:00:00Z')
    const withdrawn = await ok(
      emu,
      'privacy',
      'consent',
      { decision: 'withdraw', version: CONSENT_VERSION },
      A,
    )
    expect(withdrawn).toMatchObject({
      current: false,
      withdrawnAt: expect.stringMatching(/^2026-11-27T03:00/),
    })
    expect(await makeup(A, 'm1')).toBe('CONSENT_REQUIRED')
    await setNow(emu, '2026-11-30T01:00:00Z') // Monday: a new day to check in
    expect((await checkIn(A)).result).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' })

    const log = docs<{ action: string; version: number; at: Date }>(emu, 'privacy_log', { memberId: 'm1' })
    expect(log.map((l) => [l.action, l.version, new Date(l.at).toISOString().slice(0, 16)])).toEqual([
      ['grant', CONSENT_VERSION, '2026-11-27T02:00'],
      ['withdraw', CONSENT_VERSION, '2026-11-27T03:00'],
    ])
    expect((await ok(emu, 'privacy', 'status', {}, A)).consent?.current).toBe(false)
  })

  it('refuses health fields outside the schema (minimisation), storing nothing', async () => {
    const extra = { ...report, bloodPressure: '120/80' }
    expect(await codeOf(emu, 'checkin', 'submit', { report: extra, clientRequestId: rid() }, B)).toBe(
      'INVALID_INPUT',
    )
    expect(docs<CheckinDoc>(emu, COLLECTIONS.checkins, { memberId: 'm2' })).toEqual([])
  })

  it('an unbound user cannot consent', async () => {
    expect(await codeOf(emu, 'privacy', 'consent', { decision: 'grant', version: 1 }, 'o-nobody')).toBe(
      'NOT_BOUND',
    )
  })
})
