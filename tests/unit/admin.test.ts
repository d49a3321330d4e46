import {
  afterAttempt,
  backoffMs,
  checkKeepsAnHrAdmin,
  checkParent,
  type DeliveryDoc,
  deptAllowsMakeup,
  deptTree,
  MAX_ATTEMPTS,
  parseCsv,
  policyChanges,
  subtree,
  validatePolicy,
  validateRows,
} from '@core/admin'
import { DomainError } from '@core/shared'
import { DEFAULT_POLICY, type Policy } from '@core/policy'

const codeOf = (fn: () => unknown): string => {
  try {
    fn()
    return 'OK'
  } catch (e) {
    if (e instanceof DomainError) return e.code
    throw e
  }
}

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks; CRLF and a BOM', () => {
    const text = '\uFEFF工号,姓名\r\nE1,"张,三"\r\nE2,"说""你好"""\nE3,"两\n行"\n'
    expect(parseCsv(text).map((r) => r.cells)).toEqual([
      ['工号', '姓名'],
      ['E1', '张,三'],
      ['E2', '说"你好"'],
      ['E3', '两\n行'],
    ])
  })

  it('marks records it cannot read instead of guessing', () => {
    const recs = parseCsv('a,b\n"x"y,1\nx"y,2\n"open,3')
    expect(recs.map((r) => r.malformed)).toEqual([false, true, true, true])
  })
})

describe('validateRows', () => {
  const sheet = (lines: string[]) => parseCsv(['工号,姓名,部门,地区,角色,入职日期', ...lines].join('\n'))

  it('accepts good rows and reports each bad one with its line, employee number, code and field', () => {
    const { valid, errors } = validateRows(
      sheet([
        'E001,张三,研发部,北京,,2026-01-05',
        'E002,李四,研发部,上海,审核人,',
        'E001,张三三,研发部,北京,,',
        'E003,王五,无此部门,北京,,',
        'bad no,赵六,研发部,北京,,',
        'E004,,研发部,北京,,',
        'E005,孙七,研发部,北京,老板,',
        'E006,周八,研发部,北京,,2026-13-01',
        'E007,吴九,研发部',
        '',
      ]),
      new Set(['研发部']),
    )
    expect(valid.map((r) => [r.line, r.employeeNo, r.roles])).toEqual([
      [2, 'E001', ['employee']],
      [3, 'E002', ['employee', 'reviewer']],
    ])
    expect(errors).toEqual([
      { line: 4, employeeNo: 'E001', code: 'IMPORT_ROW_DUPLICATE', field: 'employeeNo' },
      { line: 5, employeeNo: 'E003', code: 'IMPORT_ROW_UNKNOWN_DEPT', field: 'dept' },
      { line: 6, employeeNo: null, code: 'IMPORT_ROW_INVALID', field: 'employeeNo' },
      { line: 7, employeeNo: 'E004', code: 'IMPORT_ROW_INVALID', field: 'name' },
      { line: 8, employeeNo: 'E005', code: 'IMPORT_ROW_INVALID', field: 'roles' },
      { line: 9, employeeNo: 'E006', code: 'IMPORT_ROW_INVALID', field: 'joinedOn' },
      { line: 10, employeeNo: 'E007', code: 'IMPORT_ROW_MALFORMED', field: null },
    ])
  })

  it('accepts any department when the company keeps no list, and English headers', () => {
    const { valid } = validateRows(parseCsv('employeeNo,name,dept,region\nE1,Ann,Ops,北京'), null)
    expect(valid[0]).toMatchObject({ employeeNo: 'E1', dept: 'Ops', roles: ['employee'], joinedOn: null })
  })

  it('refuses a file without the required columns', () => {
    expect(codeOf(() => validateRows(parseCsv('姓名,部门\n张三,研发部'), null))).toBe('IMPORT_FILE_INVALID')
    expect(codeOf(() => validateRows([], null))).toBe('IMPORT_FILE_INVALID')
  })
})

describe('validatePolicy', () => {
  const withOver = (over: Partial<Policy> | Record<string, unknown>) => ({ ...DEFAULT_POLICY, ...over })

  it.each([
    [{ window: { days: -1, unit: 'working' } }, 'POLICY_WINDOW_INVALID'],
    [{ window: { days: 1.5, unit: 'natural' } }, 'POLICY_WINDOW_INVALID'],
    [{ cutoffDay: 31 }, 'POLICY_CUTOFF_INVALID'],
    [{ cutoffDay: 0 }, 'POLICY_CUTOFF_INVALID'],
    [{ quota: { ...DEFAULT_POLICY.quota, cap: 0 }, review: 'auto' }, 'POLICY_CAP_CONFLICT'],
    [{ quota: { ...DEFAULT_POLICY.quota, cap: -2 } }, 'POLICY_INVALID'],
    [{ attachments: { ...DEFAULT_POLICY.attachments, maxCount: 0 } }, 'POLICY_INVALID'],
    [{ regions: { 'a.b': {} } }, 'POLICY_INVALID'],
    [{ extra: 1 }, 'POLICY_INVALID'],
  ])('refuses %o with %s', (over, code) => {
    expect(codeOf(() => validatePolicy(withOver(over)))).toBe(code)
  })

  it('accepts the default policy, cap 0 under review and a region override', () => {
    expect(validatePolicy(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY)
    // a same-day window and a custom quota cycle starting on the 21st
    const sameDay = withOver({
      window: { days: 0, unit: 'working' },
      quota: { ...DEFAULT_POLICY.quota, cycle: { kind: 'custom', startDay: 21 } },
    })
    expect(validatePolicy(sameDay)).toEqual(sameDay)
    const p = withOver({
      quota: { ...DEFAULT_POLICY.quota, cap: 0 },
      regions: { 北京: { extraVerification: true } },
    })
    expect(codeOf(() => validatePolicy(p))).toBe('OK')
  })

  it('lists leaf changes for the audit log, ignoring the version', () => {
    const after: Policy = {
      ...DEFAULT_POLICY,
      version: 2,
      window: { days: 5, unit: 'working' },
      regions: { 上海: { identityBinding: true } },
    }
    expect(policyChanges(DEFAULT_POLICY, after)).toEqual([
      'regions.上海: — → {"identityBinding":true}',
      'window.days: 3 → 5',
    ])
  })
})

describe('departments', () => {
  const depts = [
    { name: '研发部', parent: null, makeupEnabled: true },
    { name: '前端组', parent: '研发部', makeupEnabled: true },
    { name: '组件小组', parent: '前端组', makeupEnabled: true },
    { name: '市场部', parent: null, makeupEnabled: false },
  ]

  it('builds a tree and a subtree', () => {
    expect(deptTree(depts).map((n) => [n.name, n.children.map((c) => c.name)])).toEqual([
      ['市场部', []],
      ['研发部', ['前端组']],
    ])
    expect(subtree(depts, '研发部')).toEqual(['研发部', '前端组', '组件小组'])
  })

  it('refuses a parent under the department itself, or unknown', () => {
    expect(codeOf(() => checkParent(depts, '研发部', '组件小组'))).toBe('DEPT_CYCLE')
    expect(codeOf(() => checkParent(depts, '研发部', '研发部'))).toBe('DEPT_CYCLE')
    expect(codeOf(() => checkParent(depts, '新组', '无'))).toBe('DEPT_UNKNOWN')
    expect(codeOf(() => checkParent(depts, '市场部', '研发部'))).toBe('OK')
  })

  it('a department is switched off when it or an ancestor is', () => {
    expect(deptAllowsMakeup(depts, '组件小组')).toBe(true)
    expect(deptAllowsMakeup(depts, '市场部')).toBe(false)
    const off = depts.map((d) => (d.name === '研发部' ? { ...d, makeupEnabled: false } : d))
    expect(deptAllowsMakeup(off, '组件小组')).toBe(false)
  })
})

describe('checkKeepsAnHrAdmin', () => {
  it('refuses removing the last active HR admin only', () => {
    expect(codeOf(() => checkKeepsAnHrAdmin(['h1'], 'h1', false))).toBe('LAST_HR_ADMIN')
    expect(codeOf(() => checkKeepsAnHrAdmin(['h1', 'h2'], 'h1', false))).toBe('OK')
    expect(codeOf(() => checkKeepsAnHrAdmin(['h1'], 'h1', true))).toBe('OK')
    expect(codeOf(() => checkKeepsAnHrAdmin(['h1'], 'e1', false))).toBe('OK')
  })
})

describe('webhook rules', () => {
  const d: DeliveryDoc = {
    _id: 'c1_checkin.effective_x',
    companyId: 'c1',
    event: 'checkin.effective',
    sourceAt: new Date('2026-11-27T02:00:00Z'),
    payload: {},
    status: 'pending',
    attempts: 0,
    nextAt: new Date(0),
    createdAt: new Date(0),
    lastStatus: null,
    lastError: null,
    deliveredAt: null,
  }
  const now = new Date('2026-11-27T02:00:00Z')

  it('backs off exponentially from 30 s, capped at an hour', () => {
    expect([1, 2, 3, 4, 10].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000])
  })

  it('delivers on 2xx, retries later otherwise, gives up after the last attempt', () => {
    expect(afterAttempt(d, { status: 204, error: null }, now)).toMatchObject({
      status: 'delivered',
      attempts: 1,
    })
    const retry = afterAttempt(d, { status: null, error: 'ECONNREFUSED' }, now)
    expect(retry).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ECONNREFUSED' })
    expect(retry.nextAt.getTime() - now.getTime()).toBe(30_000)
    expect(
      afterAttempt({ ...d, attempts: MAX_ATTEMPTS - 1 }, { status: 500, error: null }, now),
    ).toMatchObject({
      status: 'failed',
      lastError: 'HTTP 500',
    })
  })
})
