// The region's identity checks end to end through the emulator's WeChat openapi: the roster's phone numbers are
// imported hashed, the phone-number button's code binds a matching member (once; 40029 codes are refused), a
// mismatch is refused with a next step, HR confirms by hand on the member page (audited); SOTER face / fingerprint verifies through
// soter.verifySignature and lasts the region's number of days; forged or replayed results are refused.
import { EJSON } from 'bson'
import type { Emulator } from '@emulator/index'
import { COLLECTIONS, type AuditDoc, type CompanyDoc, type MemberDoc } from '@core/makeup'
import { DEFAULT_POLICY } from '@core/policy'
import { A, B, COMPANY, codeOf, docs, fixture, load, ok, setNow, startFunctionsEmulator } from './harness'

jest.setTimeout(300_000)

let emu: Emulator
beforeAll(async () => {
  emu = await startFunctionsEmulator(['admin', 'checkin', 'makeup'])
}, 120_000)
afterAll(() => emu?.close())

const HR = B
const NOW = '2026-11-27T02:00:00Z'
const policy = {
  regions: {
    ...DEFAULT_POLICY.regions,
    上海: { identityBinding: true },
    北京: { extraVerification: true, extraVerificationDays: 7 },
  },
}

async function start(m1Region = '上海') {
  load(emu, fixture(policy, { m1: { region: m1Region }, m2: { roles: ['employee', 'hr'] } }))
  await setNow(emu, NOW)
}

/** HR imports the roster with m1's phone number. */
async function importRoster(phone: string) {
  const path = `companies/${COMPANY}/admin/roster.csv`
  emu.files.put(path, Buffer.from(`工号,姓名,部门,地区,手机号\nM1,员工m1,研发部,上海,${phone}\n`))
  let job = await ok(emu, 'admin', 'importStart', { fileID: emu.files.fileIdFor(path) }, HR)
  while (job.status === 'running') job = await ok(emu, 'admin', 'importContinue', { jobId: job.id }, HR)
  expect(job.errors).toEqual([])
}

const m1 = () => docs<MemberDoc>(emu, COLLECTIONS.members, { _id: 'm1' })[0]
const slotsCode = async () => {
  const view = await ok(emu, 'makeup', 'slots', {}, A)
  return view.blocked.find((b) => b.day === '2026-11-26')?.code ?? 'OK'
}

describe('identity binding by WeChat phone number (上海)', () => {
  test('the roster keeps only a salted hash; a matching code binds, audited, and make-ups open', async () => {
    await start()
    expect(await slotsCode()).toBe('IDENTITY_BINDING_REQUIRED')
    await importRoster('138 0013 8000')
    const dump = JSON.stringify(EJSON.serialize(emu.exportData()))
    expect(dump).not.toContain('13800138000')
    expect(m1().phoneHash).toMatch(/^[0-9a-f]{64}$/)
    expect(docs<CompanyDoc>(emu, COLLECTIONS.companies, { _id: COMPANY })[0].phoneSalt).toMatch(
      /^[0-9a-f]{64}$/,
    )

    const code = emu.verification.issuePhoneCode('13800138000')
    const view = await ok(emu, 'checkin', 'bindPhone', { code }, A)
    expect(view).toMatchObject({ identityRequired: true, identityBound: true, boundBy: 'phone' })
    expect(docs<AuditDoc>(emu, COLLECTIONS.audit, { memberId: 'm1', action: 'identityBound' })).toHaveLength(
      1,
    )
    expect(await slotsCode()).toBe('OK')
  })

  test('a used, unknown or expired code is PHONE_CODE_INVALID; another number is PHONE_MISMATCH; nothing binds', async () => {
    await start()
    await importRoster('13800138000')
    expect(await codeOf(emu, 'checkin', 'bindPhone', { code: 'nonexistent-code' }, A)).toBe(
      'PHONE_CODE_INVALID',
    )
    const other = emu.verification.issuePhoneCode('13900139000')
    expect(await codeOf(emu, 'checkin', 'bindPhone', { code: other }, A)).toBe('PHONE_MISMATCH')
    // the mismatching attempt consumed its code: it cannot be replayed
    expect(await codeOf(emu, 'checkin', 'bindPhone', { code: other }, A)).toBe('PHONE_CODE_INVALID')
    const late = emu.verification.issuePhoneCode('13800138000')
    await setNow(emu, '2026-11-27T02:06:00Z')
    expect(await codeOf(emu, 'checkin', 'bindPhone', { code: late }, A)).toBe('PHONE_CODE_INVALID')
    expect(m1()).toMatchObject({ identityBound: false })
  })

  test('no number on the roster is PHONE_NOT_ON_ROSTER; HR confirms by hand on the member page, audited', async () => {
    await start()
    const code = emu.verification.issuePhoneCode('13800138000')
    expect(await codeOf(emu, 'checkin', 'bindPhone', { code }, A)).toBe('PHONE_NOT_ON_ROSTER')
    expect(await codeOf(emu, 'admin', 'updateMember', { memberId: 'm1', identityBound: true }, A)).toBe(
      'FORBIDDEN',
    )
    const view = await ok(emu, 'admin', 'updateMember', { memberId: 'm1', identityBound: true }, HR)
    expect(view).toMatchObject({ identityBound: true, identityBoundBy: 'hr' })
    const entries = docs<{ action: string; changes: string[] }>(emu, COLLECTIONS.audit, {
      subjectId: 'm1',
      action: 'update',
    })
    expect(entries).toEqual([expect.objectContaining({ changes: ['identityBound: false → true'] })])
    expect(await ok(emu, 'checkin', 'verification', {}, A)).toMatchObject({
      identityBound: true,
      boundBy: 'hr',
    })
    expect(await slotsCode()).toBe('OK')
  })
})

describe('extra verification by SOTER (北京, valid 7 days)', () => {
  const soter = async (
    mutate: (r: { resultJSON: string; resultJSONSignature: string }) => object = (r) => r,
  ) => {
    const { challenge } = await ok(emu, 'checkin', 'soterChallenge', {}, A)
    const r = emu.verification.startSoterAuthentication(A, challenge, 'facial')
    return { authMode: 'facial', ...mutate(r) }
  }

  test('a signed challenge verifies; the verification lasts the region’s days, then the gate closes again', async () => {
    await start('北京')
    expect(await slotsCode()).toBe('EXTRA_VERIFICATION_REQUIRED')
    const input = await soter(({ resultJSON, resultJSONSignature }) => ({ resultJSON, resultJSONSignature }))
    const view = await ok(emu, 'checkin', 'verifySoter', input, A)
    expect(view).toMatchObject({
      extraRequired: true,
      extraValidDays: 7,
      extraVerifiedUntil: '2026-12-04T23:59:59.999+08:00',
    })
    expect(await slotsCode()).toBe('OK')
    // the same result again: its challenge is spent
    expect(await codeOf(emu, 'checkin', 'verifySoter', input, A)).toBe('SOTER_CHALLENGE_EXPIRED')
    await setNow(emu, '2026-12-05T02:00:00Z')
    expect((await ok(emu, 'checkin', 'verification', {}, A)).extraVerifiedUntil).toBeNull()
  })

  test('a forged signature, an altered result or a stale challenge is refused and changes nothing', async () => {
    await start('北京')
    const forged = await soter(({ resultJSON }) => ({
      resultJSON,
      resultJSONSignature: Buffer.alloc(256, 1).toString('base64'),
    }))
    expect(await codeOf(emu, 'checkin', 'verifySoter', forged, A)).toBe('SOTER_FAILED')
    const altered = await soter(({ resultJSON, resultJSONSignature }) => ({
      resultJSON: resultJSON.replace('"counter"', '"counter2"'),
      resultJSONSignature,
    }))
    expect(await codeOf(emu, 'checkin', 'verifySoter', altered, A)).toBe('SOTER_FAILED')
    const stale = await soter(({ resultJSON, resultJSONSignature }) => ({ resultJSON, resultJSONSignature }))
    await setNow(emu, '2026-11-27T02:06:00Z')
    expect(await codeOf(emu, 'checkin', 'verifySoter', stale, A)).toBe('SOTER_CHALLENGE_EXPIRED')
    expect(m1().extraVerifiedUntil ?? null).toBeNull()
    expect(docs(emu, COLLECTIONS.audit, { action: 'extraVerified' })).toEqual([])
  })
})
