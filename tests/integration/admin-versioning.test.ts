// Policy versioning end to end: HR changes the policy while requests are open; each request is still judged by the
// version in force when it was submitted (rejection refunds, resubmission content rules), new ones by the new one.
import { COLLECTIONS, type CompanyDoc, type MakeupDoc, type MakeupSubmitInput } from '@core/makeup'
import { DEFAULT_POLICY, type Policy } from '@core/policy'
import { A, B, COMPANY, codeOf, docs, fileOf, fixture, makeupInput, ok, report, quotaView } from './harness'
import { useEmulator } from './fixture'

jest.setTimeout(120_000)

const HR = B
const emu = useEmulator({
  functions: ['admin', 'makeup', 'review'],
  files: true,
  data: () =>
    fixture(
      { quota: { ...DEFAULT_POLICY.quota, refundOnRejection: true } },
      { m2: { roles: ['employee', 'hr'] } },
    ),
  at: '2026-11-27T02:00:00Z',
})

const input = (day: string, over: Partial<MakeupSubmitInput> = {}) =>
  makeupInput(day, { reason: '忘记打卡', ...over })

async function savePolicy(over: Partial<Policy>) {
  const { version, ...current } = docs<CompanyDoc>(emu, COLLECTIONS.companies, { _id: COMPANY })[0].policy
  await ok(emu, 'admin', 'savePolicy', { policy: { ...current, ...over }, baseVersion: version }, HR)
}

const used = () => quotaView(emu, 'm1_2026-11')!.used
const reject = (id: string) =>
  ok(emu, 'review', 'decide', { id, decision: 'reject', reasonCode: 'infoIncorrect', note: '信息有误' }, HR)

describe('policy versions', () => {
  it('a rejection refunds the quota by the rule of the version the request was submitted under', async () => {
    const old = await ok(emu, 'makeup', 'submit', input('2026-11-25'), A)
    expect(docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: old.id })[0].policyVersion).toBe(1)
    await savePolicy({ quota: { ...DEFAULT_POLICY.quota, refundOnRejection: false } })
    const recent = await ok(emu, 'makeup', 'submit', input('2026-11-26'), A)
    expect(docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: recent.id })[0].policyVersion).toBe(2)
    expect(used()).toBe(2)

    await reject(old.id) // v1: refunded
    expect(used()).toBe(1)
    await reject(recent.id) // v2: kept
    expect(used()).toBe(1)
  })

  it('a returned request is resubmitted under the content rules of its own version', async () => {
    const req = await ok(emu, 'makeup', 'submit', input('2026-11-25'), A)
    await ok(emu, 'review', 'decide', { id: req.id, decision: 'return', note: '请补充健康码' }, HR)
    // v2 drops the attachment requirement; the returned v1 request still needs its health-code screenshot
    await savePolicy({ attachments: { ...DEFAULT_POLICY.attachments, rule: 'none' } })
    const bare = { id: req.id, report, reason: '补充说明', attachments: [] }
    expect(await codeOf(emu, 'makeup', 'resubmit', bare, A)).toBe('ATTACHMENT_REQUIRED')
    const fixed = { ...bare, attachments: [fileOf(COMPANY, 'm1')], attachmentKind: 'healthCode' }
    expect(await codeOf(emu, 'makeup', 'resubmit', fixed, A)).toBe('OK')
    // a new request is judged by v2: no attachment needed
    expect(await codeOf(emu, 'makeup', 'submit', input('2026-11-26', { attachments: [] }), A)).toBe('OK')
  })
})
