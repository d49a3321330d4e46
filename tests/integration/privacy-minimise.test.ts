// Minimisation through the emulator: under a lean company policy the check-in and make-up functions store only the
// health fields the policy requires (plus `status` and the member's optional note); fields outside the report
// schema are refused. The stored documents are read back through the real wx-server-sdk, as a function would.
import type { HealthReport } from '@core/health'
import type { ReportField } from '@core/policy'
import { checkinId, COLLECTIONS, type MakeupDoc } from '@core/makeup'
import {
  A,
  B,
  codeOf,
  COMPANY,
  docs,
  fileOf,
  fixture,
  FRIDAY_10,
  load,
  makeupInput,
  ok,
  rid,
} from './harness'
import { useEmulator } from './fixture'

jest.setTimeout(120_000)

const full: HealthReport = {
  status: 'unwell',
  temperature: 37.2,
  region: '上海',
  healthCode: 'yellow',
  note: '咳嗽',
}

let db: {
  collection(name: string): { doc(id: string): { get(): Promise<{ data: Record<string, unknown> }> } }
}
const emu = useEmulator({
  functions: ['checkin', 'makeup', 'review'],
  files: true,
  ready: (emu) => {
    Object.assign(process.env, emu.sdkEnv('o-reader'))
    // required only now: the SDK reads process.env, which points it at the emulator
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    db = cloud.database()
  },
  at: FRIDAY_10,
})

const lean = (requiredFields: ReportField[]) => load(emu, fixture({ requiredFields }))
const storedReport = async (collection: string, id: string) =>
  (await db.collection(collection).doc(id).get()).data.report

const leanInput = (report: object) => makeupInput('2026-11-26', { report: report as HealthReport })

describe('a lean policy (region and reason only)', () => {
  beforeEach(() => lean(['region', 'reason']))

  it('the daily check-in stores status, region and the note; temperature and health code are dropped', async () => {
    await ok(emu, 'checkin', 'submit', { report: full, clientRequestId: rid() }, A)
    expect(await storedReport(COLLECTIONS.checkins, checkinId('m1', '2026-11-27'))).toEqual({
      status: 'unwell',
      region: '上海',
      note: '咳嗽',
    })
  })

  it('a make-up and its resubmission store only the required fields', async () => {
    const req = await ok(emu, 'makeup', 'submit', leanInput(full), A)
    expect(await storedReport(COLLECTIONS.makeups, req.id)).toEqual({
      status: 'unwell',
      region: '上海',
      note: '咳嗽',
    })
    // a reviewer sends it back (set directly), the member resubmits without a note
    const stored = docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: req.id })[0]
    load(emu, {
      ...fixture({ requiredFields: ['region', 'reason'] }),
      makeups: [{ ...stored, status: 'returned' }],
    })
    const { note: _dropped, ...noNote } = full
    const again = {
      id: req.id,
      report: { ...noNote, region: '杭州' },
      reason: '补充说明',
      attachments: [fileOf(COMPANY, 'm1')],
      attachmentKind: 'healthCode',
    }
    await ok(emu, 'makeup', 'resubmit', again, A)
    expect(await storedReport(COLLECTIONS.makeups, req.id)).toEqual({ status: 'unwell', region: '杭州' })
  })

  it("HR's corrections and on-behalf entries keep to the same minimum", async () => {
    load(emu, fixture({ requiredFields: ['region', 'reason'] }, { m2: { roles: ['employee', 'hr'] } }))
    const entry = { memberId: 'm1', day: '2026-11-26', report: full, channel: 'phone', note: '电话报备' }
    const entered = await ok(emu, 'review', 'onBehalf', entry, B)
    const minimum = { status: 'unwell', region: '上海', note: '咳嗽' }
    expect(entered.report).toEqual(minimum)
    expect(await storedReport(COLLECTIONS.checkins, checkinId('m1', '2026-11-26'))).toEqual(minimum)
    const fixed = { memberId: 'm1', day: '2026-11-26', report: { ...full, region: '杭州' }, note: '地区更正' }
    await ok(emu, 'review', 'correct', fixed, B)
    expect(await storedReport(COLLECTIONS.checkins, checkinId('m1', '2026-11-26'))).toEqual({
      ...minimum,
      region: '杭州',
    })
  })

  it('the member is asked only the required fields; a required one missing is FIELD_REQUIRED, nothing stored', async () => {
    const me = await ok(emu, 'checkin', 'me', {}, A)
    expect(me.member?.reportFields).toEqual(['region'])
    const lean = { status: 'well', region: '上海' }
    expect(
      await codeOf(emu, 'checkin', 'submit', { report: { status: 'well' }, clientRequestId: rid() }, A),
    ).toBe('FIELD_REQUIRED')
    expect(docs(emu, COLLECTIONS.checkins, {})).toHaveLength(0)
    await ok(emu, 'checkin', 'submit', { report: lean, clientRequestId: rid() }, A)
    expect(await storedReport(COLLECTIONS.checkins, checkinId('m1', '2026-11-27'))).toEqual(lean)
  })

  it('a dropped temperature is not judged: an implausible value cannot refuse the check-in', async () => {
    await ok(emu, 'checkin', 'submit', { report: { ...full, temperature: 45 }, clientRequestId: rid() }, A)
    expect(await storedReport(COLLECTIONS.checkins, checkinId('m1', '2026-11-27'))).not.toHaveProperty(
      'temperature',
    )
  })
})

describe('a policy that requires the temperature', () => {
  beforeEach(() => lean(['temperature', 'reason']))

  it('keeps it (and still refuses an implausible one)', async () => {
    expect(
      await codeOf(
        emu,
        'checkin',
        'submit',
        { report: { ...full, temperature: 45 }, clientRequestId: rid() },
        A,
      ),
    ).toBe('TEMPERATURE_OUT_OF_RANGE')
    const req = await ok(emu, 'makeup', 'submit', leanInput(full), A)
    expect(await storedReport(COLLECTIONS.makeups, req.id)).toEqual({
      status: 'unwell',
      temperature: 37.2,
      note: '咳嗽',
    })
  })

  it('refuses a field outside the report schema, storing nothing', async () => {
    expect(await codeOf(emu, 'makeup', 'submit', leanInput({ ...full, bloodPressure: '120/80' }), A)).toBe(
      'INVALID_INPUT',
    )
    expect(docs<MakeupDoc>(emu, COLLECTIONS.makeups, { memberId: 'm1' })).toEqual([])
  })
})
