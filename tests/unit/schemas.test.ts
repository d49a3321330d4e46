import { schemas } from '@core/schemas'
import { temperatureInRange } from '@core/health'

const report = { status: 'well', temperature: 36.5, region: '北京', healthCode: 'green' }
const submit = {
  day: '2026-11-25',
  report,
  reason: '忘记打卡',
  attachments: ['cloud://env.b/companies/c1/members/m1/abc.jpg'],
  attachmentKind: 'healthCode',
  clientRequestId: 'req-00000001',
}
const ok = (s: { safeParse(v: unknown): { success: boolean } }, v: unknown) => s.safeParse(v).success

describe('input schemas', () => {
  it('accept well-formed input', () => {
    expect(ok(schemas.makeup.submit, submit)).toBe(true)
    expect(ok(schemas.checkin.submit, { report, clientRequestId: 'req-00000001' })).toBe(true)
    expect(ok(schemas.checkin.bind, { inviteCode: 'DEMO2026', employeeNo: 'E001', name: '张伟' })).toBe(true)
    expect(ok(schemas.checkin.month, { month: '2026-11' })).toBe(true)
    expect(ok(schemas.makeup.slots, {})).toBe(true)
  })

  it.each([
    ['a $-operator object as the day', { ...submit, day: { $gt: '' } }],
    ['a $-operator inside the report', { ...submit, report: { ...report, region: { $ne: null } } }],
    ['an unknown key (e.g. an injected memberId)', { ...submit, memberId: 'm2' }],
    ['an openid in the body', { ...submit, openid: 'o-other' }],
    ['a wrong type', { ...submit, report: { ...report, temperature: '36.5' } }],
    ['an impossible date', { ...submit, day: '2026-02-30' }],
    ['a missing field', { ...submit, clientRequestId: undefined }],
    ['oversize text', { ...submit, reason: 'x'.repeat(301) }],
    ['a non-cloud file id', { ...submit, attachments: ['https://evil.example/a.jpg'] }],
    ['too many files', { ...submit, attachments: Array(10).fill(submit.attachments[0]) }],
    ['a NaN temperature', { ...submit, report: { ...report, temperature: NaN } }],
    ['a bad colour', { ...submit, report: { ...report, healthCode: 'blue' } }],
  ])('reject %s', (_label, input) => {
    expect(ok(schemas.makeup.submit, input)).toBe(false)
  })

  it('reject a bad month and bind input with operators', () => {
    expect(ok(schemas.checkin.month, { month: '2026-13' })).toBe(false)
    expect(ok(schemas.checkin.bind, { inviteCode: { $regex: '.*' }, employeeNo: 'E001', name: '张伟' })).toBe(
      false,
    )
    expect(ok(schemas.makeup.detail, { id: '../x' })).toBe(false)
  })

  it('temperature range 35–42 °C', () => {
    expect(temperatureInRange(36.5)).toBe(true)
    expect(temperatureInRange(34.9)).toBe(false)
    expect(temperatureInRange(42.1)).toBe(false)
  })
})
