import { compareVersions, DEFAULT_POLICY, effectivePolicy, policySchema } from '@core/policy'
import { DEMO_POLICY } from '@database/seed'
import { ERRORS } from '@core/shared'

describe('policy', () => {
  it('the default and the demo policy are valid', () => {
    expect(policySchema.safeParse(DEFAULT_POLICY).success).toBe(true)
    expect(policySchema.safeParse(DEMO_POLICY).success).toBe(true)
  })

  it('rejects out-of-range values', () => {
    expect(policySchema.safeParse({ ...DEFAULT_POLICY, window: { days: -1, unit: 'natural' } }).success).toBe(
      false,
    )
    expect(policySchema.safeParse({ ...DEFAULT_POLICY, cutoffDay: 31 }).success).toBe(false)
    expect(policySchema.safeParse({ ...DEFAULT_POLICY, review: 'maybe' }).success).toBe(false)
  })

  it('stays small: at most 10 years of official schedules and 100 regional overrides', () => {
    const years = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [String(2020 + i), { holidays: [], workdays: [] }]),
      )
    const regions = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`地区${i}`, {}]))
    const withCalendar = (n: number) => ({
      ...DEFAULT_POLICY,
      calendar: { companyHolidays: [], official: years(n) },
    })
    expect(policySchema.safeParse(withCalendar(10)).success).toBe(true)
    expect(policySchema.safeParse(withCalendar(11)).success).toBe(false)
    expect(policySchema.safeParse({ ...DEFAULT_POLICY, regions: regions(100) }).success).toBe(true)
    expect(policySchema.safeParse({ ...DEFAULT_POLICY, regions: regions(101) }).success).toBe(false)
  })

  it('applies region overrides', () => {
    const p = { ...DEFAULT_POLICY, regions: { 上海: { identityBinding: true, adminAuthorisation: true } } }
    expect(effectivePolicy(p, '上海')).toMatchObject({
      identityBindingRequired: true,
      enablement: 'enabled-only',
    })
    expect(effectivePolicy(p, '北京')).toMatchObject({ identityBindingRequired: false, enablement: 'all' })
  })

  it('compares versions numerically', () => {
    expect(compareVersions('2.10.0', '2.9.9')).toBe(1)
    expect(compareVersions('2.3', '2.3.0')).toBe(0)
    expect(compareVersions('1.0.0', '1.0.1')).toBe(-1)
  })
})

describe('error catalogue', () => {
  it('every entry has a Chinese message and a next step', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z_]+$/)
      expect(e.message).toMatch(/[\u4e00-\u9fff]/)
      expect(e.next).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('the window-passed message offers special handling', () => {
    expect(ERRORS.MAKEUP_WINDOW_PASSED.next).toContain('特殊情况申请')
  })
})
