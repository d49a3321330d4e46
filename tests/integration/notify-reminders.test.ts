import type { CheckinDoc, MemberDoc } from '@core/makeup'
import { COMPANY, docs, member, report, setNow } from './harness'
import { useEmulator } from './fixture'
import { HR, REV_DEV } from './review-fixture'
import { REV_DEV_2, T, grant, notice, put, runFromFunction, startNotify, tick } from './notify-fixture'
import type { ReminderRunDoc } from '@server/notices/records'
import { outboxDoc } from '@server/notices/outbox'

jest.setTimeout(300_000)

const emu = useEmulator({ functions: ['notify'] })

const DAY = '2026-11-27' // a Friday
const at = (hhmm: string, day = DAY) => `${day}T${hhmm}:00+08:00`

/**
 * 1 000 more members: every 10th checked in today, every 7th not bound, every 13th left the company, every 3rd
 * never accepted the reminder template. Returns who should get a WeChat message and who the in-app one.
 */
function crowd(n = 1000) {
  const members: MemberDoc[] = []
  const checkins: CheckinDoc[] = []
  const messaged: string[] = []
  let inApp = 0
  for (let i = 0; i < n; i++) {
    const id = `p${String(i).padStart(4, '0')}`
    const bound = i % 7 !== 0
    const m = member(id, COMPANY, {
      openid: bound ? `o-${id}` : null,
      status: i % 13 === 0 ? 'left' : 'active',
    })
    members.push(m)
    if (i % 10 === 0)
      checkins.push({
        _id: `${id}_${DAY}`,
        companyId: COMPANY,
        memberId: id,
        day: DAY,
        report,
        source: 'daily',
        at: new Date(at('08:30')),
      })
    const eligible = bound && m.status === 'active' && i % 10 !== 0
    if (!eligible) continue
    if (i % 3 === 0) inApp++
    else {
      grant(emu, m.openid!, id, [T.checkin])
      messaged.push(m.openid!)
    }
  }
  return { members, checkins, messaged, inApp }
}

async function startCrowd(time = '09:30') {
  await startNotify(emu, { notices: { checkinReminderAt: '09:30' }, at: at(time) })
  const c = crowd()
  put(emu, 'members', c.members)
  put(emu, 'checkins', c.checkins)
  return c
}

const reminderMessages = () => emu.outbox({ templateId: T.checkin })
const recipients = () => reminderMessages().map((m) => m.touser)

describe('daily "not yet checked in" reminder', () => {
  it('over 1 000 members sends exactly one message per eligible member with authorisation; a second run none', async () => {
    const c = await startCrowd('09:29')
    await tick(emu)
    expect(reminderMessages()).toHaveLength(0) // before the company's time

    await setNow(emu, at('09:30'))
    await tick(emu)
    expect(recipients().sort()).toEqual([...c.messaged].sort())
    expect(new Set(recipients()).size).toBe(recipients().length)
    expect(reminderMessages()[0]).toMatchObject({
      page: 'pages/index/index',
      data: { thing1: { value: '今天还没有完成健康打卡，请尽快打卡' }, time2: { value: '23:59' } },
    })
    // the rest (no authorisation left, per the ledger) get the in-app notice without a send being tried
    const fallen = docs(emu, 'outbox', { kind: 'checkinReminder', status: 'fallenBack' })
    expect(fallen.length).toBeGreaterThanOrEqual(c.inApp)
    const run = docs<ReminderRunDoc>(emu, 'reminderRuns', { _id: `${COMPANY}_checkin_${DAY}` })[0]
    expect(run).toMatchObject({ done: true, sent: c.messaged.length })

    await setNow(emu, at('11:00'))
    await tick(emu)
    expect(reminderMessages()).toHaveLength(c.messaged.length)
  })

  it('an interrupted run continues from its stored cursor and sends nobody twice', async () => {
    const c = await startCrowd()
    // a run with almost no time left handles one page, then stops
    await runFromFunction(emu, { action: 'run', budgetMs: 1 })
    const partial = docs<ReminderRunDoc>(emu, 'reminderRuns', { _id: `${COMPANY}_checkin_${DAY}` })[0]
    expect(partial.done).toBe(false)
    expect(partial.cursor).not.toBeNull()
    // every query of the run is served by a declared index (database/collections.json)
    const calls = emu.requestLog().filter((e) => e.functionName === 'notify' && e.kind === 'admin')
    expect(calls.length).toBeGreaterThan(100)
    const unindexed = calls.filter((e) => e.warnings)
    expect(unindexed.map((e) => [e.collection, e.query, e.warnings])).toEqual([])
    const firstPage = recipients().length
    expect(firstPage).toBeGreaterThan(0)
    expect(firstPage).toBeLessThan(c.messaged.length)

    // a sender that died after claiming a later member's notice, before sending it
    const later = c.members.find((m) => m._id > partial.cursor! && c.messaged.includes(m.openid!))!
    put(emu, 'outbox', [
      outboxDoc(
        {
          companyId: COMPANY,
          kind: 'checkinReminder',
          key: `checkinReminder_${later._id}_${DAY}`,
          audience: { kind: 'member', memberId: later._id },
          values: { text: '今天还没有完成健康打卡，请尽快打卡', closesAt: '23:59' },
          at: new Date(at('09:30')),
        },
        { status: 'sending', dueAt: new Date(at('09:30')) },
      ),
    ])
    // and a cursor write that was lost: the next run handles the first page again
    put(emu, 'reminderRuns', [{ ...partial, cursor: null }])

    await setNow(emu, at('09:32'))
    await tick(emu)
    expect(recipients().sort()).toEqual([...c.messaged].sort())
    expect(notice(emu, `checkinReminder_${later._id}_${DAY}`)).toMatchObject({ status: 'delivered' })
  })
})

describe('pending reviews: reminder after N hours, escalation after M hours', () => {
  const SUBMITTED = '2026-11-25T02:00:00Z' // Wednesday 10:00

  it('reminds the reviewers after 24 h and escalates to HR after 48 h, once each', async () => {
    await startNotify(emu, {
      pending: [{ memberId: 'm1', day: '2026-11-24', submittedAt: SUBMITTED }],
      at: '2026-11-26T01:59:00Z',
    })
    grant(emu, REV_DEV, 'r1', [T.pending], 5)
    grant(emu, REV_DEV_2, 'r3', [T.pending], 5)
    grant(emu, HR, 'h1', [T.pending], 5)

    await tick(emu) // 23 h 59 min
    expect(emu.outbox({ templateId: T.pending })).toHaveLength(0)

    await setNow(emu, '2026-11-26T02:00:00Z') // 24 h
    await tick(emu)
    expect(
      emu
        .outbox({ templateId: T.pending })
        .map((m) => m.touser)
        .sort(),
    ).toEqual([REV_DEV, REV_DEV_2].sort())
    expect(emu.outbox({ touser: REV_DEV })[0].data).toEqual({
      number1: { value: '1' },
      thing2: { value: '等待审核已超过 24 小时' },
      time3: { value: '2026年11月25日 10:00' },
    })

    await setNow(emu, '2026-11-27T01:59:00Z') // 47 h 59 min: the next day's reminder, no escalation yet
    await tick(emu)
    expect(emu.outbox({ touser: HR })).toHaveLength(0)
    expect(emu.outbox({ touser: REV_DEV })).toHaveLength(2)

    await setNow(emu, '2026-11-27T02:00:00Z') // 48 h
    await tick(emu)
    expect(emu.outbox({ touser: HR })).toHaveLength(1)
    expect(emu.outbox({ touser: HR })[0].data.thing2.value).toBe('员工m1：超过 48 小时未审核')
    expect(notice(emu, 'reviewEscalation_m1_2026-11-24.h1')).toMatchObject({ status: 'delivered' })

    await setNow(emu, '2026-11-27T06:00:00Z')
    await tick(emu)
    expect(emu.outbox({ touser: HR })).toHaveLength(1)
    expect(emu.outbox({ touser: REV_DEV })).toHaveLength(2)
  })

  it('the timer fires the escalation by itself when the clock passes it', async () => {
    await startNotify(emu, {
      pending: [{ memberId: 'm1', day: '2026-11-24', submittedAt: SUBMITTED }],
      at: '2026-11-27T01:58:30Z',
    })
    grant(emu, HR, 'h1', [T.pending])
    const fired = await emu.setClockOffset(new Date('2026-11-27T02:00:30Z').getTime() - Date.now())
    expect(fired.map((r) => r.functionName)).toContain('notify')
    expect(emu.outbox({ touser: HR })).toHaveLength(1)
  })
})

describe('quota cut-off reminder', () => {
  it('the day before the cut-off, members with makeable missed days of last month are reminded', async () => {
    await startNotify(emu, { at: '2026-12-04T02:00:00Z' })
    const [company] = docs<{ policy: object }>(emu, 'companies', { _id: COMPANY })
    put(emu, 'companies', [
      { ...company, policy: { ...company.policy, cutoffDay: 5, window: { days: 10, unit: 'working' } } },
    ])
    grant(emu, 'o-a', 'm1', [T.cutoff])
    grant(emu, 'o-b', 'm2', [T.cutoff])
    // m2 checked in on every working day of the window: nothing to make up
    const days = [
      '2026-11-20',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-30',
    ]
    put(
      emu,
      'checkins',
      days.map((day) => ({
        _id: `m2_${day}`,
        companyId: COMPANY,
        memberId: 'm2',
        day,
        report,
        source: 'daily',
        at: new Date(`${day}T01:00:00Z`),
      })),
    )
    await tick(emu)
    const sent = emu.outbox({ templateId: T.cutoff })
    expect(sent.map((m) => m.touser)).toEqual(['o-a'])
    expect(sent[0].data.date3.value).toBe('2026年12月5日')
    expect(Number(sent[0].data.number2.value)).toBeGreaterThan(0)
    await tick(emu)
    expect(emu.outbox({ templateId: T.cutoff })).toHaveLength(1)
  })
})
