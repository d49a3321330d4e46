// Company invariants under concurrency and against the platform: a company always keeps an active HR admin, even
// when two admins demote or deactivate each other at the same moment; and a company's HR admin cannot act on the
// platform operator whose member record lives in that company.
import type { Emulator } from '@emulator/index'
import type { AdminAuditDoc } from '@core/admin'
import { COLLECTIONS, type MemberDoc } from '@core/makeup'
import {
  A,
  B,
  COMPANY,
  call,
  codeOf,
  docs,
  fixture,
  load,
  ok,
  setNow,
  startFunctionsEmulator,
  warm,
} from './harness'

jest.setTimeout(240_000)

let emu: Emulator
beforeAll(async () => {
  emu = await startFunctionsEmulator(['admin'])
  await warm(emu, 'admin', 4)
}, 120_000)
afterAll(() => emu?.close())

const FRIDAY_10 = '2026-11-27T02:00:00Z'
const OP = 'o-operator'
const member = (id: string) => docs<MemberDoc>(emu, COLLECTIONS.members, { _id: id })[0]
const activeHr = () =>
  docs<MemberDoc>(emu, COLLECTIONS.members, { companyId: COMPANY }).filter(
    (m) => m.status === 'active' && m.roles.includes('hr'),
  )

async function start() {
  // m1 (A) and m2 (B) are both HR admins of c1; op1, the platform operator, is bound and lives in c1 too
  const f = fixture({}, { m1: { roles: ['employee', 'hr'] }, m2: { roles: ['employee', 'hr'] } })
  const operator: MemberDoc = {
    ...f.members[0],
    _id: 'op1',
    employeeNo: 'OP1',
    name: '平台运营',
    roles: ['employee', 'operator'],
    openid: OP,
  }
  load(emu, {
    ...f,
    members: [...f.members, operator],
    bindings: [...f.bindings, { _id: OP, companyId: COMPANY, memberId: 'op1', boundAt: new Date() }],
  })
  await setNow(emu, FRIDAY_10)
}

describe('the last HR admin', () => {
  it.each([
    ['demote', (id: string) => ({ action: 'updateMember', memberId: id, roles: ['employee'] })],
    ['deactivate', (id: string) => ({ action: 'deactivate', memberId: id })],
  ])('two HR admins who %s each other at once leave one of them, 20 times over', async (_, input) => {
    for (let round = 0; round < 20; round++) {
      await start()
      const [byA, byB] = await Promise.all([
        emu.invoke('admin', input('m2'), { openid: A }),
        emu.invoke('admin', input('m1'), { openid: B }),
      ])
      const codes = [byA, byB].map((r) => {
        const res = r.result as { ok: boolean; code?: string }
        return res.ok ? 'OK' : res.code
      })
      expect(activeHr()).toHaveLength(1)
      // one succeeds; the other is refused (its caller may no longer be an admin by then)
      expect(codes.filter((c) => c === 'OK')).toHaveLength(1)
      expect(codes.find((c) => c !== 'OK')).toMatch(/^(LAST_HR_ADMIN|FORBIDDEN|NOT_BOUND)$/)
      // the company can still be administered
      const admin = activeHr()[0].openid!
      expect(await codeOf(emu, 'admin', 'members', {}, admin)).toBe('OK')
    }
  })

  it('refuses, records and changes nothing when the last admin is demoted', async () => {
    await start()
    await ok(emu, 'admin', 'updateMember', { memberId: 'm1', roles: ['employee'] }, B)
    const before = docs(emu, COLLECTIONS.members)
    expect(await codeOf(emu, 'admin', 'deactivate', { memberId: 'm2' }, B)).toBe('LAST_HR_ADMIN')
    expect(docs(emu, COLLECTIONS.members)).toEqual(before)
    expect(
      docs<AdminAuditDoc>(emu, COLLECTIONS.audit, { action: 'refused', subjectId: 'm2' }).map((e) => e.to),
    ).toEqual(['LAST_HR_ADMIN'])
  })
})

describe('the platform operator is not a tenant member', () => {
  beforeEach(() => start())

  it.each([
    ['deactivate', { memberId: 'op1' }],
    ['updateMember', { memberId: 'op1', roles: ['employee'] }],
    ['updateMember', { memberId: 'op1', dept: '研发部' }],
    ['member', { memberId: 'op1' }],
  ])(
    'an HR admin cannot %s the operator: MEMBER_NOT_FOUND, recorded, nothing changed',
    async (action, input) => {
      const before = member('op1')
      const { result } = await call(emu, 'admin', action as never, input, B)
      expect(result).toMatchObject({ ok: false, code: 'MEMBER_NOT_FOUND' })
      expect(member('op1')).toEqual(before)
      expect(docs(emu, COLLECTIONS.bindings, { _id: OP })).toHaveLength(1)
      expect(docs<AdminAuditDoc>(emu, COLLECTIONS.audit, { action: 'refused' })).toMatchObject([
        { subjectId: 'op1', to: 'MEMBER_NOT_FOUND', reason: action, memberId: 'op1' },
      ])
      // the operator still operates
      expect(await codeOf(emu, 'admin', 'companies', {}, OP)).toBe('OK')
    },
  )
})
