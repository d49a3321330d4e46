// Rule-group preview benchmark: the policy editor's admin.groupPreview over a company of 10 000 active members
// (3 groups: 2 by department, 1 listing 200 members), admin round trips (the emulator's exact counter) and warm
// p50/p95, as ratios to the smallest real invocation (an unbound user's checkin.me, one document read) measured in
// the same run; plus the preview's answer size.
//   npx tsx bench/groups.ts [--members N] [--iterations K]
import { EJSON } from 'bson'
import { DEFAULT_POLICY, type Policy } from '@core/policy'
import type { CompanyDoc, MemberDoc } from '@core/makeup'
import { coldStartMs, peakRssMb, percentiles, startBenchEmulator } from './support'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const MEMBERS = arg('members', 10_000)
const N = arg('iterations', 20)
const DEPTS = 50
const COMPANY = 'c-bench'
const HR = 'o-bench-hr'
const NOW = new Date('2026-11-27T02:00:00Z')

const policy: Policy = { ...DEFAULT_POLICY, cutoffDay: null }

function fixture() {
  const company: CompanyDoc = {
    _id: COMPANY,
    name: '压测公司',
    inviteCode: 'BENCH001',
    policy,
    createdAt: new Date('2020-01-01T00:00:00Z'),
  }
  const members: MemberDoc[] = []
  for (let i = 0; i < MEMBERS; i++)
    members.push({
      _id: `m${i}`,
      companyId: COMPANY,
      employeeNo: `E${i}`,
      name: `员工${i}`,
      dept: `部门${i % DEPTS}`,
      region: '北京',
      roles: i === 0 ? ['employee', 'hr'] : ['employee'],
      joinedOn: '2025-01-01',
      makeupEnabled: true,
      identityBound: false,
      openid: i === 0 ? HR : null,
      status: 'active',
    })
  const bindings = [{ _id: HR, companyId: COMPANY, memberId: 'm0', boundAt: NOW }]
  return { companies: [company], members, bindings }
}

/** The draft: 部门0–9 get a quarter quota, 部门10–14 a longer window, 200 listed members need no attachment. */
const { version: _v, ...base } = policy
const draft = {
  ...base,
  groups: [
    {
      name: '生产部门',
      departments: Array.from({ length: 10 }, (_, i) => `部门${i}`),
      members: [],
      quota: { cap: 6, cycle: { kind: 'quarter' } },
    },
    {
      name: '长周期',
      departments: Array.from({ length: 5 }, (_, i) => `部门${i + 10}`),
      members: [],
      window: { days: 10, unit: 'natural' },
    },
    {
      name: '外勤人员',
      departments: [],
      members: Array.from({ length: 200 }, (_, i) => `m${i * 37 + 1}`),
      attachments: { ...policy.attachments, rule: 'none' },
    },
  ],
}

interface Sample {
  ms: number
  roundTrips: number
  bytes: number
}

async function main() {
  const emu = await startBenchEmulator(['admin', 'checkin'])
  try {
    const data = fixture()
    emu.store.reset(
      Object.fromEntries(
        Object.entries(data).map(([name, docs]) => [
          name,
          (docs as object[]).map((d) => EJSON.serialize(d, { relaxed: false })),
        ]),
      ),
    )
    await emu.setClockOffset(NOW.getTime() - Date.now())
    const run = async (fn: string, event: object, openid: string): Promise<Sample> => {
      const r = await emu.invoke(fn, event, { openid })
      const result = r.result as { ok: boolean }
      if (!r.ok || (fn === 'admin' && !result?.ok)) throw new Error(JSON.stringify(r.error ?? result))
      return { ms: r.durationMs, roundTrips: r.roundTrips, bytes: JSON.stringify(r.result).length }
    }
    for (let i = 0; i < 3; i++) {
      await run('checkin', { action: 'me' }, 'o-bench-stranger')
      await run('admin', { action: 'groupPreview', policy: draft }, HR)
    }
    const baseline: Sample[] = []
    const preview: Sample[] = []
    // interleaved, so both see the same load on a shared machine
    for (let i = 0; i < N; i++) {
      baseline.push(await run('checkin', { action: 'me' }, 'o-bench-stranger'))
      preview.push(await run('admin', { action: 'groupPreview', policy: draft }, HR))
    }
    const cold = await coldStartMs(emu, 'admin', () => ({ action: 'groupPreview', policy: draft }), HR)
    const base = percentiles(baseline.map((s) => s.ms)).p50
    const row = (name: string, samples: Sample[]) => {
      const trips = [...new Set(samples.map((s) => s.roundTrips))].join('–')
      const { p50, p95 } = percentiles(samples.map((s) => s.ms))
      return `| ${name} | ${trips} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${(p50 / base).toFixed(1)} | ${(p95 / base).toFixed(1)} | ${samples[0].bytes.toLocaleString('en')} |`
    }
    console.log(
      `Rule-group preview on ${MEMBERS} active members, ${N} warm invocations each (interleaved with the baseline); ` +
        `baseline = an unbound user's checkin.me, p50 ${base.toFixed(1)} ms. Cold start of admin: ${cold.toFixed(0)} ms. ` +
        `Peak RSS ${peakRssMb().toFixed(0)} MB.`,
    )
    console.log('')
    console.log(
      '| operation | round trips | p50 ms | p95 ms | p50 × baseline | p95 × baseline | answer bytes |',
    )
    console.log('| --- | --- | --- | --- | --- | --- | --- |')
    console.log(row('who am I, unbound (baseline)', baseline))
    console.log(row('rule-group preview, 3 groups, 10 k members', preview))
  } finally {
    await emu.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
