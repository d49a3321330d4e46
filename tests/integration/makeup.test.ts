import { LEAVE_COLLECTION, leaveDocId, type LeaveDoc } from '@core/leave'
import {
  type AuditDoc,
  type CheckinDoc,
  COLLECTIONS,
  type MakeupDoc,
  type MakeupSubmitInput,
  type SpecialDoc,
  checkinId,
} from '@core/makeup'
import { addDays, dayRange, isWorkingDay } from '@core/calendar'
import { cycleKey, type QuotaCycle } from '@core/policy'
import {
  A,
  B,
  C2,
  call,
  codeOf,
  COMPANY,
  docs,
  fileOf,
  fixture,
  FRIDAY_10,
  load,
  makeupInput,
  ok,
  OTHER_COMPANY,
  report,
  rid,
  setNow,
  uploadFixtureFiles,
  quotaView,
  settle,
} from './harness'
import { useEmulator } from './fixture'
import { cycleCandidates } from '@server/facts'

// the machine is shared and small: concurrency tests get room; nothing here asserts timings
jest.setTimeout(120_000)

// Friday 2026-11-27 10:00 in Shanghai. Window: 3 working days; cap 3 per month; health-code screenshot required.
const emu = useEmulator({ files: true })

const input = makeupInput
const submit = (day: string, over: Partial<MakeupSubmitInput> = {}, who = A) =>
  call(emu, 'makeup', 'submit', input(day, over), who)
const codeOfSubmit = async (day: string, over: Partial<MakeupSubmitInput> = {}, who = A) => {
  const { result } = await submit(day, over, who)
  return result.ok ? 'OK' : result.code
}
const quota = (cycle = '2026-11') => quotaView(emu, `m1_${cycle}`)

async function start(policy = {}, members = {}) {
  load(emu, fixture(policy, members))
  await setNow(emu, FRIDAY_10)
}

describe('makeup.slots', () => {
  beforeEach(() => start())

  it('lists makeable days with deadlines, blocked days with one reason each, and the quota', async () => {
    const { result, roundTrips } = await call(emu, 'makeup', 'slots', {}, A)
    if (!result.ok) throw new Error(result.code)
    const view = result.data
    expect(roundTrips).toBe(1) // one aggregation: the caller and the facts
    expect(view.today).toBe('2026-11-27')
    expect(view.slots.map((s) => s.day)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26'])
    expect(view.slots[0].deadline).toBe('2026-11-27T23:59:59.999+08:00')
    expect(view.blocked.find((b) => b.day === '2026-11-23')?.code).toBe('MAKEUP_WINDOW_PASSED')
    expect(view.quota).toEqual([{ cycle: '2026-11', cap: 3, used: 0, remaining: 3 }])
  })

  it('reflects a check-in and an open request', async () => {
    await setNow(emu, '2026-11-26T02:00:00Z')
    await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)
    await setNow(emu, FRIDAY_10)
    await ok(emu, 'makeup', 'submit', input('2026-11-25'), A)
    const view = await ok(emu, 'makeup', 'slots', {}, A)
    const code = (d: string) => view.blocked.find((b) => b.day === d)?.code
    expect(code('2026-11-26')).toBe('DAY_ALREADY_CHECKED')
    expect(code('2026-11-25')).toBe('DAY_HAS_OPEN_REQUEST')
    expect(view.slots.map((s) => s.day)).toEqual(['2026-11-24'])
    expect(view.quota[0]).toMatchObject({ used: 1, remaining: 2 })
  })

  it.each([
    [{ kind: 'quarter' as const }, '2026-Q4', '2026-11-26'],
    [{ kind: 'custom' as const, startDay: 25 }, 'C2026-11-25', '2026-11-26'],
    [{ kind: 'custom' as const, startDay: 26 }, 'C2026-10-26', '2026-11-24'],
  ])('reads the quota document of a %j cycle in the same round trip', async (cycle, key, sameCycle) => {
    await start({ quota: { cycle, cap: 1, refundOnRejection: true } })
    await ok(emu, 'makeup', 'submit', input('2026-11-25'), A)
    expect(quota(key)).toMatchObject({ used: 1 })
    const view = await ok(emu, 'makeup', 'slots', {}, A)
    expect(view.quota).toContainEqual({ cycle: key, cap: 1, used: 1, remaining: 0 })
    expect(view.blocked.find((b) => b.day === sameCycle)?.code).toBe('QUOTA_EXHAUSTED')
    expect(await codeOf(emu, 'makeup', 'submit', input(sameCycle), A)).toBe('QUOTA_EXHAUSTED')
    const month = await ok(emu, 'checkin', 'month', { month: '2026-11' }, A)
    expect(month.days.find((d) => d.day === '2026-11-25')?.state).toBe('pending')
  })
})

describe('cycleCandidates', () => {
  it("holds every cycle key of every day, whatever the policy's cycle", () => {
    const days = dayRange('2026-01-01', '2027-03-31')
    const keys = new Set(cycleCandidates(days))
    const cycles: QuotaCycle[] = [{ kind: 'month' }, { kind: 'quarter' }]
    for (let startDay = 1; startDay <= 31; startDay++) cycles.push({ kind: 'custom', startDay })
    for (const day of days) for (const c of cycles) expect(keys.has(cycleKey(day, c))).toBe(true)
    for (const day of ['2026-02-28', '2026-03-01', '2026-12-31'])
      for (const c of cycles) expect(cycleCandidates([day])).toContain(cycleKey(day, c))
  })
})

describe('makeup.submit → list → detail → withdraw → resubmit', () => {
  beforeEach(() => start())

  it('submits a pending request, reserving quota, with an audit trail', async () => {
    const { result, roundTrips } = await submit('2026-11-25')
    if (!result.ok) throw new Error(result.code)
    expect(result.data).toMatchObject({ day: '2026-11-25', status: 'pending', charged: true })
    expect(quota()).toMatchObject({ used: 1, openDays: ['2026-11-25'] })
    const list = await ok(emu, 'makeup', 'list', {}, A)
    expect(list.map((r) => r.id)).toEqual([result.data.id])
    expect(await ok(emu, 'makeup', 'list', { status: 'approved' }, A)).toEqual([])
    const detail = await ok(emu, 'makeup', 'detail', { id: result.data.id }, A)
    expect(detail.timeline).toEqual([
      expect.objectContaining({
        action: 'submit',
        from: null,
        to: 'pending',
        actor: { kind: 'member', id: 'm1' },
      }),
    ])
    expect(detail.previews).toEqual([
      { fileID: fileOf(COMPANY, 'm1'), url: expect.stringMatching(/^https?:\/\//) },
    ])
    // caller and facts 1 (one aggregation) + files 1 (one storage call) + transaction 6 (start, read quota, write
    // quota, insert request, insert audit entry, commit): the floor of this design, see core/README.md; + 1 outbox
    // insert (the reviewers' notice, sent later by the notify function)
    expect(roundTrips).toBeLessThanOrEqual(9)
    // another member cannot read it
    expect(await codeOf(emu, 'makeup', 'detail', { id: result.data.id }, B)).toBe('REQUEST_NOT_FOUND')
    expect(await codeOf(emu, 'makeup', 'withdraw', { id: result.data.id }, B)).toBe('REQUEST_NOT_FOUND')
  })

  it('keeps the network failures the app recorded as evidence', async () => {
    const failures = [
      { at: '2026-11-25T08:59:12.000+08:00', error: 'request:fail timeout' },
      { at: '2026-11-25T09:03:40.000+08:00', error: 'request:fail net::ERR_INTERNET_DISCONNECTED' },
    ]
    const req = await ok(emu, 'makeup', 'submit', input('2026-11-25', { failures }), A)
    expect((await ok(emu, 'makeup', 'detail', { id: req.id }, A)).failures).toEqual(failures)
    const bad = [{ at: 'yesterday', error: 'x' }]
    expect(await codeOfSubmit('2026-11-24', { failures: bad })).toBe('INVALID_INPUT')
  })

  it('refuses failures of another day, in the future or too many, and such a refusal changes nothing', async () => {
    const before = { requests: docs(emu, COLLECTIONS.makeups), quota: quota() }
    const at = (iso: string) => ({ at: iso, error: 'NETWORK_FAILED' })
    // a failure one millisecond into the next day (Shanghai) is not the 25th's
    const nextDay = [at('2026-11-25T09:00:00+08:00'), at('2026-11-26T00:00:00.000+08:00')]
    expect(await codeOfSubmit('2026-11-25', { failures: nextDay })).toBe('FAILURES_OTHER_DAY')
    expect(await codeOfSubmit('2026-11-25', { failures: [at('2026-11-24T23:59:59.999+08:00')] })).toBe(
      'FAILURES_OTHER_DAY',
    )
    // today is Friday 27th 10:00: a failure at 11:00 has not happened yet
    expect(await codeOfSubmit('2026-11-25', { failures: [at('2026-11-27T11:00:00+08:00')] })).toBe(
      'FAILURES_IN_FUTURE',
    )
    const many = Array.from({ length: 21 }, (_, i) =>
      at(`2026-11-25T08:${String(i).padStart(2, '0')}:00+08:00`),
    )
    expect(await codeOfSubmit('2026-11-25', { failures: many })).toBe('FAILURES_TOO_MANY')
    const refused = await submit('2026-11-25', { failures: many })
    expect(refused.result).toMatchObject({
      ok: false,
      message: expect.stringContaining('20'),
      next: expect.any(String),
    })
    expect({ requests: docs(emu, COLLECTIONS.makeups), quota: quota() }).toEqual(before)
    // twenty of the day itself are kept
    const req = await ok(emu, 'makeup', 'submit', input('2026-11-25', { failures: many.slice(0, 20) }), A)
    expect(req.failures).toHaveLength(20)
  })

  it('the same client request id returns the first result', async () => {
    const id = rid()
    const first = await ok(emu, 'makeup', 'submit', input('2026-11-25', { clientRequestId: id }), A)
    const again = await ok(emu, 'makeup', 'submit', input('2026-11-24', { clientRequestId: id }), A)
    expect(again).toEqual(first)
    expect(docs(emu, COLLECTIONS.makeups)).toHaveLength(1)
    expect(quota().used).toBe(1)
  })

  it('stores the reason category: the one chosen, else network when failures are attached, else other', async () => {
    const chosen = await ok(emu, 'makeup', 'submit', { ...input('2026-11-24'), reasonKind: 'device' }, A)
    expect(chosen.reasonKind).toBe('device')
    const failures = [{ at: '2026-11-25T09:00:00+08:00', error: 'NETWORK_FAILED' }]
    const byEvidence = await ok(emu, 'makeup', 'submit', { ...input('2026-11-25'), failures }, A)
    expect(byEvidence.reasonKind).toBe('network')
    expect(
      docs<MakeupDoc>(emu, COLLECTIONS.makeups)
        .map((d) => d.reasonKind)
        .sort(),
    ).toEqual(['device', 'network'])
    expect(await codeOf(emu, 'makeup', 'submit', { ...input('2026-11-26'), reasonKind: 'bored' }, A)).toBe(
      'INVALID_INPUT',
    )
  })

  it('withdraw refunds the quota and frees the day; a retried withdraw answers the same, changing nothing', async () => {
    const stateOf = async (day: string) =>
      (await ok(emu, 'checkin', 'month', { month: '2026-11' }, A)).days.find((d) => d.day === day)?.state
    const req = await ok(emu, 'makeup', 'submit', input('2026-11-25'), A)
    expect(await stateOf('2026-11-25')).toBe('pending')
    const { result: withdrawn, roundTrips } = await call(
      emu,
      'makeup',
      'withdraw',
      { id: req.id, reason: '填错了' },
      A,
    )
    expect(withdrawn.ok && withdrawn.data.status).toBe('withdrawn')
    // the caller with the request (one aggregation), then one guarded update (it gives back day and unit)
    expect(roundTrips).toBe(2)
    expect(quota()).toMatchObject({ used: 0, openDays: [] })
    expect(await stateOf('2026-11-25')).toBe('missed')
    expect(await ok(emu, 'makeup', 'withdraw', { id: req.id }, A)).toEqual(withdrawn.ok && withdrawn.data)
    expect(quota()).toMatchObject({ used: 0, openDays: [] })
    // another member's id stays unknown, whatever its state
    expect(await codeOf(emu, 'makeup', 'withdraw', { id: req.id }, B)).toBe('REQUEST_NOT_FOUND')
    expect(await codeOfSubmit('2026-11-25')).toBe('OK')
    await settle(emu)
    const audit = docs<AuditDoc>(emu, COLLECTIONS.audit, { subjectId: req.id })
    expect(audit.map((a) => a.action).sort()).toEqual(['submit', 'withdraw'])
    // the member's words are not kept: the audit log holds no free text (PRIVACY.md)
    expect(audit.find((a) => a.action === 'withdraw')?.reason).toBe('')
  })

  it('resubmits a returned request with corrected content; pending ones cannot be resubmitted', async () => {
    const req = await ok(emu, 'makeup', 'submit', input('2026-11-25'), A)
    const fix = {
      id: req.id,
      report: { ...report, temperature: 36.8 },
      reason: '已补充截图',
      attachments: [fileOf(COMPANY, 'm1', 'b1.png')],
      attachmentKind: 'healthCode' as const,
    }
    expect(await codeOf(emu, 'makeup', 'resubmit', fix, A)).toBe('ILLEGAL_TRANSITION')
    // a reviewer sends it back (the review function is HR's; here the stored state is set directly)
    const stored = docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: req.id })[0]
    load(emu, {
      ...fixture(),
      makeups: [{ ...stored, status: 'returned' }],
    })
    await setNow(emu, FRIDAY_10)
    expect(await codeOf(emu, 'makeup', 'resubmit', { ...fix, attachments: [] }, A)).toBe(
      'ATTACHMENT_REQUIRED',
    )
    const again = await ok(emu, 'makeup', 'resubmit', fix, A)
    expect(again).toMatchObject({ status: 'pending', reason: '已补充截图', report: { temperature: 36.8 } })
    // the replaced photo is deleted at once (the shared fixture file is put back for the other tests)
    expect(emu.files.has(emu.files.pathOf(fileOf(COMPANY, 'm1'))!)).toBe(false)
    expect(emu.files.has(emu.files.pathOf(fix.attachments[0])!)).toBe(true)
    expect(docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: req.id })[0].discardedFiles).toEqual([])
    uploadFixtureFiles(emu)
    expect(quota()).toMatchObject({ used: 1, openDays: ['2026-11-25'] })
    // back in the queue: the reviewers are told again
    const told = docs<{ kind: string; values: { requestId: string } }>(emu, 'outbox').filter(
      (n) => n.kind === 'reviewNeeded' && n.values.requestId === req.id,
    )
    expect(told).toHaveLength(1)
    // the same resubmission again (its answer was lost): the same answer, nothing written twice
    expect(await ok(emu, 'makeup', 'resubmit', fix, A)).toEqual(again)
    const audit = docs<AuditDoc>(emu, COLLECTIONS.audit, { subjectId: req.id, action: 'resubmit' })
    expect(audit).toHaveLength(1)
    expect(docs(emu, 'outbox')).toHaveLength(told.length)
    // a returned request can also be withdrawn by its owner
    expect((await ok(emu, 'makeup', 'withdraw', { id: req.id }, A)).status).toBe('withdrawn')
  })

  it('with review off the request is approved at once and the effective record is written', async () => {
    await start({ review: 'auto' })
    const req = await ok(emu, 'makeup', 'submit', input('2026-11-25'), A)
    expect(req.status).toBe('approved')
    const record = docs<CheckinDoc>(emu, COLLECTIONS.checkins)[0]
    expect(record).toMatchObject({ day: '2026-11-25', source: 'makeup', requestId: req.id, memberId: 'm1' })
    expect(quota()).toMatchObject({ used: 1, openDays: [] })
    const month = await ok(emu, 'checkin', 'month', { month: '2026-11' }, A)
    expect(month.days.find((d) => d.day === '2026-11-25')?.state).toBe('madeUp')
    const detail = await ok(emu, 'makeup', 'detail', { id: req.id }, A)
    expect(detail.timeline.map((t) => t.action)).toEqual(['submit', 'autoApprove'])
    expect(await codeOfSubmit('2026-11-25')).toBe('DAY_ALREADY_CHECKED')
  })
})

describe('every refusal: catalogued code, nothing written, no quota consumed', () => {
  afterEach(() => {
    const writes = docs<MakeupDoc>(emu, COLLECTIONS.makeups).filter(
      (m) => m.memberId === 'm1' && m.status === 'pending',
    )
    expect(writes.length).toBe(expectedOpen)
    expect(quota()?.used ?? 0).toBe(expectedOpen)
  })
  let expectedOpen = 0
  beforeEach(() => {
    expectedOpen = 0
  })

  it.each([
    ['a future day', '2026-11-28', {}, 'DAY_IN_FUTURE'],
    ['today while the check-in is open', '2026-11-27', {}, 'DAY_TODAY_CHECKIN_OPEN'],
    ['a rest day', '2026-11-22', {}, 'DAY_NOT_REQUIRED'],
    ['past the window', '2026-11-23', {}, 'MAKEUP_WINDOW_PASSED'],
    ['no attachment', '2026-11-25', { attachments: [] }, 'ATTACHMENT_REQUIRED'],
    ['the wrong kind of attachment', '2026-11-25', { attachmentKind: 'testReport' }, 'ATTACHMENT_REQUIRED'],
    ["another member's file", '2026-11-25', { attachments: [fileOf(COMPANY, 'm2')] }, 'ATTACHMENT_FORBIDDEN'],
    [
      "another company's file",
      '2026-11-25',
      { attachments: [fileOf(OTHER_COMPANY, 'm1')] },
      'ATTACHMENT_FORBIDDEN',
    ],
    [
      'a path trick',
      '2026-11-25',
      { attachments: [fileOf(COMPANY, 'm1', '../m2/x.jpg')] },
      'ATTACHMENT_FORBIDDEN',
    ],
    [
      'a disallowed type',
      '2026-11-25',
      { attachments: [fileOf(COMPANY, 'm1', 'scan.pdf')] },
      'ATTACHMENT_INVALID',
    ],
    [
      'a PDF renamed to .jpg (real type checked)',
      '2026-11-25',
      { attachments: [fileOf(COMPANY, 'm1', 'renamed.jpg')] },
      'ATTACHMENT_INVALID',
    ],
    [
      'a file over the size limit',
      '2026-11-25',
      { attachments: [fileOf(COMPANY, 'm1', 'huge.jpg')] },
      'ATTACHMENT_INVALID',
    ],
    [
      'a file that was never uploaded',
      '2026-11-25',
      { attachments: [fileOf(COMPANY, 'm1', 'missing.jpg')] },
      'ATTACHMENT_INVALID',
    ],
    ['an empty reason', '2026-11-25', { reason: '' }, 'FIELD_REQUIRED'],
    [
      'an absurd temperature',
      '2026-11-25',
      { report: { ...report, temperature: 50 } },
      'TEMPERATURE_OUT_OF_RANGE',
    ],
    ['an operator object as the day', { $gte: '2026-11-01' }, {}, 'INVALID_INPUT'],
    [
      'an operator object in the report',
      '2026-11-25',
      { report: { ...report, region: { $ne: 1 } } },
      'INVALID_INPUT',
    ],
    ['oversize text', '2026-11-25', { reason: '长'.repeat(301) }, 'INVALID_INPUT'],
  ] as [string, string, Partial<MakeupSubmitInput>, string][])('%s → %s', async (_label, day, over, code) => {
    await start()
    expect(await codeOfSubmit(day, over)).toBe(code)
  })

  it('before joining', async () => {
    await start({}, { m1: { joinedOn: '2026-11-26' } })
    expect(await codeOfSubmit('2026-11-25')).toBe('DAY_BEFORE_JOINING')
  })

  it('not enabled for this member', async () => {
    await start({ enablement: 'enabled-only' }, { m1: { makeupEnabled: false } })
    expect(await codeOfSubmit('2026-11-25')).toBe('MAKEUP_NOT_ENABLED')
  })

  it('client too old', async () => {
    await start({ minClientVersion: '2.3.0' })
    expect(await codeOfSubmit('2026-11-25', { clientVersion: '2.2.0' })).toBe('CLIENT_TOO_OLD')
    expect(await codeOfSubmit('2026-11-25')).toBe('CLIENT_TOO_OLD')
  })

  it('region override: identity binding required in 上海', async () => {
    await start({ regions: { 上海: { identityBinding: true } } }, { m1: { region: '上海' } })
    expect(await codeOfSubmit('2026-11-25', { report: { ...report, region: '上海' } })).toBe(
      'IDENTITY_BINDING_REQUIRED',
    )
  })

  it('cross-region day: judged by the region the employee reports for that day', async () => {
    await start({ regions: { 上海: { identityBinding: true } } }, { m1: { region: '北京' } })
    expect(await codeOfSubmit('2026-11-25', { report: { ...report, region: '上海' } })).toBe(
      'IDENTITY_BINDING_REQUIRED',
    )
  })

  it('gates about the person follow the person: a 上海 member who types 北京 keeps 上海’s rules', async () => {
    await start(
      { regions: { 上海: { identityBinding: true, extraVerification: true, adminAuthorisation: true } } },
      { m1: { region: '上海', makeupEnabled: true } },
    )
    for (const region of ['北京', '深圳'])
      expect(await codeOfSubmit('2026-11-25', { report: { ...report, region } })).toBe(
        'IDENTITY_BINDING_REQUIRED',
      )
    await start(
      { regions: { 上海: { adminAuthorisation: true } } },
      { m1: { region: '上海', makeupEnabled: false } },
    )
    expect(await codeOfSubmit('2026-11-25', { report: { ...report, region: '北京' } })).toBe(
      'MAKEUP_NOT_ENABLED',
    )
  })

  it('region override: extra verification', async () => {
    await start({ regions: { 北京: { extraVerification: true } } })
    expect(await codeOfSubmit('2026-11-25')).toBe('EXTRA_VERIFICATION_REQUIRED')
  })

  it('cut-off day passed for last month', async () => {
    await start({ window: { days: 10, unit: 'natural' }, cutoffDay: 2 })
    await setNow(emu, '2026-11-03T02:00:00Z')
    expect(await codeOfSubmit('2026-10-30')).toBe('MAKEUP_CUTOFF_PASSED')
  })

  it('quota used up', async () => {
    await start({ quota: { cycle: { kind: 'month' }, cap: 1, refundOnRejection: true } })
    expect(await codeOfSubmit('2026-11-25')).toBe('OK')
    expectedOpen = 1
    expect(await codeOfSubmit('2026-11-24')).toBe('QUOTA_EXHAUSTED')
  })

  it('already checked in / already has an open request', async () => {
    await start()
    await setNow(emu, '2026-11-26T02:00:00Z')
    await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)
    await setNow(emu, FRIDAY_10)
    expect(await codeOfSubmit('2026-11-26')).toBe('DAY_ALREADY_CHECKED')
    expect(await codeOfSubmit('2026-11-25')).toBe('OK')
    expectedOpen = 1
    expect(await codeOfSubmit('2026-11-25')).toBe('DAY_HAS_OPEN_REQUEST')
  })

  it('not bound', async () => {
    await start()
    expect(await codeOfSubmit('2026-11-25', {}, 'o-stranger')).toBe('NOT_BOUND')
  })
})

describe('the UTC evening (16:00–24:00 UTC is already tomorrow in Shanghai)', () => {
  it('a deadline at the end of a Shanghai day passes at 16:00 UTC, not at midnight UTC', async () => {
    await start()
    // Tue 24th: window Wed, Thu, Fri → deadline Fri 27th 23:59:59 Shanghai = 15:59:59 UTC
    await setNow(emu, '2026-11-27T15:58:00Z')
    expect(await codeOfSubmit('2026-11-24')).toBe('OK')
    await start()
    await setNow(emu, '2026-11-27T16:01:00Z')
    expect(await codeOfSubmit('2026-11-24')).toBe('MAKEUP_WINDOW_PASSED')
  })

  it('at 17:00 UTC on Monday, Monday is already a past day that can be made up', async () => {
    await start()
    await setNow(emu, '2026-11-30T17:00:00Z')
    const view = await ok(emu, 'makeup', 'slots', {}, A)
    expect(view.today).toBe('2026-12-01')
    expect(view.slots.map((s) => s.day)).toContain('2026-11-30')
    // the missed day counts to November's quota although it is December in Shanghai
    const req = await ok(emu, 'makeup', 'submit', input('2026-11-30'), A)
    expect(docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: req.id })[0].cycle).toBe('2026-11')
  })
})

describe('special handling past the window', () => {
  beforeEach(() => start())

  it('files a request for a past-window day once; HR grants it; the day becomes makeable once', async () => {
    expect(
      await codeOf(
        emu,
        'makeup',
        'special',
        { day: '2026-11-25', reason: '出差', evidence: [], clientRequestId: rid() },
        A,
      ),
    ).toBe('SPECIAL_NOT_NEEDED')
    expect(
      await codeOf(
        emu,
        'makeup',
        'special',
        { day: '2026-11-22', reason: '出差', evidence: [], clientRequestId: rid() },
        A,
      ),
    ).toBe('DAY_NOT_REQUIRED')
    expect(
      await codeOf(
        emu,
        'makeup',
        'special',
        { day: '2026-11-20', reason: '出差', evidence: [fileOf(COMPANY, 'm2')], clientRequestId: rid() },
        A,
      ),
    ).toBe('ATTACHMENT_FORBIDDEN')
    const sp = await ok(
      emu,
      'makeup',
      'special',
      { day: '2026-11-20', reason: '出差无网络', evidence: [fileOf(COMPANY, 'm1')], clientRequestId: rid() },
      A,
    )
    expect(sp).toMatchObject({ day: '2026-11-20', status: 'pending' })
    expect(
      await codeOf(
        emu,
        'makeup',
        'special',
        { day: '2026-11-20', reason: '再次', evidence: [], clientRequestId: rid() },
        A,
      ),
    ).toBe('SPECIAL_ALREADY_REQUESTED')
    expect((await ok(emu, 'makeup', 'specials', {}, A)).map((s) => s.id)).toEqual([sp.id])

    // HR grants it until Monday end (the HR function's job; set directly here)
    const stored = docs<SpecialDoc>(emu, COLLECTIONS.specials, { _id: sp.id })[0]
    load(emu, {
      ...fixture(),
      specials: [{ ...stored, status: 'granted', grantDeadline: new Date('2026-11-30T15:59:59.999Z') }],
    })
    await setNow(emu, FRIDAY_10)
    const view = await ok(emu, 'makeup', 'slots', {}, A)
    expect(view.slots.find((s) => s.day === '2026-11-20')).toMatchObject({
      granted: true,
      deadline: '2026-11-30T23:59:59.999+08:00',
    })
    const month = await ok(emu, 'checkin', 'month', { month: '2026-11' }, A)
    expect(month.days.find((d) => d.day === '2026-11-20')?.state).toBe('granted')
    expect(await codeOfSubmit('2026-11-20')).toBe('OK')
    expect(docs<SpecialDoc>(emu, COLLECTIONS.specials, { _id: sp.id })[0].used).toBe(true)
  })
})

describe('maintenance', () => {
  it('days overlapping a maintenance window get a longer deadline and are not charged', async () => {
    load(emu, {
      ...fixture({ quota: { cycle: { kind: 'month' }, cap: 1, refundOnRejection: true } }),
      maintenance: [
        {
          _id: 'mw1',
          companyId: COMPANY,
          start: new Date('2026-11-20T01:00:00Z'),
          end: new Date('2026-11-23T01:00:00Z'),
          note: '系统升级',
        },
      ],
    })
    await setNow(emu, FRIDAY_10)
    const view = await ok(emu, 'makeup', 'slots', {}, A)
    expect(view.slots.find((s) => s.day === '2026-11-20')).toMatchObject({ charged: false })
    const req = await ok(emu, 'makeup', 'submit', input('2026-11-20'), A)
    expect(req.charged).toBe(false)
    expect(quota()).toMatchObject({ used: 0, openDays: ['2026-11-20'] })
    expect(await codeOfSubmit('2026-11-25')).toBe('OK')
  })
})

describe('multi-company isolation', () => {
  it("a member of another company sees only their own company's data", async () => {
    await start()
    await ok(emu, 'makeup', 'submit', input('2026-11-25'), A)
    expect(await ok(emu, 'makeup', 'list', {}, C2)).toEqual([])
    expect((await ok(emu, 'makeup', 'slots', {}, C2)).quota[0].used).toBe(0)
  })
})

describe('a make-up window longer than a month', () => {
  const today = '2026-11-27'
  const natural = (days: number) => ({
    window: { days, unit: 'natural' as const },
    quota: { cycle: { kind: 'month' as const }, cap: null, refundOnRejection: true },
  })
  const working = (from: string) =>
    dayRange(from, addDays(today, -1)).filter((d) => isWorkingDay(d, fixture().companies[0].policy.calendar))

  it('a 31-day window lists all its days in one round trip', async () => {
    load(emu, fixture(natural(31)))
    await setNow(emu, FRIDAY_10)
    const { result, roundTrips } = await call(emu, 'makeup', 'slots', {}, A)
    if (!result.ok) throw new Error(result.code)
    expect(roundTrips).toBe(1)
    expect(result.data.slots.map((x) => x.day).sort()).toEqual(working(addDays(today, -31)))
  })

  it('a 90-day window lists every day it allows, its older days read in pages, facts of those days included', async () => {
    const f = fixture(natural(90), { m1: { joinedOn: '2025-01-01' } })
    // m1 checked in 80 days ago: that day needs nothing, though it lies past the first read
    const checked = addDays(today, -80)
    f.checkins = [
      {
        _id: checkinId('m1', checked),
        companyId: COMPANY,
        memberId: 'm1',
        day: checked,
        report,
        source: 'daily',
        at: new Date(`${checked}T01:00:00Z`),
      },
    ] as never[]
    // and was on leave 70 days ago (a working day): no make-up needed there either
    const away = working(addDays(today, -72)).find((d) => d >= addDays(today, -72))!
    const leave: LeaveDoc = {
      _id: leaveDocId('m1', away),
      companyId: COMPANY,
      memberId: 'm1',
      day: away,
      kind: 'leave',
      entryId: 'e1',
      by: 'h1',
      at: new Date(`${away}T01:00:00Z`),
    }
    load(emu, { ...f, [LEAVE_COLLECTION]: [leave] })
    await setNow(emu, FRIDAY_10)
    const { result, roundTrips } = await call(emu, 'makeup', 'slots', {}, A)
    if (!result.ok) throw new Error(result.code)
    // the first read (the caller and 38 days), then the older 59 days in two pages read at once
    expect(roundTrips).toBe(3)
    expect(result.data.slots.map((x) => x.day).sort()).toEqual(
      working(addDays(today, -90)).filter((d) => d !== checked && d !== away),
    )
    expect(result.data.blocked.find((b) => b.day === checked)?.code).toBe('DAY_ALREADY_CHECKED')
    expect(result.data.blocked.find((b) => b.day === away)?.code).toBe('DAY_ON_LEAVE')
    // and such a day can be made up
    const old = addDays(today, -85)
    const day = isWorkingDay(old, f.companies[0].policy.calendar) ? old : addDays(old, -2)
    const req = await ok(emu, 'makeup', 'submit', input(day), A)
    expect(req.day).toBe(day)
  })
})
