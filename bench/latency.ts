// What users wait for on the real cloud, where every admin call (database, storage) and file download is a
// network round trip: the emulator delays each by a fixed time (`callDelayMs`), and this measures an employee's
// make-up submit (with a photo), HR's approval and HR's bulk approval of 50 at 0, 10, 20 and 25 ms per call.
// Timings are the function's duration (the emulator's invocation report), also as a ratio to the smallest real
// invocation (one read, no delay) measured in the same run.
// Run: npx tsx bench/latency.ts [iterations]   (default 12; targets at 20 ms: submit and approve p95 ≤ 120 ms,
// bulk approve of 50 ≤ 3 s)
import { EJSON } from 'bson'
import { DEFAULT_POLICY } from '@core/policy'
import { CONSENT_VERSION } from '@core/privacy'
import type { CompanyDoc, MemberDoc } from '@core/makeup'
import type { Emulator } from '@emulator/index'
import { fileOf } from './employee-fixture'
import { percentiles, startBenchEmulator } from './support'

const N = Number(process.argv[2] ?? 12)
const DELAYS = [0, 10, 20, 25]
const BULK = 50
const MEMBERS = 100
// Wednesday 10:00 Shanghai: the three working days before are makeable
const NOW = new Date('2026-11-25T02:00:00Z')
const COMPANY = 'c-lat'
const HR = 'o-lat-hr'
const emp = (i: number) => `o-lat-${i}`
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0])
const report = { status: 'well', temperature: 36.5, region: '北京', healthCode: 'green' } as const

function fixture() {
  const company: CompanyDoc = {
    _id: COMPANY,
    name: '延迟公司',
    inviteCode: 'LATENCY1',
    // no quota cap and no cut-off: every member may make up each of the makeable days
    policy: { ...DEFAULT_POLICY, cutoffDay: null, quota: { ...DEFAULT_POLICY.quota, cap: null } },
    createdAt: new Date('2020-01-01T00:00:00Z'),
  }
  const members: MemberDoc[] = []
  const bindings: object[] = []
  for (let i = 0; i <= MEMBERS; i++) {
    const openid = i === 0 ? HR : emp(i)
    members.push({
      _id: `m${i}`,
      companyId: COMPANY,
      employeeNo: `E${i}`,
      name: `员工${i}`,
      dept: i === 0 ? '人力资源部' : `部门${i % 5}`,
      region: '北京',
      roles: i === 0 ? ['hr', 'employee'] : ['employee'],
      joinedOn: '2020-01-01',
      makeupEnabled: true,
      identityBound: true,
      extraVerified: false,
      openid,
      status: 'active',
      // consented to health-data processing when they bound
      healthConsent: { version: CONSENT_VERSION, at: NOW, withdrawnAt: null },
    } as MemberDoc)
    bindings.push({ _id: openid, companyId: COMPANY, memberId: `m${i}`, boundAt: NOW })
  }
  return { companies: [company], members, bindings }
}

async function ok(emu: Emulator, fn: string, event: object, openid: string) {
  const r = await emu.invoke(fn, event, { openid })
  const result = r.result as { ok: boolean; data: unknown }
  if (!r.ok || !result?.ok)
    throw new Error(`${fn} ${JSON.stringify(event)}: ${JSON.stringify(r.error ?? result)}`)
  return { r, data: result.data }
}

async function main() {
  const emu = await startBenchEmulator(['checkin', 'makeup', 'review'])
  try {
    emu.store.reset(EJSON.serialize(fixture(), { relaxed: false }) as Record<string, unknown[]>)
    await emu.setClockOffset(NOW.getTime() - Date.now())
    for (let i = 1; i <= MEMBERS; i++) emu.files.put(`companies/${COMPANY}/members/m${i}/b3nch0001.jpg`, JPEG)
    const days = (
      (await ok(emu, 'makeup', { action: 'slots' }, emp(1))).data as { slots: { day: string }[] }
    ).slots.map((s) => s.day)
    // every (member, day) pair can be made up once: a pool the approvals draw from
    const pool: [number, string][] = []
    for (const day of days) for (let i = 2; i <= MEMBERS; i++) pool.push([i, day])
    let seq = 0
    const submitEvent = (i: number, day: string) => ({
      action: 'submit',
      day,
      report,
      reason: '忘记打卡',
      attachments: [fileOf(COMPANY, `m${i}`)],
      attachmentKind: 'healthCode',
      clientRequestId: `lat-${process.pid}-${seq++}`,
    })
    const pendingRequest = async () => {
      const next = pool.shift()
      if (!next) throw new Error('no (member, day) left: lower the iterations')
      const { data } = await ok(emu, 'makeup', submitEvent(next[0], next[1]), emp(next[0]))
      return (data as { id: string }).id
    }
    for (let i = 0; i < 20; i++) {
      await ok(emu, 'checkin', { action: 'me' }, emp(1))
      await ok(emu, 'review', { action: 'queue', limit: 1 }, HR)
    }
    const baseline: number[] = []
    for (let i = 0; i < 3 * N; i++)
      baseline.push((await emu.invoke('checkin', { action: 'me' }, { openid: 'o-lat-stranger' })).durationMs)
    const base = percentiles(baseline).p50

    const rows: string[][] = []
    const row = (name: string, delay: number, ms: number[], calls: number[]) => {
      const { p50, p95 } = percentiles(ms)
      const span = [Math.min(...calls), Math.max(...calls)]
      rows.push([
        name,
        String(delay),
        span[0] === span[1] ? String(span[0]) : `${span[0]}–${span[1]}`,
        p50.toFixed(1),
        p95.toFixed(1),
        (p50 / base).toFixed(1),
        (p95 / base).toFixed(1),
      ])
    }
    for (const delay of DELAYS) {
      emu.setCallDelay(delay)
      const submit = { ms: [] as number[], calls: [] as number[] }
      for (let k = 0; k < N; k++) {
        const { r, data } = await ok(emu, 'makeup', submitEvent(1, days[0]), emp(1))
        submit.ms.push(r.durationMs)
        submit.calls.push(r.roundTrips)
        // free the day again (not measured) so the next submit is accepted
        await ok(emu, 'makeup', { action: 'withdraw', id: (data as { id: string }).id }, emp(1))
      }
      row('submit (1 photo)', delay, submit.ms, submit.calls)
      const approve = { ms: [] as number[], calls: [] as number[] }
      for (let k = 0; k < N; k++) {
        const id = await pendingRequest()
        const { r } = await ok(emu, 'review', { action: 'decide', id, decision: 'approve' }, HR)
        approve.ms.push(r.durationMs)
        approve.calls.push(r.roundTrips)
      }
      row('approve', delay, approve.ms, approve.calls)
      const ids: string[] = []
      for (let k = 0; k < BULK; k++) ids.push(await pendingRequest())
      const r = await emu.invoke('review', { action: 'bulkApprove', ids }, { openid: HR })
      const result = r.result as { ok: boolean; data: { results: { ok: boolean }[] } } | undefined
      if (r.ok && result?.ok && result.data.results.every((x) => x.ok))
        row(`bulk approve ${BULK}`, delay, [r.durationMs], [r.roundTrips])
      else if (r.error?.code === 'FUNCTIONS_TIME_LIMIT_EXCEEDED')
        rows.push([`bulk approve ${BULK}`, String(delay), '?', 'timeout', '(10 s)', '', ''])
      else throw new Error(`bulk approve: ${JSON.stringify(r.error ?? result)}`)
    }
    console.log(
      `What users wait for with a fixed delay per admin call / download (${N} samples per row; bulk: 1)`,
    )
    console.log(`baseline: checkin me of an unbound user (1 read, no delay), p50 ${base.toFixed(2)} ms\n`)
    console.log(
      '| action | delay ms/call | admin calls | p50 ms | p95 ms | p50 / baseline | p95 / baseline |',
    )
    console.log('| --- | --- | --- | --- | --- | --- | --- |')
    for (const r of rows) console.log(`| ${r.join(' | ')} |`)
    console.log(
      '\ntargets at 20 ms/call: submit p95 ≤ 120 ms, approve p95 ≤ 120 ms, bulk approve of 50 ≤ 3000 ms',
    )
  } finally {
    await emu.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
