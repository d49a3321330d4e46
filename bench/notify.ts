// Reminder fan-out benchmark: the daily "not yet checked in" reminder to N members (10 000; 2 000 with --quick)
// through the notify function's timer runs, every WeChat send delayed 20 ms by the emulator. Prints sends/s, the
// runs needed (each stops after its 45 s budget and the next continues from the stored cursor), admin round
// trips per member, and the wall time as a ratio to sending the same messages one after another (N × 20 ms).
// Run: npx tsx bench/notify.ts [--quick]
import { EJSON } from 'bson'
import { DEFAULT_POLICY } from '@core/policy'
import type { CompanyDoc, MemberDoc } from '@core/makeup'
import { peakRssMb, startBenchEmulator } from './support'

const N = process.argv.includes('--quick') ? 2_000 : 10_000
const LATENCY_MS = 20
const TEMPLATE = 'tmpl-checkin-reminder'
// Friday 2026-11-27 09:30 Shanghai, after the company's 09:00 reminder time
const NOW = new Date('2026-11-27T01:30:00Z')

function fixture() {
  const company: CompanyDoc & { notices: object } = {
    _id: 'c-bench',
    name: '压测公司',
    inviteCode: 'BENCH001',
    policy: { ...DEFAULT_POLICY, cutoffDay: null },
    createdAt: new Date('2025-01-01T00:00:00Z'),
    notices: { checkinReminderAt: '09:00' },
  }
  const members: MemberDoc[] = Array.from({ length: N }, (_, i) => ({
    _id: `b${String(i).padStart(5, '0')}`,
    companyId: company._id,
    employeeNo: `B${i}`,
    name: `员工${i}`,
    dept: `部门${i % 50}`,
    region: '北京',
    roles: ['employee'],
    joinedOn: '2026-01-05',
    makeupEnabled: true,
    identityBound: false,
    openid: `o-b${i}`,
    status: 'active',
  }))
  // nine in ten accepted the reminder once; the rest get the in-app notice only
  const authorised = members.filter((_, i) => i % 10 !== 0)
  const subscriptions = authorised.map((m) => ({
    _id: `${m._id}_${TEMPLATE}`,
    companyId: company._id,
    memberId: m._id,
    templateId: TEMPLATE,
    remaining: 1,
    updatedAt: NOW,
  }))
  return { company, members, authorised, subscriptions }
}

async function main() {
  const emu = await startBenchEmulator(['notify'])
  try {
    const f = fixture()
    emu.store.reset(
      EJSON.serialize(
        { companies: [f.company], members: f.members, subscriptions: f.subscriptions },
        { relaxed: false },
      ) as Record<string, unknown[]>,
    )
    for (const m of f.authorised) emu.grantSubscribe(m.openid!, [TEMPLATE])
    await emu.setClockOffset(NOW.getTime() - Date.now())
    emu.injectSendFault({ delayMs: LATENCY_MS, times: N })

    const runs: { ms: number; roundTrips: number }[] = []
    const started = Date.now()
    for (let i = 0; i < 20; i++) {
      const r = await emu.fireTrigger('notify')
      if (!r.ok) throw new Error(`run ${i + 1} failed: ${JSON.stringify(r.error)}`)
      runs.push({ ms: r.durationMs, roundTrips: r.roundTrips })
      const [state] = emu.store
        .find('reminderRuns', {} as never, { limit: 1 })
        .list.map((t) => EJSON.parse(t))
      if (state?.done) break
    }
    const wallMs = Date.now() - started
    const sent = emu.outbox({ templateId: TEMPLATE })
    const unique = new Set(sent.map((m) => m.touser)).size
    if (unique !== sent.length || sent.length !== f.authorised.length)
      throw new Error(
        `expected ${f.authorised.length} single messages, got ${sent.length} (${unique} distinct)`,
      )
    const runMs = runs.reduce((a, r) => a + r.ms, 0)
    const trips = runs.reduce((a, r) => a + r.roundTrips, 0)
    const serialMs = sent.length * LATENCY_MS
    const rows = [
      ['members', String(N)],
      ['messages sent (exactly one each)', String(sent.length)],
      ['in-app only (no authorisation)', String(N - sent.length)],
      ['timer runs needed', String(runs.length)],
      ['longest run, s (budget 45, timeout 60)', (Math.max(...runs.map((r) => r.ms)) / 1000).toFixed(1)],
      ['function time, s', (runMs / 1000).toFixed(1)],
      ['sends / s', (sent.length / (runMs / 1000)).toFixed(0)],
      ['admin round trips per member', (trips / N).toFixed(2)],
      [`time ÷ serial sends (${sent.length} × ${LATENCY_MS} ms)`, (runMs / serialMs).toFixed(2)],
      ['wall time incl. trigger overhead, s', (wallMs / 1000).toFixed(1)],
      ['peak RSS of the emulator process, MB', peakRssMb().toFixed(0)],
    ]
    console.log(
      ['| measure | value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n'),
    )
  } finally {
    await emu.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
