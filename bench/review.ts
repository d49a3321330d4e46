// HR review benchmark: admin round trips (the emulator's exact per-invocation counter) and warm p50/p95 of the
// review queue (first page and a later page, HR admin, department reviewer, reviewer with delegated departments,
// filtered), a request's detail, an approval and a bulk approval of 50, a revocation, a batch entry's preview and
// run (10 members × 5 days), each also as a ratio to the smallest real invocation (one document read) measured in
// the same run; the queue page's query plan goes to stderr.
//   npx tsx bench/review.ts [--members N] [--days D] [--makeups M] [--iterations K] [--full]
// Default: 10 000 members, 30 days of check-ins each (300 k), 100 000 make-ups (5 % pending). --full: 365 days
// (3.65 M check-ins) as in the issue; it needs a few GB of memory and minutes to load.
import { EJSON } from 'bson'
import type { Emulator } from '@emulator/index'
import { coldStartMs, peakRssMb, percentiles, startBenchEmulator } from './support'
import { addDays, localDay } from '@core/calendar'
import { DEFAULT_POLICY } from '@core/policy'
import { type CheckinDoc, type CompanyDoc, type MakeupDoc, type MemberDoc, withHoldKeys } from '@core/makeup'
import { startChain, type DelegationDoc } from '@core/review'
import { CONSENT_VERSION } from '@core/privacy'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const FULL = process.argv.includes('--full')
const MEMBERS = arg('members', 10_000)
const DAYS = arg('days', FULL ? 365 : 30)
const MAKEUPS = arg('makeups', 100_000)
const N = arg('iterations', 40)
const DEPTS = 50
const NOW = new Date('2026-11-27T02:00:00Z')
const COMPANY = 'c-bench'
const HR = 'o-bench-hr'
const REVIEWER = 'o-bench-rev-0'
// reviewer of 部门3 who holds the delegations of the reviewers of 部门4 and 部门5
const DELEGATE = 'o-bench-rev-3'
const BULK = 50
const report = { status: 'well', temperature: 36.5, region: '北京', healthCode: 'green' } as const

function fixture() {
  const today = localDay(NOW)
  const company: CompanyDoc = {
    _id: COMPANY,
    name: '压测公司',
    inviteCode: 'BENCH001',
    policy: { ...DEFAULT_POLICY, cutoffDay: null, quota: { ...DEFAULT_POLICY.quota, cap: null } },
    createdAt: new Date('2020-01-01T00:00:00Z'),
  }
  const members: MemberDoc[] = []
  const bindings: object[] = []
  for (let i = 0; i < MEMBERS; i++) {
    const openid = i === 0 ? HR : i <= DEPTS ? `o-bench-rev-${i - 1}` : `o-bench-${i}`
    const dept = deptOf(i)
    members.push({
      _id: `m${i}`,
      companyId: COMPANY,
      employeeNo: `E${i}`,
      name: `员工${i}`,
      dept,
      region: '北京',
      roles: i === 0 ? ['hr', 'employee'] : i <= DEPTS ? ['reviewer', 'employee'] : ['employee'],
      joinedOn: '2020-01-01',
      makeupEnabled: true,
      identityBound: true,
      openid,
      status: 'active',
      // consented when they bound: HR's entries on their behalf need it
      healthConsent: { version: CONSENT_VERSION, at: new Date('2020-01-02T00:00:00Z'), withdrawnAt: null },
    } as MemberDoc)
    bindings.push({
      _id: openid,
      companyId: COMPANY,
      memberId: `m${i}`,
      boundAt: new Date('2020-01-02T00:00:00Z'),
    })
  }
  const checkins: CheckinDoc[] = []
  for (let d = 1; d <= DAYS; d++) {
    const day = addDays(today, -d)
    for (let i = 0; i < MEMBERS; i++)
      checkins.push({
        _id: `m${i}_${day}`,
        companyId: COMPANY,
        memberId: `m${i}`,
        day,
        report,
        source: 'daily',
        at: new Date(NOW.getTime() - d * 86_400_000),
      })
  }
  // make-ups spread over members and the last year; every 20th one still pending (oldest submitted first)
  const makeups: Omit<MakeupDoc, 'dayKey' | 'slotKey' | 'quotaKey'>[] = []
  for (let k = 0; k < MAKEUPS; k++) {
    const memberId = `m${DEPTS + 1 + (k % (MEMBERS - DEPTS - 1))}`
    const day = addDays(today, -(1 + Math.floor(k / (MEMBERS - DEPTS - 1))) - 400)
    const submittedAt = new Date(NOW.getTime() - (MAKEUPS - k) * 60_000)
    const pending = k % 20 === 0
    makeups.push({
      _id: `${memberId}_bench${k}`,
      companyId: COMPANY,
      memberId,
      dept: deptOf(Number(memberId.slice(1))),
      day: pending ? addDays(today, -1 - (k % 5)) : day,
      status: pending ? 'pending' : 'approved',
      report,
      reason: '忘记打卡',
      attachments:
        k % 40 === 0 ? [`cloud://local-dev.bucket/companies/${COMPANY}/members/${memberId}/p.jpg`] : [],
      cycle: (pending ? addDays(today, -1 - (k % 5)) : day).slice(0, 7),
      charged: true,
      granted: false,
      policyVersion: 1,
      submittedAt,
      updatedAt: submittedAt,
    })
  }
  // the first 2N pending requests started with a chain of two steps (department reviewer, then HR): the hand-over
  // and step-approval rows act on them
  makeups
    .filter((m) => m.status === 'pending')
    .slice(0, 2 * N)
    .forEach((m) =>
      Object.assign(m, startChain({ steps: [{ kind: 'reviewers' }, { kind: 'hr' }], cc: [] }, m.memberId)),
    )
  const openDays = new Set(makeups.filter((m) => m.status === 'pending').map((m) => `${m.memberId}_${m.day}`))
  const delegations: DelegationDoc[] = [5, 6].map((from) => ({
    _id: `m${from}`,
    companyId: COMPANY,
    from: `m${from}`,
    to: 'm4',
    start: addDays(today, -1),
    until: addDays(today, 7),
    createdAt: NOW,
  }))
  return {
    companies: [company],
    members,
    bindings,
    // a day with an open make-up was missed: it has no check-in (an approval then writes its record)
    checkins: checkins.filter((c) => !openDays.has(c._id)),
    // each request holds the keys of its status, as the makeup function leaves it
    makeups: withHoldKeys(makeups),
    delegations,
  }
}

const addMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

function deptOf(i: number): string {
  return i === 0 ? '人力资源部' : `部门${(i - 1) % DEPTS}`
}

interface Sample {
  ms: number
  roundTrips: number
}

async function measure(
  emu: Emulator,
  openid: string,
  event: (i: number) => object,
  times = N,
): Promise<Sample[]> {
  const samples: Sample[] = []
  for (let i = 0; i < times; i++) {
    const r = await emu.invoke('review', event(i), { openid })
    const result = r.result as { ok: boolean; code?: string }
    if (!r.ok || !result?.ok)
      throw new Error(`${JSON.stringify(event(i))}: ${JSON.stringify(r.error ?? result)}`)
    samples.push({ ms: r.durationMs, roundTrips: r.roundTrips })
  }
  return samples
}

/** How the last queue page's aggregation read its joins: index, rows read, rows returned, sort. */
function lastQueuePlan(emu: Emulator): string {
  const entry = emu.store
    .recentQueries()
    .filter((q) => q.action === 'database.aggregateDocuments' && q.collection === 'companies')
    .pop() as {
    lookups?: { collection: string; index: string | null; scanned: number; returned: number; sort?: string }[]
  }
  return (entry?.lookups ?? [])
    .map(
      (l) =>
        `${l.collection} ${l.index ?? 'no index'} read ${l.scanned} → ${l.returned}${l.sort ? ` (sort ${l.sort})` : ''}`,
    )
    .join('; ')
}

function row(name: string, samples: Sample[], base: number, coldMs: number): string {
  const trips = samples.map((s) => s.roundTrips).sort((a, b) => a - b)
  const rt = trips[0] === trips[trips.length - 1] ? `${trips[0]}` : `${trips[0]}–${trips[trips.length - 1]}`
  const { p50, p95, p99 } = percentiles(samples.map((s) => s.ms))
  const cells = [p50, p95, p99].map((v) => v.toFixed(1))
  return `| ${name} | ${rt} | ${cells.join(' | ')} | ${(p50 / base).toFixed(1)} | ${(p95 / base).toFixed(1)} | ${coldMs.toFixed(0)} |`
}

async function main() {
  const log = (s: string) => process.stderr.write(`${s}\n`)
  const emu = await startBenchEmulator()
  try {
    let t = Date.now()
    const data = fixture()
    // document by document: EJSON.serialize goes through one JSON string, too long for millions of documents
    const ejson = Object.fromEntries(
      Object.entries(data).map(([name, docs]) => [
        name,
        (docs as object[]).map((d) => EJSON.serialize(d, { relaxed: false })),
      ]),
    )
    emu.store.reset(ejson)
    log(
      `loaded ${MEMBERS} members, ${data.checkins.length} check-ins, ${MAKEUPS} make-ups in ${Date.now() - t} ms`,
    )
    await emu.setClockOffset(NOW.getTime() - Date.now())

    // warm one instance of each function first: cold starts are not what this measures
    for (let i = 0; i < 3; i++) {
      await emu.invoke('checkin', { action: 'me' }, { openid: 'o-bench-stranger' })
      await emu.invoke('review', { action: 'queue', limit: 1 }, { openid: REVIEWER })
    }
    const baseline: Sample[] = []
    for (let i = 0; i < N; i++) {
      const r = await emu.invoke('checkin', { action: 'me' }, { openid: 'o-bench-stranger' })
      baseline.push({ ms: r.durationMs, roundTrips: r.roundTrips })
    }
    const base = percentiles(baseline.map((s) => s.ms)).p50
    t = Date.now()
    const first = (await emu.invoke('review', { action: 'queue' }, { openid: HR })).result as {
      data: { next: string; pendingCount: number }
    }
    log(`first queue call (cold) ${Date.now() - t} ms, ${first.data.pendingCount} pending`)
    const queueHr = await measure(emu, HR, () => ({ action: 'queue' }))
    const queueHrNext = await measure(emu, HR, () => ({ action: 'queue', cursor: first.data.next }))
    log(`queue page plan, HR admin: ${lastQueuePlan(emu)}`)
    const queueRev = await measure(emu, REVIEWER, () => ({ action: 'queue' }))
    const queueDelegate = await measure(emu, DELEGATE, () => ({ action: 'queue' }))
    log(`queue page plan, reviewer with delegations: ${lastQueuePlan(emu)}`)
    const days = { dayFrom: addDays(localDay(NOW), -3), dayTo: localDay(NOW) }
    const queueFiltered = await measure(emu, HR, () => ({
      action: 'queue',
      dept: '部门7',
      ...days,
      hasAttachments: false,
    }))
    log(`queue page plan, HR admin filtered: ${lastQueuePlan(emu)}`)
    const pending = data.makeups.filter((m) => m.status === 'pending')
    const detail = await measure(emu, HR, (i) => ({ action: 'detail', id: pending[i % pending.length]._id }))
    // each approval decides a different pending request (newest first, so the queue's first page stays put)
    const approve = await measure(emu, HR, (i) => ({
      action: 'decide',
      id: pending[pending.length - 1 - i]._id,
      decision: 'approve',
    }))
    // each bulk approval takes the next 50 pending requests after those
    const bulkRuns = Math.max(1, Math.min(Math.ceil(N / 4), Math.floor((pending.length - N) / BULK)))
    const bulk = await measure(
      emu,
      HR,
      (i) => ({
        action: 'bulkApprove',
        ids: pending
          .slice(pending.length - N - (i + 1) * BULK, pending.length - N - i * BULK)
          .map((m) => m._id),
      }),
      bulkRuns,
    )

    // approval chains: the first N chained requests are handed to another department's reviewer (转交), the next N
    // approved at their first step (they move on to HR's step)
    const handOver = await measure(emu, HR, (i) => ({
      action: 'handOver',
      id: pending[i]._id,
      to: 'm2',
      mode: 'transfer',
    }))
    const advance = await measure(emu, HR, (i) => ({
      action: 'decide',
      id: pending[N + i]._id,
      decision: 'approve',
    }))

    // each revocation takes back one of the approvals above
    const revoke = await measure(emu, HR, (i) => ({
      action: 'revoke',
      id: pending[pending.length - 1 - i]._id,
      reasonCode: 'approvedByMistake',
    }))
    // batch entry after an outage: 10 members × 5 days before the fixture's check-ins (50 records per run)
    const outage = [11, 12, 13, 14, 15].map((d) => addDays(localDay(NOW), -(DAYS + d)))
    const batchOf = (i: number) => ({
      memberIds: Array.from(
        { length: 10 },
        (_, k) => `m${DEPTS + 1 + ((i * 10 + k) % (MEMBERS - DEPTS - 1))}`,
      ),
      days: outage,
      report,
      channel: 'phone',
      note: '系统故障期间电话报备',
    })
    const batchPreview = await measure(emu, HR, (i) => ({ action: 'batchPreview', ...batchOf(i) }))
    const batchRun = await measure(
      emu,
      HR,
      (i) => ({ action: 'batchOnBehalf', ...batchOf(i), batchId: `bench-batch-${i}` }),
      Math.max(1, Math.ceil(N / 4)),
    )
    // the first run again (a retry): every item it entered is reported entered, none written twice
    const retry = (
      await emu.invoke(
        'review',
        { action: 'batchOnBehalf', ...batchOf(0), batchId: 'bench-batch-0' },
        { openid: HR },
      )
    ).result as { data: { items: { already?: boolean }[] } }
    log(`batch entry retry: ${retry.data.items.filter((x) => x.already).length} of 50 items already entered`)

    // the export of every check-in of the fixture's last 30 days (300 k rows at 10 k members), as the HR page
    // drives it: start, then continue until done, each call a bounded part
    const exportRun = async (format: 'csv' | 'xlsx') => {
      const range = { from: addDays(localDay(NOW), -30), to: localDay(NOW) }
      const calls: Sample[] = []
      let job = await emu.invoke(
        'review',
        { action: 'export', kind: 'checkins', format, ...range },
        { openid: HR },
      )
      for (;;) {
        const res = job.result as { ok: boolean; data: { jobId: string; status: string; rows: number } }
        if (!job.ok || !res.ok) throw new Error(`export: ${JSON.stringify(job.error ?? res)}`)
        calls.push({ ms: job.durationMs, roundTrips: job.roundTrips })
        if (res.data.status === 'done') return { calls, rows: res.data.rows }
        job = await emu.invoke('review', { action: 'exportContinue', jobId: res.data.jobId }, { openid: HR })
      }
    }
    const exports = { csv: await exportRun('csv'), xlsx: await exportRun('xlsx') }
    // the monthly report (leave-aware numbers per member): a page of 50, a department, a late page, the export
    const month = localDay(NOW).slice(0, 7)
    const monthly = await measure(emu, HR, () => ({ action: 'monthly', month }))
    const monthlyDept = await measure(emu, HR, () => ({ action: 'monthly', month, dept: '部门7' }))
    const monthlyLate = await measure(emu, HR, () => ({
      action: 'monthly',
      month,
      offset: Math.max(0, Math.floor(MEMBERS / 2 / 50) * 50),
    }))
    const monthlyExport = await (async () => {
      const calls: Sample[] = []
      const bounds = { from: `${month}-01`, to: addDays(`${addMonth(month)}-01`, -1) }
      let job = await emu.invoke(
        'review',
        { action: 'export', kind: 'monthly', format: 'csv', ...bounds },
        { openid: HR },
      )
      for (;;) {
        const res = job.result as { ok: boolean; data: { jobId: string; status: string; rows: number } }
        if (!job.ok || !res.ok) throw new Error(`monthly export: ${JSON.stringify(job.error ?? res)}`)
        calls.push({ ms: job.durationMs, roundTrips: job.roundTrips })
        if (res.data.status === 'done') return { calls, rows: res.data.rows }
        job = await emu.invoke('review', { action: 'exportContinue', jobId: res.data.jobId }, { openid: HR })
      }
    })()
    // a cold start is the function's (its bundle and the SDK loading), whatever the action
    const cold = {
      checkin: await coldStartMs(emu, 'checkin', () => ({ action: 'me' }), 'o-bench-stranger'),
      review: await coldStartMs(emu, 'review', () => ({ action: 'queue' }), HR),
    }
    console.log(
      `HR review on ${MEMBERS} members × ${DAYS} days of check-ins, ${MAKEUPS} make-ups (${pending.length} pending), ` +
        `${N} warm invocations each; baseline = an unbound user's checkin.me, p50 ${base.toFixed(1)} ms`,
    )
    console.log(
      `Cold start: p50 of 3 first invocations of the function on a new worker. Peak RSS of the emulator process ` +
        `(fixture included): ${peakRssMb().toFixed(0)} MB.`,
    )
    console.log('')
    console.log(
      '| operation | round trips | p50 ms | p95 ms | p99 ms | p50 × baseline | p95 × baseline | cold start ms |',
    )
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
    const review = (name: string, samples: Sample[]) => console.log(row(name, samples, base, cold.review))
    console.log(row('who am I, unbound (baseline)', baseline, base, cold.checkin))
    review('queue page 1, HR admin (whole company)', queueHr)
    review('queue page 2 (cursor), HR admin', queueHrNext)
    review('queue page 1, department reviewer', queueRev)
    review('queue page 1, reviewer + 2 delegated departments', queueDelegate)
    review('queue page 1, HR admin, dept + days + attachments filter', queueFiltered)
    review('request detail', detail)
    review('approve', approve)
    review(`bulk approve ${BULK}`, bulk)
    review('转交: hand a step to another reviewer', handOver)
    review('approve a step that is not the last (to HR)', advance)
    review('revoke an approved make-up', revoke)
    review('batch entry preview, 10 members × 5 days', batchPreview)
    review('batch entry run, 50 records', batchRun)
    review('monthly report page 1 (50 members), HR admin', monthly)
    review('monthly report page 1, one department', monthlyDept)
    review('monthly report, a page in the middle (offset)', monthlyLate)
    for (const [format, run] of [...Object.entries(exports), ['monthly CSV', monthlyExport] as const]) {
      const { p50, p99 } = percentiles(run.calls.map((c) => c.ms))
      const total = run.calls.reduce((a, c) => a + c.ms, 0)
      const trips = run.calls.reduce((a, c) => a + c.roundTrips, 0)
      console.log(
        `| export ${run.rows.toLocaleString('en')} ${format === 'monthly CSV' ? 'members (monthly report) as CSV' : `check-ins as ${format.toUpperCase()}`}: ${run.calls.length} calls, ` +
          `${(total / 1000).toFixed(1)} s in all | ${trips} | ${p50.toFixed(1)} | — | ${p99.toFixed(1)} (slowest call) | ` +
          `${(p50 / base).toFixed(1)} | — | ${cold.review.toFixed(0)} |`,
      )
    }
    console.log('')
    console.log(
      'targets (issue 5): queue page ≤ 3 round trips (the third logs the views) and p95 ≤ 20 ms; approve ≤ 5 round trips',
    )
    console.log(
      'approve: 1 read (reviewer, request, member), the update guarded by the state read (audit entry and notice ' +
        'as events), the effective record = 3; bulk approve of N: 4 (core/README.md); 转交 and a step that is ' +
        'not the last: the read and the guarded update = 2',
    )
  } finally {
    await emu.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
