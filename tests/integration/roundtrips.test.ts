// Admin calls (database + storage, the emulator's per-invocation counter) of what employees and HR do, on the demo
// company. On CloudBase each is a network round trip, so these counts are what users wait for; they are
// deterministic, hence asserted exactly (core/README.md, "Round trips", explains each).
import { EJSON } from 'bson'
import type { Emulator } from '@emulator/index'
import { buildDemoSeed, DEMO_EMPLOYEE_OPENID, HR_OPENID } from '@database/seed'
import { call, fileOf, setNow, startFunctionsEmulator } from './harness'

jest.setTimeout(120_000)

// Wednesday 2026-11-25 10:00 in Shanghai: the demo employees have makeable days
const NOW = new Date('2026-11-25T02:00:00Z')
const report = { status: 'well', temperature: 36.5, region: '北京', healthCode: 'green' } as const
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0])
/** the demo employees (in 北京: no identity check) whose requests HR decides; o-emp-n is member m-00<n+3> */
const DECIDED = [3, 4, 6, 7, 9, 10, 12]
const REVIEWED = new Set(DECIDED.map((n) => `m-${String(n + 3).padStart(3, '0')}`))
const emp = (n: number) => `o-emp-${String(n).padStart(2, '0')}`
/** members HR enters in one batch after an outage (o-emp-13 … 15, consented): they missed Monday and Tuesday */
const BATCHED = ['m-016', 'm-017', 'm-018']
const OUTAGE = ['2026-11-23', '2026-11-24']

let emu: Emulator
beforeAll(async () => {
  emu = await startFunctionsEmulator(['checkin', 'makeup', 'review'])
  const seed = buildDemoSeed(NOW).collections as Record<string, { memberId?: string; day?: string }[]>
  // the reviewed employees missed Monday: each has a day to make up
  seed.checkins = seed.checkins.filter((c) => !(REVIEWED.has(c.memberId ?? '') && c.day === '2026-11-23'))
  seed.checkins = seed.checkins.filter(
    (c) => !(BATCHED.includes(c.memberId ?? '') && OUTAGE.includes(c.day ?? '')),
  )
  emu.store.reset(EJSON.serialize(seed, { relaxed: false }) as Record<string, unknown[]>)
  await setNow(emu, NOW)
}, 120_000)
afterAll(() => emu?.close())

let seq = 0
/** The member behind an openid and a day they may make up (any refusal fails the test). */
async function slotOf(openid: string) {
  const me = await call(emu, 'checkin', 'me', {}, openid)
  if (!me.result.ok || !me.result.data.member) throw new Error(`${openid} is not a bound member`)
  const slots = await call(emu, 'makeup', 'slots', {}, openid)
  if (!slots.result.ok || !slots.result.data.slots[0]) throw new Error(`${openid}: no slot`)
  return { memberId: me.result.data.member.memberId, day: slots.result.data.slots[0].day, slots }
}

async function submitAs(openid: string) {
  const { memberId, day } = await slotOf(openid)
  const file = fileOf('c-demo', memberId, `f0a1b2c${seq}.jpg`)
  emu.files.put(`companies/c-demo/members/${memberId}/f0a1b2c${seq}.jpg`, JPEG)
  const r = await call(
    emu,
    'makeup',
    'submit',
    {
      day,
      report,
      reason: '忘记打卡',
      attachments: [file],
      attachmentKind: 'healthCode',
      clientRequestId: `roundtrip-${seq++}`,
    },
    openid,
  )
  if (!r.result.ok) throw new Error(`submit refused: ${r.result.code}`)
  return { id: r.result.data.id, roundTrips: r.roundTrips }
}

describe('admin calls per action (demo company)', () => {
  const counts: Record<string, number> = {}
  afterAll(() => console.log(`admin calls: ${JSON.stringify(counts)}`))

  it('employee: allowed days 1, make-up submit with a photo, request detail, withdraw', async () => {
    const { slots } = await slotOf(DEMO_EMPLOYEE_OPENID)
    counts.allowedDays = slots.roundTrips
    expect(slots.roundTrips).toBe(1)
    const submitted = await submitAs(DEMO_EMPLOYEE_OPENID)
    counts.submit = submitted.roundTrips
    const detail = await call(emu, 'makeup', 'detail', { id: submitted.id }, DEMO_EMPLOYEE_OPENID)
    expect(detail.result).toMatchObject({ ok: true, data: { id: submitted.id, status: 'pending' } })
    counts.detail = detail.roundTrips
    const withdraw = await call(emu, 'makeup', 'withdraw', { id: submitted.id }, DEMO_EMPLOYEE_OPENID)
    expect(withdraw.result).toMatchObject({ ok: true, data: { status: 'withdrawn' } })
    counts.withdraw = withdraw.roundTrips
    // caller + day facts + the cycle's holders (1), the photo's check (1 storage), the insert that is the
    // reservation, its audit entry and notice as events (1): core/README.md
    expect(submitted.roundTrips).toBe(3)
    // caller + request (1), then at once its audit entries (1) and the preview links (1 storage)
    expect(detail.roundTrips).toBe(3)
    // caller + request (1), the guarded update that gives back day and unit with its event (1)
    expect(withdraw.roundTrips).toBe(2)
  })

  it('HR: monthly report page 2', async () => {
    const page = await call(emu, 'review', 'monthly', { month: '2026-11' }, HR_OPENID)
    expect(page.result.ok).toBe(true)
    counts.monthlyReportPage = page.roundTrips
    // the reviewer, then 50 members with their month's check-ins, grants, quota and leave documents
    expect(page.roundTrips).toBe(2)
  })

  it('employee: daily check-in 2, my month 1', async () => {
    const month = await call(emu, 'checkin', 'month', { month: '2026-11' }, emp(5))
    expect(month.result.ok).toBe(true)
    counts.month = month.roundTrips
    const daily = await call(
      emu,
      'checkin',
      'submit',
      { report, clientRequestId: `roundtrip-d-${seq++}` },
      emp(5),
    )
    counts.dailyCheckin = daily.roundTrips
    expect(month.roundTrips).toBe(1)
    expect(daily.roundTrips).toBe(2)
  })

  it('HR: queue page 3, request detail, approve / reject / return, bulk approve of N', async () => {
    const queue = await call(emu, 'review', 'queue', {}, HR_OPENID)
    expect(queue.result.ok).toBe(true)
    counts.queuePage = queue.roundTrips
    const ids: string[] = []
    for (const n of DECIDED) ids.push((await submitAs(emp(n))).id)
    const detail = await call(emu, 'review', 'detail', { id: ids[0] }, HR_OPENID)
    expect(detail.result.ok).toBe(true)
    counts.reviewDetail = detail.roundTrips
    const approve = await call(emu, 'review', 'decide', { id: ids[0], decision: 'approve' }, HR_OPENID)
    expect(approve.result).toMatchObject({ ok: true, data: { status: 'approved' } })
    const reject = await call(
      emu,
      'review',
      'decide',
      { id: ids[1], decision: 'reject', reasonCode: 'attachmentUnclear', note: '' },
      HR_OPENID,
    )
    expect(reject.result).toMatchObject({ ok: true, data: { status: 'rejected' } })
    const ret = await call(
      emu,
      'review',
      'decide',
      { id: ids[2], decision: 'return', note: '补充照片' },
      HR_OPENID,
    )
    expect(ret.result).toMatchObject({ ok: true, data: { status: 'returned' } })
    Object.assign(counts, { approve: approve.roundTrips, reject: reject.roundTrips, return: ret.roundTrips })
    const bulk = await call(emu, 'review', 'bulkApprove', { ids: ids.slice(3) }, HR_OPENID)
    expect(bulk.result).toMatchObject({ ok: true, data: { results: ids.slice(3).map(() => ({ ok: true })) } })
    counts.bulkApprove4 = bulk.roundTrips
    // the page (1), its count (1), and the access-log entries of the requests it shows (1)
    expect(queue.roundTrips).toBe(3)
    // reviewer + request (1), then in parallel: what the detail shows (1), preview links (1), access log (1)
    expect(detail.roundTrips).toBe(4)
    // reviewer + request (1), the guarded update with its events (1), the effective record (approval only)
    expect([approve.roundTrips, reject.roundTrips, ret.roundTrips]).toEqual([3, 2, 2])
    // reviewer + requests (1), one guarded update of all (1), which it approved (1), their records (1)
    expect(bulk.roundTrips).toBe(4)
    const revoke = await call(
      emu,
      'review',
      'revoke',
      { id: ids[0], reasonCode: 'approvedByMistake' },
      HR_OPENID,
    )
    expect(revoke.result).toMatchObject({ ok: true, data: { status: 'revoked' } })
    counts.revoke = revoke.roundTrips
    // reviewer + request (1), then the transaction: start, read request, read the effective record (written by
    // the approval?), remove it, write the request (day and unit given back), insert audit entry, notice, commit
    expect(revoke.roundTrips).toBe(9)
  })

  it('HR: batch entry of 3 members × 2 days, preview 2 and run 2 + 6 per record', async () => {
    const input = { memberIds: BATCHED, days: OUTAGE, report, channel: 'phone', note: '系统故障期间电话报备' }
    const preview = await call(emu, 'review', 'batchPreview', input, HR_OPENID)
    if (!preview.result.ok) throw new Error(preview.result.code)
    const run = await call(
      emu,
      'review',
      'batchOnBehalf',
      { ...input, batchId: 'roundtrip-batch-1' },
      HR_OPENID,
    )
    if (!run.result.ok) throw new Error(run.result.code)
    const created = run.result.data.items.filter((i) => i.ok && !i.already).length
    expect(run.result.data.items.map((i) => (i.ok ? 'OK' : i.code))).toEqual(Array(6).fill('OK'))
    counts.batchPreview6 = preview.roundTrips
    counts.batchRun6 = run.roundTrips
    // the reviewer (1), the plan's facts in one aggregation (1)
    expect(preview.roundTrips).toBe(2)
    // the same two, then one transaction per record: start, read record, insert the claim on day and unit,
    // insert record, insert audit entry, commit
    expect(run.roundTrips).toBe(2 + 6 * created)
  })
})
