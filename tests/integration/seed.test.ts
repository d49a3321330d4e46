// The demo seed works with the real functions: the demo employee has makeable days, history and quota.
import { buildDemoSeed, DEMO_EMPLOYEE_OPENID, DEMO_INVITE_CODE } from '@database/seed'
import { localDay } from '@core/calendar'
import { codeOf, load, ok, setNow } from './harness'
import { useEmulator } from './fixture'

jest.setTimeout(120_000)

const emu = useEmulator()

// a Wednesday 10:00 Shanghai, so the two missed working days before it are inside the window
const NOW = new Date('2026-11-25T02:00:00Z')

describe('demo seed', () => {
  const seed = buildDemoSeed(NOW)

  it('has one company, an HR admin, two reviewers, ~20 employees in 3 departments and 2 regions', () => {
    const members = seed.collections.members as { roles: string[]; dept: string; region: string }[]
    expect(seed.collections.companies).toHaveLength(1)
    expect(members.filter((m) => m.roles.includes('hr'))).toHaveLength(1)
    expect(members.filter((m) => m.roles.includes('reviewer'))).toHaveLength(3)
    expect(members.length).toBeGreaterThanOrEqual(20)
    expect(new Set(members.map((m) => m.dept)).size).toBe(3)
    expect(new Set(members.map((m) => m.region)).size).toBe(2)
    expect(seed.identities.map((i) => i.openid)).toEqual(
      expect.arrayContaining(['o-hr-admin', DEMO_EMPLOYEE_OPENID]),
    )
    expect(seed.identities.find((i) => i.openid === DEMO_EMPLOYEE_OPENID)?.label).toMatch(/（员工·.+部）$/)
  })

  it('is deterministic for a given now', () => {
    expect(JSON.stringify(buildDemoSeed(NOW))).toBe(JSON.stringify(seed))
  })

  it('gives the demo employee makeable days, history and quota through the functions', async () => {
    load(emu, seed.collections)
    await setNow(emu, NOW)
    const me = await ok(emu, 'checkin', 'me', {}, DEMO_EMPLOYEE_OPENID)
    expect(me.member).toMatchObject({ companyName: '示例科技有限公司' })
    expect(me.today).toBe(localDay(NOW))
    const slots = await ok(emu, 'makeup', 'slots', {}, DEMO_EMPLOYEE_OPENID)
    expect(slots.slots.length).toBeGreaterThanOrEqual(2)
    expect(slots.quota[0].used).toBeGreaterThanOrEqual(1)
    const list = await ok(emu, 'makeup', 'list', {}, DEMO_EMPLOYEE_OPENID)
    expect(new Set(list.map((r) => r.status))).toEqual(new Set(['pending', 'approved', 'rejected']))
    const month = await ok(
      emu,
      'checkin',
      'month',
      { month: localDay(NOW).slice(0, 7) },
      DEMO_EMPLOYEE_OPENID,
    )
    const states = new Set(month.days.map((d) => d.state))
    expect([...states]).toEqual(expect.arrayContaining(['checked', 'missed', 'pending', 'rest', 'future']))
  })

  it('an unbound roster entry can bind with the invite code', async () => {
    load(emu, seed.collections)
    await setNow(emu, NOW)
    const unbound = (
      seed.collections.members as { openid: string | null; employeeNo: string; name: string }[]
    ).find((m) => m.openid === null)!
    expect(
      await codeOf(
        emu,
        'checkin',
        'bind',
        { inviteCode: DEMO_INVITE_CODE, employeeNo: unbound.employeeNo, name: unbound.name },
        'o-new-user',
      ),
    ).toBe('OK')
  })
})
