// 申请开通 end to end through the real SDK: the home page's availability follows the policy of the member's region
// (not the raw switch), a member whose make-up is not enabled asks for it, HR sees the request and grants or
// declines it (audited, catalogued refusals), the member gets an in-app notice and make-up opens.
import type { Emulator } from '@emulator/index'
import type { AdminAuditDoc } from '@core/admin'
import { COLLECTIONS, type AccessRequestDoc, type MemberDoc } from '@core/makeup'
import { A, B, C2, codeOf, docs, fixture, load, ok, setNow, startFunctionsEmulator } from './harness'

jest.setTimeout(120_000)

let emu: Emulator
beforeAll(async () => {
  emu = await startFunctionsEmulator(['checkin', 'makeup', 'admin', 'notify'])
}, 90_000)
afterAll(() => emu?.close())

const FRIDAY_10 = '2026-11-27T02:00:00Z'
const HR = B

/** m1 (A) in 上海, where the policy needs an admin's authorisation; m2 (B) is the HR admin. */
async function start() {
  const f = fixture(
    { regions: { 上海: { adminAuthorisation: true }, 北京: { identityBinding: true } } },
    { m1: { region: '上海', makeupEnabled: false }, m2: { roles: ['employee', 'hr'] } },
  )
  load(emu, f)
  await setNow(emu, FRIDAY_10)
}

const me = (who = A, clientVersion = '9.9.9') => ok(emu, 'checkin', 'me', { clientVersion }, who)
const memberDoc = (id: string) => docs<MemberDoc>(emu, COLLECTIONS.members, { _id: id })[0]

describe('why make-up is unavailable, from the policy', () => {
  beforeEach(() => start())

  it('follows the policy of the region, not the raw switch: off is enough only where HR must authorise', async () => {
    expect((await me()).makeup).toEqual({ code: 'MAKEUP_NOT_ENABLED', access: null })
    // B's switch is off too, but B's region opens make-up to everyone (the home page used to say "not enabled")
    load(emu, {
      ...fixture({}, { m2: { makeupEnabled: false } }),
    })
    expect((await me(B)).makeup).toEqual({ code: null, access: null })
  })

  it('names the region check and the client version', async () => {
    const f = fixture(
      { regions: { 北京: { identityBinding: true } }, minClientVersion: '2.0.0' },
      { m1: { region: '北京' }, m2: { roles: ['employee', 'hr'] } },
    )
    load(emu, f)
    expect((await me(A, '1.9.0')).makeup?.code).toBe('CLIENT_TOO_OLD')
    expect((await me(A, '2.0.0')).makeup?.code).toBe('IDENTITY_BINDING_REQUIRED')
    // HR confirms the identity by hand (audited): the reason goes away
    await ok(emu, 'admin', 'updateMember', { memberId: 'm1', identityBound: true }, HR)
    expect((await me(A, '2.0.0')).makeup?.code).toBeNull()
    const entry = docs<AdminAuditDoc>(emu, COLLECTIONS.audit, { action: 'update', memberId: 'm1' })[0]
    expect(entry.changes).toEqual(['identityBound: false → true'])
  })
})

describe('申请开通', () => {
  beforeEach(() => start())

  it('the member asks, HR grants: the switch goes on, the member is told, make-up opens', async () => {
    const sent = await ok(emu, 'makeup', 'requestAccess', { reason: '外勤较多' }, A)
    expect(sent.status).toBe('pending')
    // asking again while pending changes nothing
    expect((await ok(emu, 'makeup', 'requestAccess', {}, A)).requestedAt).toBe(sent.requestedAt)
    expect((await me()).makeup?.access?.status).toBe('pending')

    const list = await ok(emu, 'admin', 'accessRequests', {}, HR)
    expect(list).toEqual([
      expect.objectContaining({
        status: 'pending',
        reason: '外勤较多',
        member: expect.objectContaining({ id: 'm1' }),
      }),
    ])
    const granted = await ok(
      emu,
      'admin',
      'decideAccess',
      { memberId: 'm1', decision: 'grant', note: '已核实' },
      HR,
    )
    expect(granted.status).toBe('granted')
    expect(memberDoc('m1').makeupEnabled).toBe(true)
    expect((await me()).makeup).toEqual({ code: null, access: null })
    expect(
      (await ok(emu, 'makeup', 'slots', { clientVersion: '9.9.9' }, A)).blocked.map((b) => b.code),
    ).not.toContain('MAKEUP_NOT_ENABLED')
    // the slots carry the attachment rules the uploader follows
    expect((await ok(emu, 'makeup', 'slots', {}, A)).attachments).toEqual(
      expect.objectContaining({ maxCount: 3, maxBytes: 5 * 1024 * 1024, types: ['jpg', 'png'] }),
    )

    const inbox = await ok(emu, 'notify', 'inbox', {}, A)
    expect(inbox.items[0]).toMatchObject({ kind: 'accessDecided', body: '补打卡功能开通申请已批准：已核实' })
    const audit = docs<AdminAuditDoc>(emu, COLLECTIONS.audit, { action: 'grantAccess' })
    expect(audit).toEqual([
      expect.objectContaining({ memberId: 'm1', to: 'granted', changes: ['makeupEnabled: false → true'] }),
    ])
    expect(docs(emu, COLLECTIONS.audit, { action: 'requestAccess', memberId: 'm1' })).toHaveLength(1)
  })

  it('HR declines: the switch stays off, the member is told why and may ask again', async () => {
    await ok(emu, 'makeup', 'requestAccess', {}, A)
    await ok(
      emu,
      'admin',
      'decideAccess',
      { memberId: 'm1', decision: 'decline', note: '试用期后再开通' },
      HR,
    )
    expect(memberDoc('m1').makeupEnabled).toBe(false)
    expect((await me()).makeup).toEqual({
      code: 'MAKEUP_NOT_ENABLED',
      access: expect.objectContaining({ status: 'declined', note: '试用期后再开通' }),
    })
    const inbox = await ok(emu, 'notify', 'inbox', {}, A)
    expect(inbox.items[0].body).toBe('补打卡功能开通申请未批准：试用期后再开通')
    expect((await ok(emu, 'makeup', 'requestAccess', {}, A)).status).toBe('pending')
    expect(await ok(emu, 'admin', 'accessRequests', { status: 'declined' }, HR)).toEqual([])
  })

  it('refuses with catalogued codes and changes nothing', async () => {
    // B's make-up is open: nothing to ask for
    expect(await codeOf(emu, 'makeup', 'requestAccess', {}, B)).toBe('ACCESS_NOT_NEEDED')
    expect(docs(emu, COLLECTIONS.accessRequests)).toEqual([])
    // no request yet; employees and other companies' HR cannot decide
    expect(await codeOf(emu, 'admin', 'decideAccess', { memberId: 'm1', decision: 'grant' }, HR)).toBe(
      'ACCESS_REQUEST_NOT_FOUND',
    )
    await ok(emu, 'makeup', 'requestAccess', {}, A)
    expect(await codeOf(emu, 'admin', 'decideAccess', { memberId: 'm1', decision: 'grant' }, A)).toBe(
      'FORBIDDEN',
    )
    expect(await codeOf(emu, 'admin', 'accessRequests', {}, A)).toBe('FORBIDDEN')
    load(emu, {
      ...fixture(
        { regions: { 上海: { adminAuthorisation: true } } },
        {
          m1: { region: '上海', makeupEnabled: false },
          m2: { roles: ['employee', 'hr'] },
          m9: { roles: ['employee', 'hr'] },
        },
      ),
    })
    await ok(emu, 'makeup', 'requestAccess', {}, A)
    expect(await codeOf(emu, 'admin', 'decideAccess', { memberId: 'm1', decision: 'grant' }, C2)).toBe(
      'ACCESS_REQUEST_NOT_FOUND',
    )
    expect(await ok(emu, 'admin', 'accessRequests', {}, C2)).toEqual([])
    // decided once: a second answer says who answered
    await ok(emu, 'admin', 'decideAccess', { memberId: 'm1', decision: 'decline' }, HR)
    const { result } = await import('./harness').then((h) =>
      h.call(emu, 'admin', 'decideAccess', { memberId: 'm1', decision: 'grant' }, HR),
    )
    expect(result).toMatchObject({ ok: false, code: 'ALREADY_DECIDED' })
    expect(memberDoc('m1').makeupEnabled).toBe(false)
    expect(docs<AccessRequestDoc>(emu, COLLECTIONS.accessRequests)[0].status).toBe('declined')
  })
})
