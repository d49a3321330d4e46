import { COLLECTIONS, type BindingDoc, type CheckinDoc, type MemberDoc } from '@core/makeup'
import {
  A,
  B,
  C2,
  call,
  codeOf,
  COMPANY,
  docs,
  fixture,
  FRIDAY_10,
  load,
  NEW,
  ok,
  OTHER_COMPANY,
  report,
  rid,
  setNow,
} from './harness'
import { useEmulator } from './fixture'

// the machine is shared and small: concurrency tests get room; nothing here asserts timings
jest.setTimeout(120_000)

const emu = useEmulator({ data: () => fixture(), at: FRIDAY_10 })

describe('checkin.me and bind', () => {
  it('an unbound user has no member yet', async () => {
    expect(await ok(emu, 'checkin', 'me', {}, NEW)).toEqual({
      member: null,
      today: '2026-11-27',
      checkedInToday: false,
    })
  })

  it('binds with invite code + employee number + name, once', async () => {
    expect(
      await codeOf(emu, 'checkin', 'bind', { inviteCode: 'WRONG123', employeeNo: 'M3', name: '新同事' }, NEW),
    ).toBe('BIND_FAILED')
    expect(
      await codeOf(emu, 'checkin', 'bind', { inviteCode: 'JOIN2026', employeeNo: 'M3', name: '别人' }, NEW),
    ).toBe('BIND_FAILED')
    // the other company's code does not reach this company's roster
    expect(
      await codeOf(emu, 'checkin', 'bind', { inviteCode: 'OTHER001', employeeNo: 'M3', name: '新同事' }, NEW),
    ).toBe('BIND_FAILED')
    const member = await ok(
      emu,
      'checkin',
      'bind',
      { inviteCode: 'JOIN2026', employeeNo: 'M3', name: '新同事' },
      NEW,
    )
    expect(member).toMatchObject({ memberId: 'm3', companyId: 'c1', companyName: '测试科技' })
    expect(docs<BindingDoc>(emu, COLLECTIONS.bindings, { _id: NEW })).toHaveLength(1)
    expect(docs<MemberDoc>(emu, COLLECTIONS.members, { _id: 'm3' })[0].openid).toBe(NEW)
    expect((await ok(emu, 'checkin', 'me', {}, NEW)).member?.memberId).toBe('m3')
    // one company at a time; one WeChat user per employee
    expect(
      await codeOf(emu, 'checkin', 'bind', { inviteCode: 'OTHER001', employeeNo: 'M9', name: '员工m9' }, NEW),
    ).toBe('ALREADY_BOUND')
    expect(
      await codeOf(
        emu,
        'checkin',
        'bind',
        { inviteCode: 'JOIN2026', employeeNo: 'M3', name: '新同事' },
        'o-someone-else',
      ),
    ).toBe('EMPLOYEE_ALREADY_BOUND')
  })

  it('limits bind guesses per WeChat user and per company, refusing with a catalogued code that changes nothing', async () => {
    const guess = (openid: string, over: object = {}) =>
      call(
        emu,
        'checkin',
        'bind',
        { inviteCode: 'JOIN2026', employeeNo: 'M3', name: '别人', ...over },
        openid,
      )
    for (let i = 0; i < 5; i++) expect((await guess(NEW)).result).toMatchObject({ code: 'BIND_FAILED' })
    // the sixth try is refused, even with the right answer, and binds nothing
    const limited = (await guess(NEW, { name: '新同事' })).result
    expect(limited).toMatchObject({
      ok: false,
      code: 'BIND_RATE_LIMITED',
      message: expect.stringMatching(/[\u4e00-\u9fa5]/),
    })
    expect(docs<BindingDoc>(emu, COLLECTIONS.bindings, { _id: NEW })).toEqual([])
    expect(docs<MemberDoc>(emu, COLLECTIONS.members, { _id: 'm3' })[0].openid).toBeNull()
    // unknown invite codes count for the user too
    for (let i = 0; i < 5; i++)
      expect((await guess('o-prober', { inviteCode: `NOPE000${i}` })).result).toMatchObject({
        code: 'BIND_FAILED',
      })
    expect((await guess('o-prober', { inviteCode: 'NOPE0009' })).result).toMatchObject({
      code: 'BIND_RATE_LIMITED',
    })
    // many accounts guessing one company's roster: 50 failures in the window close it for everyone
    for (let i = 0; i < 45; i++)
      expect((await guess(`o-many-${i}`)).result).toMatchObject({ code: 'BIND_FAILED' })
    expect((await guess('o-fresh', { name: '新同事' })).result).toMatchObject({ code: 'BIND_RATE_LIMITED' })
    // another company is not affected
    expect(
      (await guess('o-fresh', { inviteCode: 'OTHER001', employeeNo: 'M9', name: '别人' })).result,
    ).toMatchObject({
      code: 'BIND_FAILED',
    })
    // recorded once per user, code and hour (tests/integration/refusal-records.test.ts): every guesser's failure
    // in the company's log, each refusal past a limit
    const refusals = docs<{ to: string; companyId: string }>(emu, COLLECTIONS.audit, { action: 'refused' })
    const count = (companyId: string, to: string) =>
      refusals.filter((r) => r.companyId === companyId && r.to === to).length
    expect(count(COMPANY, 'BIND_RATE_LIMITED')).toBe(2)
    expect(count(COMPANY, 'BIND_FAILED')).toBe(1 + 45)
    expect(count(OTHER_COMPANY, 'BIND_FAILED')).toBe(1)
    // the window passes
    await setNow(emu, new Date(new Date(FRIDAY_10).getTime() + 16 * 60_000))
    expect(
      await ok(emu, 'checkin', 'bind', { inviteCode: 'JOIN2026', employeeNo: 'M3', name: '新同事' }, NEW),
    ).toMatchObject({
      memberId: 'm3',
    })
  })

  it('tells a bound member about today: workday, closing time, maintenance', async () => {
    expect(await ok(emu, 'checkin', 'me', {}, A)).toMatchObject({
      today: '2026-11-27',
      checkedInToday: false,
      todayIsWorkday: true,
      checkinClosesAt: null,
      maintenance: null,
    })
    load(emu, {
      ...fixture({ dailyCheckinCloses: '10:30' }),
      maintenance: [
        {
          _id: 'old',
          companyId: COMPANY,
          start: new Date('2026-11-20T01:00:00Z'),
          end: new Date('2026-11-20T03:00:00Z'),
          note: '旧',
        },
        {
          _id: 'soon',
          companyId: COMPANY,
          start: new Date('2026-11-27T14:00:00Z'),
          end: new Date('2026-11-27T16:00:00Z'),
          note: '系统升级',
        },
        {
          _id: 'other',
          companyId: OTHER_COMPANY,
          start: new Date('2026-11-27T01:00:00Z'),
          end: new Date('2026-11-27T05:00:00Z'),
          note: '别家',
        },
      ],
    })
    const me = await ok(emu, 'checkin', 'me', {}, A)
    expect(me.checkinClosesAt).toBe('2026-11-27T10:30:00.000+08:00')
    expect(me.maintenance).toEqual({
      start: '2026-11-27T22:00:00.000+08:00',
      end: '2026-11-28T00:00:00.000+08:00',
      note: '系统升级',
      active: false,
    })
    await setNow(emu, '2026-11-27T15:00:00Z')
    expect((await ok(emu, 'checkin', 'me', {}, A)).maintenance?.active).toBe(true)
    await setNow(emu, '2026-11-28T02:00:00Z') // Saturday
    expect(await ok(emu, 'checkin', 'me', {}, A)).toMatchObject({ todayIsWorkday: false, maintenance: null })
  })

  it('identity comes from WeChat, never from the event', async () => {
    // an openid or userInfo in the body changes nothing: B asks, B is answered
    const res = await call(emu, 'checkin', 'me', { userInfo: { openId: A } }, B)
    expect(res.result.ok && res.result.data.member?.memberId).toBe('m2')
    expect(await codeOf(emu, 'checkin', 'me', { openid: A }, B)).toBe('INVALID_INPUT')
    // no WeChat identity at all (e.g. a call not from the mini program)
    expect(await codeOf(emu, 'checkin', 'me', {}, '')).toBe('FORBIDDEN')
  })
})

describe('checkin.submit', () => {
  it("records today's check-in once; a retry with the same request id is a duplicate, another is refused", async () => {
    const id = rid()
    expect(await ok(emu, 'checkin', 'submit', { report, clientRequestId: id }, A)).toEqual({
      day: '2026-11-27',
      duplicate: false,
    })
    expect(await ok(emu, 'checkin', 'submit', { report, clientRequestId: id }, A)).toEqual({
      day: '2026-11-27',
      duplicate: true,
    })
    expect(await codeOf(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)).toBe(
      'ALREADY_CHECKED_IN',
    )
    expect(docs<CheckinDoc>(emu, COLLECTIONS.checkins)).toHaveLength(1)
    expect((await ok(emu, 'checkin', 'me', {}, A)).checkedInToday).toBe(true)
  })

  it('refuses bad input with a catalogued code and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ report: { ...report, temperature: 45 }, clientRequestId: rid() }, 'TEMPERATURE_OUT_OF_RANGE'],
      [{ report: { ...report, temperature: 30 }, clientRequestId: rid() }, 'TEMPERATURE_OUT_OF_RANGE'],
      [{ report: { ...report, region: { $ne: null } }, clientRequestId: rid() }, 'INVALID_INPUT'],
      [{ report: { ...report, temperature: '36.5' }, clientRequestId: rid() }, 'INVALID_INPUT'],
      [{ report, clientRequestId: rid(), memberId: 'm2' }, 'INVALID_INPUT'],
      [{ report: { ...report, note: 'x'.repeat(201) }, clientRequestId: rid() }, 'INVALID_INPUT'],
      [{ clientRequestId: rid() }, 'INVALID_INPUT'],
    ]
    for (const [input, code] of cases) expect(await codeOf(emu, 'checkin', 'submit', input, A)).toBe(code)
    expect(await codeOf(emu, 'checkin', 'nonsense' as 'me', {}, A)).toBe('INVALID_INPUT')
    expect(await codeOf(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, NEW)).toBe('NOT_BOUND')
    expect(docs(emu, COLLECTIONS.checkins)).toHaveLength(0)
  })

  it('between UTC 16:00 and 24:00 the check-in belongs to the next Shanghai day', async () => {
    await setNow(emu, '2026-11-30T17:00:00Z') // Tuesday 01:00 in Shanghai
    expect(await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)).toMatchObject({
      day: '2026-12-01',
    })
    await setNow(emu, '2026-11-30T15:58:00Z') // still Monday 23:58 in Shanghai
    expect(await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)).toMatchObject({
      day: '2026-11-30',
    })
  })

  it('closes at the policy hour: after it, the answer points to a make-up', async () => {
    load(emu, fixture({ dailyCheckinCloses: '09:30' }))
    await setNow(emu, '2026-11-27T01:40:00Z') // 09:40 Shanghai
    expect(await codeOf(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)).toBe(
      'CHECKIN_CLOSED',
    )
    expect(docs(emu, COLLECTIONS.checkins)).toHaveLength(0)
  })

  it('waits during a maintenance window of its own company (MAINTENANCE_ACTIVE, nothing written), in one read', async () => {
    const window = (id: string, companyId: string, start: string, end: string) => ({
      _id: id,
      companyId,
      start: new Date(start),
      end: new Date(end),
      note: '系统升级',
    })
    load(emu, {
      ...fixture(),
      maintenance: [
        window('now', COMPANY, '2026-11-27T01:00:00Z', '2026-11-27T03:00:00Z'),
        window('other', OTHER_COMPANY, '2026-11-27T04:00:00Z', '2026-11-27T06:00:00Z'),
      ],
    })
    const id = rid()
    const refused = await call(emu, 'checkin', 'submit', { report, clientRequestId: id }, A)
    expect(refused.result).toMatchObject({ ok: false, code: 'MAINTENANCE_ACTIVE' })
    expect(refused.roundTrips).toBe(1)
    expect(docs(emu, COLLECTIONS.checkins)).toHaveLength(0)
    await setNow(emu, '2026-11-27T05:00:00Z') // ours is over; another company's window does not apply
    expect(await ok(emu, 'checkin', 'submit', { report, clientRequestId: id }, A)).toMatchObject({
      duplicate: false,
    })
  })

  it('20 concurrent duplicates of one request id leave one record, all answered ok', async () => {
    const id = rid()
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call(emu, 'checkin', 'submit', { report, clientRequestId: id }, A)),
    )
    expect(results.every((r) => r.result.ok)).toBe(true)
    expect(results.filter((r) => r.result.ok && !r.result.data.duplicate)).toHaveLength(1)
    expect(docs(emu, COLLECTIONS.checkins)).toHaveLength(1)
  })
})

describe('checkin.month', () => {
  it('shows checked, missed, rest, open and future days; the other company sees nothing of ours', async () => {
    await setNow(emu, '2026-11-25T02:00:00Z')
    await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)
    await setNow(emu, FRIDAY_10)
    const { result, roundTrips } = await call(emu, 'checkin', 'month', { month: '2026-11' }, A)
    if (!result.ok) throw new Error(result.code)
    const state = (d: string) => result.data.days.find((x) => x.day === d)?.state
    expect(state('2026-11-25')).toBe('checked')
    expect(state('2026-11-26')).toBe('missed')
    expect(state('2026-11-22')).toBe('rest')
    expect(state('2026-11-27')).toBe('open')
    expect(state('2026-11-30')).toBe('future')
    expect(roundTrips).toBe(1) // one aggregation: caller, records, special handling, quota documents
    const other = await ok(emu, 'checkin', 'month', { month: '2026-11' }, C2)
    expect(other.days.find((x) => x.day === '2026-11-25')?.state).toBe('missed')
    expect(await codeOf(emu, 'checkin', 'month', { month: '2026-13' }, A)).toBe('INVALID_INPUT')
  })
})
