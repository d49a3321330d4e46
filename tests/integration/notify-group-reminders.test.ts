// Reminder times per rule group through the emulator with the real SDK: a group reminded at 08:00 and the rest at the
// company's 10:00 — at 08:05 only the group's members, at 10:05 the others, nobody twice; a group with null gets
// none; leave, a check-in and a non-working day still keep the reminder away; a 07:30 reminder fires at 23:30 UTC
// of the day before; a group's time after the check-in closes is refused with nothing saved. Round trips of each
// pass are counted from the emulator.
import type { CheckinDoc, CompanyDoc, MemberDoc } from '@core/makeup'
import type { LeaveDoc } from '@core/leave'
import type { Policy, RuleGroup } from '@core/policy'
import type { ReminderRunDoc } from '@server/notices/records'
import { COMPANY, call, docs, member, report } from './harness'
import { useEmulator } from './fixture'
import { HR } from './review-fixture'
import { T, grant, put, startNotify } from './notify-fixture'

jest.setTimeout(300_000)

const emu = useEmulator({ functions: ['notify', 'admin'] })

const DAY = '2026-11-27' // a Friday
const at = (hhmm: string, day = DAY) => `${day}T${hhmm}:00+08:00`
const id = (i: number) => `q${String(i).padStart(4, '0')}`
const DEPTS = ['生产部', '销售部', '财务部', '质检部'] as const

// 早班: 生产部 and q0003 (of 质检部) at 08:00; 外勤: 销售部 and q0008 (of 生产部), no daily reminder; 财务: 财务部 and
// q0004 (of 生产部), no time of its own (the company's 10:00); 质检部 is in no group (10:00)
const EARLY: RuleGroup = {
  name: '早班',
  departments: ['生产部'],
  members: [id(3)],
  checkinReminderAt: '08:00',
}
const QUIET: RuleGroup = { name: '外勤', departments: ['销售部'], members: [id(8)], checkinReminderAt: null }
const FINANCE: RuleGroup = { name: '财务', departments: ['财务部'], members: [id(4)] }

const N = 1200
// most have checked in already (the emulator's log keeps the last 1 000 calls, and each reminder costs a few):
// every one from q0040 on but each 5th; of the first 40, q0012 (生产部, 08:00) and q0007 (质检部, 10:00)
const checkedIn = (i: number) => (i >= 40 ? i % 5 !== 0 : i === 12 || i === 7)
const CHECKED_IN = new Set(
  Array.from({ length: N }, (_, i) => i)
    .filter(checkedIn)
    .map(id),
)
const ON_LEAVE = new Set([id(16), id(11)]) // 生产部 (08:00), 质检部 (10:00)

/** The time each crowd member should be reminded at, by the groups above (null: never). */
function expectedTime(i: number): string | null {
  if (i === 3) return '08:00'
  if (i === 8) return null
  if (i === 4) return '10:00'
  const dept = DEPTS[i % 4]
  return dept === '生产部' ? '08:00' : dept === '销售部' ? null : '10:00'
}

async function start(now: string, policy: Partial<Policy> = {}, companyAt: string | null = '10:00') {
  await startNotify(emu, { notices: { checkinReminderAt: companyAt }, at: now })
  const [company] = docs<CompanyDoc>(emu, 'companies', { _id: COMPANY })
  put(emu, 'companies', [
    {
      ...company,
      policy: { ...company.policy, dailyCheckinCloses: '18:00', groups: [EARLY, QUIET, FINANCE], ...policy },
    },
  ])
  const members: MemberDoc[] = []
  for (let i = 0; i < N; i++) {
    members.push(member(id(i), COMPANY, { dept: DEPTS[i % 4], openid: `o-${id(i)}` }))
    grant(emu, `o-${id(i)}`, id(i), [T.checkin])
  }
  put(emu, 'members', members)
  put(
    emu,
    'checkins',
    [...CHECKED_IN].map((m): CheckinDoc => ({
      _id: `${m}_${DAY}`,
      companyId: COMPANY,
      memberId: m,
      day: DAY,
      report,
      source: 'daily',
      at: new Date(at('07:00')),
    })),
  )
  put(
    emu,
    'leaves',
    [...ON_LEAVE].map((m): LeaveDoc => ({
      _id: `${m}_${DAY}`,
      companyId: COMPANY,
      memberId: m,
      day: DAY,
      kind: 'leave',
      entryId: 'lv-test',
      by: 'h1',
      at: new Date('2026-11-01T00:00:00Z'),
    })),
  )
}

/**
 * Moves the clock to `now` (the timer fires by itself when a minute passes) and runs the timer once more: what the
 * runs did, as the reminder passes' reads of members and the runs' round trips, from the emulator's counters.
 */
async function runAt(now?: string) {
  const since = emu.requestLog().at(-1)?.seq ?? 0
  const fired = now ? await emu.setClockOffset(new Date(now).getTime() - Date.now()) : []
  const report = await emu.fireTrigger('notify')
  const runs = [...fired.filter((r) => r.functionName === 'notify'), report]
  for (const r of runs) if (!r.ok) throw new Error(`notify run crashed: ${JSON.stringify(r.error)}`)
  const calls = emu.requestLog({ since })
  // the log keeps the last 1 000 calls (and is emptied for each test file, its numbering going on): a full log
  // whose oldest call came after `since` dropped some of these runs' calls
  const log = emu.requestLog()
  if (log.length >= 1000 && log[0].seq > since + 1)
    throw new Error('the request log dropped calls of these runs')
  const memberReads = calls.filter(
    (e) => e.kind === 'admin' && e.collection === 'members' && e.action === 'database.getDocument',
  )
  return { roundTrips: runs.reduce((n, r) => n + r.roundTrips, 0), memberReads: memberReads.length, calls }
}

const crowdMessages = () =>
  emu
    .outbox({ templateId: T.checkin })
    .map((m) => m.touser.slice(2))
    .filter((m) => m.startsWith('q'))
const expectedAt = (time: string) =>
  Array.from({ length: N }, (_, i) => i)
    .filter((i) => expectedTime(i) === time && !CHECKED_IN.has(id(i)) && !ON_LEAVE.has(id(i)))
    .map(id)
const runDoc = (job: string) =>
  docs<ReminderRunDoc>(emu, 'reminderRuns', { _id: `${COMPANY}_${job}_${DAY}` })[0]

describe('daily reminder at each group’s time', () => {
  it('08:00 for the group at 08:05, the company’s 10:00 for the rest at 10:05, nobody twice, none for null', async () => {
    await start(at('07:59'))
    const before = await runAt()
    expect(crowdMessages()).toEqual([])
    expect(before.memberReads).toBe(0)

    const early = await runAt(at('08:05'))
    const group = expectedAt('08:00')
    expect(group.length).toBeGreaterThan(60)
    expect(crowdMessages().sort()).toEqual(group)
    // the 08:00 pass reads only 早班's members (its department's 300 and one listed): 4 pages, not 13
    expect(early.memberReads).toBe(4)
    expect(runDoc('checkin-0800')).toMatchObject({ done: true, sent: group.length })
    expect(runDoc('checkin')).toBeUndefined()
    // every query of the run is served by a declared index
    expect(early.calls.filter((e) => e.warnings).map((e) => [e.collection, e.query, e.warnings])).toEqual([])

    expect((await runAt(at('09:59'))).memberReads).toBe(0)
    expect(crowdMessages()).toHaveLength(group.length)

    const rest = await runAt(at('10:05'))
    const others = expectedAt('10:00')
    expect(crowdMessages().sort()).toEqual([...group, ...others].sort())
    expect(new Set(crowdMessages()).size).toBe(crowdMessages().length)
    expect(runDoc('checkin')).toMatchObject({ done: true, sent: others.length })
    // nobody of 外勤 (null), whether by department or listed
    expect(crowdMessages().filter((m) => expectedTime(Number(m.slice(1))) === null)).toEqual([])
    // the company's pass reads every member (12 pages of 100 and the seed's few: 13 reads)
    expect(rest.memberReads).toBe(13)
    expect(rest.calls.filter((e) => e.warnings)).toEqual([])

    const later = await runAt()
    expect(later.memberReads).toBe(0)
    expect(crowdMessages()).toHaveLength(group.length + others.length)
    // what each pass cost, for the design note (not timings: the emulator's call count)
    process.stdout.write(
      `group-reminders round trips: 08:05 run ${early.roundTrips} (${group.length} sent), ` +
        `10:05 run ${rest.roundTrips} (${others.length} sent), idle run ${later.roundTrips}\n`,
    )
  })

  it('a run at 10:05 that missed 08:00 sends both passes, each member once', async () => {
    await start(at('10:05'))
    await runAt()
    expect(crowdMessages().sort()).toEqual([...expectedAt('08:00'), ...expectedAt('10:00')].sort())
    await runAt()
    expect(new Set(crowdMessages()).size).toBe(crowdMessages().length)
  })

  it('a group may remind when the company does not; a Saturday reminds nobody', async () => {
    await start(at('08:05'), {}, null)
    await runAt()
    expect(crowdMessages().sort()).toEqual(expectedAt('08:00'))
    await runAt(at('10:05'))
    expect(crowdMessages()).toHaveLength(expectedAt('08:00').length)

    await start(at('10:05', '2026-11-28'))
    expect((await runAt()).memberReads).toBe(0)
    expect(crowdMessages()).toEqual([])
  })

  it('07:30 in Shanghai is 23:30 UTC of the day before: the reminder is for the Shanghai day', async () => {
    await start('2026-11-26T23:29:00Z', {
      groups: [{ ...EARLY, checkinReminderAt: '07:30' }, QUIET, FINANCE],
    })
    await runAt()
    expect(crowdMessages()).toEqual([])
    await runAt('2026-11-26T23:30:00Z')
    // the group's members, for Friday the 27th (the check-in and leave of the 27th count), not Thursday
    expect(crowdMessages().sort()).toEqual(expectedAt('08:00'))
    expect(runDoc('checkin-0730')).toMatchObject({ done: true, day: DAY })
  })
})

describe('saving a group’s reminder time', () => {
  const savePolicy = (policy: Policy) => {
    const { version, ...rest } = policy
    return call(emu, 'admin', 'savePolicy', { policy: rest, baseVersion: version }, HR)
  }

  it('refuses a time at or after the check-in closes, naming the group, with nothing saved; saves a good one', async () => {
    await start(at('07:00'))
    const [before] = docs<CompanyDoc>(emu, 'companies', { _id: COMPANY })
    const audits = docs(emu, 'audit').length
    const late = { ...before.policy, groups: [{ ...EARLY, checkinReminderAt: '18:30' }, QUIET, FINANCE] }
    expect((await savePolicy(late)).result).toEqual({
      ok: false,
      code: 'POLICY_GROUP_REMINDER_AFTER_CLOSE',
      message: '规则组"早班"的每日打卡提醒晚于打卡截止时间（18:00），提醒不会发出',
      next: '请把该组的提醒时间设在截止时间之前，或关闭该组的单独提醒时间',
    })
    const bad = { ...before.policy, groups: [{ ...EARLY, checkinReminderAt: '7:30' }, QUIET, FINANCE] }
    expect((await savePolicy(bad)).result).toMatchObject({
      ok: false,
      code: 'NOTICE_TIME_INVALID',
      message: '提醒设置不正确：规则组"早班"的每日打卡提醒时间',
    })
    expect(docs<CompanyDoc>(emu, 'companies', { _id: COMPANY })[0]).toEqual(before)
    expect(docs(emu, 'audit')).toHaveLength(audits)

    const good = { ...before.policy, groups: [{ ...EARLY, checkinReminderAt: '07:30' }, QUIET, FINANCE] }
    expect((await savePolicy(good)).result).toMatchObject({ ok: true })
    const [after] = docs<CompanyDoc>(emu, 'companies', { _id: COMPANY })
    expect(after.policy.groups?.[0].checkinReminderAt).toBe('07:30')
    expect(after.policy.groups?.[1].checkinReminderAt).toBeNull()
    expect(after.policy.groups?.[2]).not.toHaveProperty('checkinReminderAt')
  })
})
