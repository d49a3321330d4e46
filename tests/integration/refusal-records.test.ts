// Refusals that used to be only logged are recorded, and an attacker cannot make the records grow without bound:
// timer events sent from the app to admin, notify and retention, and binds with an invite code no company has.
// Those naming a company go to its audit log once per caller, kind and hour; the others to the platform's
// security_log, counted per caller and hour, with an overflow entry past the hour's cap. Ids and codes only.
// The retention timer drops old bind-attempt counters and security-log entries.
import { COLLECTIONS } from '@core/makeup'
import { SECURITY_CALLERS_PER_HOUR, SECURITY_LOG, type SecurityEntry } from '@server/security-log'
import type { SecurityLogView } from '@core/admin'
import {
  A,
  B,
  call,
  codeOf,
  COMPANY,
  docs,
  fixture,
  FRIDAY_10,
  NEW,
  ok,
  OTHER_COMPANY,
  setNow,
} from './harness'
import { useEmulator } from './fixture'

jest.setTimeout(300_000)

const emu = useEmulator({
  functions: ['admin', 'notify', 'retention', 'checkin'],
  // m2 (B) is also the platform's operator
  data: () => ({
    ...fixture({}, { m2: { roles: ['employee', 'hr', 'operator'] } }),
    [SECURITY_LOG]: [],
    bind_attempts: [],
  }),
  at: FRIDAY_10,
})

const TIMER = { Type: 'Timer', TriggerName: 'minutely', Time: FRIDAY_10 }
const TIMED = ['admin', 'notify', 'retention'] as const

const security = () => docs<Omit<SecurityEntry, 'kind'> & { kind: string }>(emu, SECURITY_LOG)
const callers = () => security().filter((e) => e.kind !== 'callers')
const refused = () =>
  docs<{ companyId: string; to: string; reason: string; memberId: string }>(emu, COLLECTIONS.audit, {
    action: 'refused',
  })
/** Everything but the records of refusals: must not change. */
const data = () =>
  JSON.stringify(
    Object.entries(emu.exportData().collections)
      .filter(([name]) => ![SECURITY_LOG, COLLECTIONS.audit, 'bind_attempts'].includes(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  )

async function forge(fn: string, openid: string) {
  const r = await emu.invoke(fn, TIMER, { openid })
  expect(r.result).toMatchObject({ ok: false, code: 'FORBIDDEN' })
}

const bind = (openid: string, inviteCode: string) =>
  call(emu, 'checkin', 'bind', { inviteCode, employeeNo: 'M3', name: '别人' }, openid)

describe('refusals are recorded, bounded', () => {
  it('a timer event from the app: a member in the company audit once an hour, anyone else in the security log, counted', async () => {
    const before = data()
    for (const fn of TIMED)
      for (let i = 0; i < 3; i++) {
        await forge(fn, A)
        await forge(fn, 'o-stranger')
        await forge(fn, '')
      }
    expect(data()).toBe(before)
    // the member: one entry per function in the hour, in their company's log
    expect(
      refused()
        .map((r) => [r.companyId, r.memberId, r.to, r.reason])
        .sort(),
    ).toEqual(TIMED.map((fn) => [COMPANY, 'm1', 'FORBIDDEN', `${fn}.timer`]))
    // an unbound user and a call with no identity: counted in the platform's log
    expect(
      callers()
        .map((e) => [e.kind, e.fn, e.openid, e.code, e.count])
        .sort(),
    ).toEqual(
      TIMED.flatMap((fn) => [
        ['forgedTimer', fn, null, 'FORBIDDEN', 3],
        ['forgedTimer', fn, 'o-stranger', 'FORBIDDEN', 3],
      ]).sort(),
    )
    // the next hour starts new entries
    await setNow(emu, new Date(new Date(FRIDAY_10).getTime() + 3_600_000))
    await forge('admin', A)
    await forge('admin', 'o-stranger')
    expect(refused()).toHaveLength(TIMED.length + 1)
    expect(callers().filter((e) => e.openid === 'o-stranger' && e.fn === 'admin')).toHaveLength(2)
  })

  it('binds with an unknown invite code: in the security log without what was typed; known ones in the company audit once an hour', async () => {
    for (let i = 0; i < 5; i++)
      expect((await bind('o-prober', `NOPE000${i}`)).result).toMatchObject({ code: 'BIND_FAILED' })
    expect((await bind('o-prober', 'NOPE0009')).result).toMatchObject({ code: 'BIND_RATE_LIMITED' })
    expect((await bind('o-prober', 'NOPE0009')).result).toMatchObject({ code: 'BIND_RATE_LIMITED' })
    expect(
      callers()
        .map((e) => [e.kind, e.fn, e.openid, e.code, e.count])
        .sort(),
    ).toEqual([
      ['bindRateLimited', 'checkin', 'o-prober', 'BIND_RATE_LIMITED', 2],
      ['unknownInvite', 'checkin', 'o-prober', 'BIND_FAILED', 5],
    ])
    expect(JSON.stringify(security())).not.toContain('NOPE')
    expect(refused()).toEqual([])

    // a known invite code: failed guesses and the refusal past the limit, once each per user and hour
    for (let i = 0; i < 5; i++)
      expect((await bind(NEW, i % 2 ? 'JOIN2026' : 'OTHER001')).result).toMatchObject({ code: 'BIND_FAILED' })
    expect((await bind(NEW, 'JOIN2026')).result).toMatchObject({ code: 'BIND_RATE_LIMITED' })
    expect((await bind(NEW, 'JOIN2026')).result).toMatchObject({ code: 'BIND_RATE_LIMITED' })
    expect(
      refused()
        .map((r) => [r.companyId, r.to, r.reason])
        .sort(),
    ).toEqual([
      [COMPANY, 'BIND_FAILED', 'bind'],
      [COMPANY, 'BIND_RATE_LIMITED', 'bind'],
      [OTHER_COMPANY, 'BIND_FAILED', 'bind'],
    ])
    expect(JSON.stringify(refused())).not.toMatch(/JOIN2026|OTHER001|别人/)
  })

  it(`one hour holds at most ${SECURITY_CALLERS_PER_HOUR} callers' entries: the others are counted in one overflow entry`, async () => {
    const extra = 30
    for (let i = 0; i < SECURITY_CALLERS_PER_HOUR + extra; i++) await forge('admin', `o-flood-${i}`)
    await forge('admin', 'o-flood-0')
    const entries = callers()
    expect(entries).toHaveLength(SECURITY_CALLERS_PER_HOUR + 1)
    expect(entries.find((e) => e.openid === 'o-flood-0')?.count).toBe(2)
    expect(entries.filter((e) => e._id.endsWith('_overflow'))).toMatchObject([
      { kind: 'forgedTimer', fn: 'admin', openid: null, count: extra },
    ])
    // one more document counts the hour's callers
    expect(security()).toHaveLength(SECURITY_CALLERS_PER_HOUR + 2)

    // the operator reads it page by page, newest first, the hour counter left out; nobody else may
    const seen: SecurityLogView[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 20; pages++) {
      const page = await ok(emu, 'admin', 'securityLog', cursor ? { cursor } : {}, B)
      seen.push(...page.items)
      if (!page.next) break
      cursor = page.next
    }
    expect(seen.map((e) => e.id).sort()).toEqual(entries.map((e) => e._id).sort())
    expect(seen[0]).toMatchObject({ kind: 'forgedTimer', fn: 'admin', openid: 'o-flood-0', count: 2 })
    expect(await codeOf(emu, 'admin', 'securityLog', {}, A)).toBe('FORBIDDEN')
  })

  it('the retention timer drops bind-attempt counters a day old and security-log entries past 90 days', async () => {
    await forge('admin', 'o-old')
    expect((await bind('o-old', 'NOPE0001')).result).toMatchObject({ code: 'BIND_FAILED' })
    expect(docs(emu, 'bind_attempts')).toHaveLength(1)
    // two days later the counter goes, the security log stays
    await setNow(emu, new Date(new Date(FRIDAY_10).getTime() + 2 * 86_400_000))
    await forge('admin', 'o-recent')
    expect((await emu.fireTrigger('retention')).ok).toBe(true)
    expect(docs(emu, 'bind_attempts')).toEqual([])
    expect(
      callers()
        .map((e) => e.openid)
        .sort(),
    ).toEqual(['o-old', 'o-old', 'o-recent'])
    // 91 days after the first entries: they go, the newer one stays
    await setNow(emu, new Date(new Date(FRIDAY_10).getTime() + 91 * 86_400_000 + 3_600_000))
    expect((await emu.fireTrigger('retention')).ok).toBe(true)
    expect(callers().map((e) => e.openid)).toEqual(['o-recent'])
  })
})
