// The admin function through the emulator with the real SDK: members, departments, policy (validation, versions,
// preview), maintenance, help, tenants, and every refusal of the "bad input" list.
import { type AdminAuditDoc, adminSchemas, type DepartmentDoc, type PolicyVersionDoc } from '@core/admin'
import { DEFAULT_POLICY, type Policy } from '@core/policy'
import { COLLECTIONS, type BindingDoc, type CompanyDoc, type MemberDoc } from '@core/makeup'
import { A, B, C2, COMPANY, OTHER_COMPANY, call, codeOf, docs, fixture, load, ok, setNow } from './harness'
import { SEED_TIMEOUT, useEmulator } from './fixture'

jest.setTimeout(120_000)

const emu = useEmulator({ functions: ['admin', 'checkin', 'makeup'] })

// Friday 2026-11-27 10:00 in Shanghai; B (m2) is the HR admin of c1, C2 (m9) of c2, A (m1) an employee.
const FRIDAY_10 = '2026-11-27T02:00:00Z'
const HR = B
const OP = 'o-operator'

async function start(policy: Partial<Policy> = {}) {
  const f = fixture(policy, { m2: { roles: ['employee', 'hr'] }, m9: { roles: ['employee', 'hr'] } })
  const operator: MemberDoc = { ...f.members[0], _id: 'op1', companyId: 'c-platform', employeeNo: 'OP1' }
  Object.assign(operator, { name: '平台运营', roles: ['employee', 'operator'], openid: OP })
  const platform: CompanyDoc = { ...f.companies[0], _id: 'c-platform', name: '平台', inviteCode: 'PLATFORM1' }
  load(emu, {
    ...f,
    companies: [...f.companies, platform],
    members: [...f.members, operator],
    bindings: [...f.bindings, { _id: OP, companyId: 'c-platform', memberId: 'op1', boundAt: new Date() }],
  })
  await setNow(emu, FRIDAY_10)
}

const admin = <T>(action: string, input: object, who = HR) =>
  ok(emu, 'admin', action as never, input, who) as T
const refusedWith = (action: string, input: object, who = HR) =>
  codeOf(emu, 'admin', action as never, input, who)
const memberDoc = (id: string) => docs<MemberDoc>(emu, COLLECTIONS.members, { _id: id })[0]

describe('admin: access', () => {
  beforeAll(() => start(), SEED_TIMEOUT)

  it('refuses employees and unbound users every HR action', async () => {
    for (const action of ['members', 'policy', 'maintenance', 'departments', 'audit', 'noticeTimes'])
      expect(await refusedWith(action, {}, A)).toBe('FORBIDDEN')
    expect(await refusedWith('members', {}, 'o-nobody')).toBe('NOT_BOUND')
  })

  it('tells the app who is calling', async () => {
    const me = await admin<{ isHr: boolean; company: { id: string } }>('me', {})
    expect(me).toMatchObject({ isHr: true, isOperator: false, company: { id: COMPANY } })
  })
})

describe('admin: members', () => {
  beforeEach(() => start())

  it('lists the company members only, sorted by department then name', async () => {
    const page = await admin<{ items: { id: string }[] }>('members', {})
    expect(page.items.map((m) => m.id).sort()).toEqual(['m1', 'm2', 'm3'])
  })

  it('edits department, region and roles, audited with the changes', async () => {
    await admin('saveDepartment', { name: '研发部', parent: null })
    await admin('saveDepartment', { name: '测试组', parent: '研发部' })
    const view = await admin<{ dept: string; roles: string[] }>('updateMember', {
      memberId: 'm1',
      dept: '测试组',
      region: '上海',
      roles: ['reviewer'],
    })
    expect(view).toMatchObject({ dept: '测试组', region: '上海', roles: ['employee', 'reviewer'] })
    const entry = docs<AdminAuditDoc>(emu, COLLECTIONS.audit, { subject: 'member', subjectId: 'm1' })[0]
    expect(entry.actor).toMatchObject({ id: 'm2', name: '员工m2' })
    expect(entry.changes).toContain('dept: "研发部" → "测试组"')
  })

  it('refuses an unknown department once the company keeps a department list', async () => {
    await admin('saveDepartment', { name: '研发部', parent: null })
    expect(await refusedWith('updateMember', { memberId: 'm1', dept: '不存在部' })).toBe('DEPT_UNKNOWN')
    expect(memberDoc('m1').dept).toBe('研发部')
  })

  it('refuses removing the last HR admin, by role change or deactivation, and changes nothing', async () => {
    expect(await refusedWith('updateMember', { memberId: 'm2', roles: ['employee'] })).toBe('LAST_HR_ADMIN')
    expect(await refusedWith('deactivate', { memberId: 'm2' })).toBe('LAST_HR_ADMIN')
    expect(memberDoc('m2')).toMatchObject({ roles: ['employee', 'hr'], status: 'active' })
    // with a second HR admin the first may step down
    await admin('updateMember', { memberId: 'm1', roles: ['hr'] })
    await admin('updateMember', { memberId: 'm2', roles: ['employee'] })
    expect(memberDoc('m2').roles).toEqual(['employee'])
  })

  it('deactivates a member: binding released, history kept, the WeChat user can no longer act', async () => {
    await ok(emu, 'checkin', 'submit', { report: REPORT, clientRequestId: 'dailyreq-1' }, A)
    const view = await admin<{ status: string; bound: boolean }>('deactivate', {
      memberId: 'm1',
      reason: '离职',
    })
    expect(view).toMatchObject({ status: 'left', bound: false })
    expect(docs<BindingDoc>(emu, COLLECTIONS.bindings, { _id: A })).toEqual([])
    expect(docs(emu, COLLECTIONS.checkins, { memberId: 'm1' })).toHaveLength(1)
    expect(await codeOf(emu, 'makeup', 'slots', {}, A)).toBe('NOT_BOUND')
    const left = await admin<{ items: { id: string }[] }>('members', { status: 'left' })
    expect(left.items.map((m) => m.id)).toEqual(['m1'])
  })

  it('shows the invite code and rotates it; the old code no longer binds', async () => {
    expect(await admin('invite', {})).toEqual({
      inviteCode: 'JOIN2026',
      path: '/pages/index/index?invite=JOIN2026',
    })
    const { inviteCode } = await admin<{ inviteCode: string }>('invite', { rotate: true })
    expect(inviteCode).toMatch(/^[A-Z2-9]{8}$/)
    const bind = { employeeNo: 'M3', name: '新同事' }
    expect(await codeOf(emu, 'checkin', 'bind', { ...bind, inviteCode: 'JOIN2026' }, 'o-new')).toBe(
      'BIND_FAILED',
    )
    expect(await codeOf(emu, 'checkin', 'bind', { ...bind, inviteCode }, 'o-new')).toBe('OK')
  })
})

const REPORT = { status: 'well', temperature: 36.5, region: '北京', healthCode: 'green' } as const

describe('admin: departments', () => {
  beforeEach(() => start({ enablement: 'enabled-only' }))

  it('builds a tree and refuses a cycle', async () => {
    await admin('saveDepartment', { name: '研发部', parent: null })
    await admin('saveDepartment', { name: '前端组', parent: '研发部' })
    const { tree } = await admin<{ tree: { name: string; children: { name: string }[] }[] }>(
      'departments',
      {},
    )
    expect(tree).toMatchObject([{ name: '研发部', children: [{ name: '前端组' }] }])
    expect(await refusedWith('saveDepartment', { name: '研发部', parent: '前端组' })).toBe('DEPT_CYCLE')
    expect(await refusedWith('saveDepartment', { name: '新部门', parent: '无此部门' })).toBe('DEPT_UNKNOWN')
    expect(await refusedWith('removeDepartment', { name: '研发部' })).toBe('DEPT_NOT_EMPTY')
  })

  it('switches make-up off for a department subtree: its members see MAKEUP_NOT_ENABLED', async () => {
    await admin('saveDepartment', { name: '研发部', parent: null })
    const slots = () => ok(emu, 'makeup', 'slots', {}, A)
    expect((await slots()).slots.length).toBeGreaterThan(0)
    const res = await admin<{ membersUpdated: number }>('setDeptMakeup', { dept: '研发部', enabled: false })
    expect(res.membersUpdated).toBe(3)
    expect((await slots()).slots).toEqual([])
    expect(
      (await slots()).blocked.every((b) => b.code === 'MAKEUP_NOT_ENABLED' || b.code.startsWith('DAY_')),
    ).toBe(true)
    await admin('updateMember', { memberId: 'm1', makeupEnabled: true })
    expect((await slots()).slots.length).toBeGreaterThan(0)
  })
})

describe('admin: policy', () => {
  beforeEach(() =>
    start({ window: { days: 1, unit: 'working' }, quota: { ...DEFAULT_POLICY.quota, cap: 3 } }),
  )

  const current = () => docs<CompanyDoc>(emu, COLLECTIONS.companies, { _id: COMPANY })[0].policy
  const edit = (over: Record<string, unknown>) => {
    const { version: _v, ...rest } = current()
    return { policy: { ...rest, ...over }, baseVersion: current().version }
  }

  it.each([
    ['a negative window', { window: { days: -1, unit: 'working' } }, 'POLICY_WINDOW_INVALID'],
    ['a cut-off day some months lack', { cutoffDay: 31 }, 'POLICY_CUTOFF_INVALID'],
    [
      'cap 0 with review off',
      { quota: { ...DEFAULT_POLICY.quota, cap: 0 }, review: 'auto' },
      'POLICY_CAP_CONFLICT',
    ],
    ['an unknown review mode', { review: 'sometimes' }, 'POLICY_INVALID'],
    ['an operator-looking region', { regions: { $where: { identityBinding: true } } }, 'POLICY_INVALID'],
  ])('refuses %s with a catalogued code and saves nothing', async (_, over, code) => {
    expect(await refusedWith('savePolicy', edit(over))).toBe(code)
    expect(current().version).toBe(1)
    expect(docs(emu, 'policy_versions')).toEqual([])
  })

  it('names the field in the refusal message', async () => {
    const { result } = await call(emu, 'admin', 'savePolicy', edit({ review: 'sometimes' }), HR)
    expect(result).toMatchObject({ ok: false, message: '规则设置不正确：审核方式' })
  })

  it('saves a new version, archives both, audits who changed what; a stale base version is refused', async () => {
    const saved = await admin<{ policy: Policy; changes: string[] }>(
      'savePolicy',
      edit({ window: { days: 3, unit: 'working' }, quota: { ...DEFAULT_POLICY.quota, cap: 5 } }),
    )
    expect(saved.policy.version).toBe(2)
    expect(saved.changes).toEqual(['quota.cap: 3 → 5', 'window.days: 1 → 3'])
    expect(current()).toMatchObject({ version: 2, window: { days: 3 }, quota: { cap: 5 } })
    const versions = docs<PolicyVersionDoc>(emu, 'policy_versions').map((v) => [
      v.version,
      v.policy.window.days,
    ])
    expect(versions.sort()).toEqual([
      [1, 1],
      [2, 3],
    ])
    const entry = docs<AdminAuditDoc>(emu, COLLECTIONS.audit, { subject: 'policy' })[0]
    expect(entry).toMatchObject({ from: 'v1', to: 'v2', actor: { id: 'm2' }, changes: saved.changes })
    expect(await refusedWith('savePolicy', { ...edit({ cutoffDay: 10 }), baseVersion: 1 })).toBe(
      'POLICY_VERSION_CONFLICT',
    )
    const history = await admin<{ versions: { version: number }[] }>('policy', {})
    expect(history.versions.map((v) => v.version)).toEqual([2, 1])
  })

  it('the employee sees the new window and cap at once', async () => {
    const before = await ok(emu, 'makeup', 'slots', {}, A)
    expect(before.slots.map((s) => s.day)).toEqual(['2026-11-26'])
    expect(before.quota[0]).toMatchObject({ cap: 3, remaining: 3 })
    await admin(
      'savePolicy',
      edit({ window: { days: 3, unit: 'working' }, quota: { ...DEFAULT_POLICY.quota, cap: 5 } }),
    )
    const after = await ok(emu, 'makeup', 'slots', {}, A)
    expect(after.slots.map((s) => s.day)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26'])
    expect(after.quota[0]).toMatchObject({ cap: 5, remaining: 5 })
  })

  it('previews a member day by day with reasons: the same verdicts as the makeup function', async () => {
    const slots = await ok(emu, 'makeup', 'slots', {}, A)
    const view = await admin<{
      slots: unknown
      blocked: unknown
      days: { day: string; ok: boolean; code?: string; reason?: string }[]
    }>('preview', { memberId: 'm1', day: '2026-11-27' })
    expect(view.slots).toEqual(slots.slots)
    expect(view.blocked).toEqual(slots.blocked)
    expect(view.days[0]).toMatchObject({ day: '2026-11-26', ok: true })
    expect(view.days.find((d) => d.day === '2026-11-25')).toMatchObject({
      ok: false,
      code: 'MAKEUP_WINDOW_PASSED',
      reason: '已超过补打卡时限（超时）',
    })
  })

  it('previews a draft policy and another day without saving anything', async () => {
    const { policy } = edit({ window: { days: 3, unit: 'working' } })
    const draft = await admin<{ slots: { day: string }[]; policyVersion: number }>('preview', {
      memberId: 'm1',
      day: '2026-11-27',
      policy,
    })
    expect(draft.slots.map((s) => s.day)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26'])
    expect(current().window.days).toBe(1)
    const monday = await admin<{ at: string; slots: { day: string }[] }>('preview', {
      memberId: 'm1',
      day: '2026-11-23',
    })
    expect(monday.at).toBe('2026-11-23T12:00:00.000+08:00')
    expect(monday.slots.map((s) => s.day)).toEqual(['2026-11-20'])
    expect(
      await refusedWith('preview', {
        memberId: 'm1',
        day: '2026-11-27',
        policy: { ...policy, cutoffDay: 31 },
      }),
    ).toBe('POLICY_CUTOFF_INVALID')
  })
})

describe('admin: maintenance windows', () => {
  beforeEach(() => start())

  it('declares, lists and removes a window; refuses an end before the start', async () => {
    const input = { start: '2026-11-26T20:00:00+08:00', end: '2026-11-26T23:00:00+08:00', note: '数据库升级' }
    expect(await refusedWith('declareMaintenance', { ...input, end: input.start })).toBe(
      'MAINTENANCE_INVALID',
    )
    expect(await refusedWith('declareMaintenance', input, A)).toBe('FORBIDDEN')
    const mt = await admin<{ id: string; active: boolean }>('declareMaintenance', input)
    expect(mt).toMatchObject({ note: '数据库升级', active: false })
    // the effect (core/slots): the overlapped day's deadline moves by the window's length and is not charged
    const slots = await ok(emu, 'makeup', 'slots', {}, A)
    expect(slots.slots.find((s) => s.day === '2026-11-26')).toMatchObject({ charged: false })
    expect(await admin<unknown[]>('maintenance', {})).toHaveLength(1)
    expect(await admin<unknown[]>('removeMaintenance', { id: mt.id })).toEqual([])
  })

  it('an operator declares one for every company; HR admins cannot', async () => {
    const input = { start: '2026-11-28T01:00:00+08:00', end: '2026-11-28T03:00:00+08:00', note: '平台维护' }
    expect(await refusedWith('declareMaintenance', { ...input, allCompanies: true })).toBe('FORBIDDEN')
    await admin('declareMaintenance', { ...input, allCompanies: true }, OP)
    expect(
      docs(emu, COLLECTIONS.maintenance)
        .map((d) => (d as { companyId: string }).companyId)
        .sort(),
    ).toEqual(['c-platform', COMPANY, OTHER_COMPANY])
  })
})

describe('admin: help centre', () => {
  beforeEach(() => start())

  it('HR admins edit contacts and FAQ; every member reads them; employees cannot edit', async () => {
    const content = {
      contacts: [
        { kind: 'hr', name: 'HR 王老师', value: '010-12345678' },
        { kind: 'hotline', name: '平台客服热线', value: '400-800-0000' },
      ],
      faq: [{ q: '补卡次数用完怎么办？', a: '请联系 HR 说明情况。' }],
    }
    await admin('saveHelp', content)
    expect(await admin('help', {}, A)).toEqual({ ...content, canEdit: false })
    expect(await refusedWith('saveHelp', content, A)).toBe('FORBIDDEN')
    expect(await admin('help', {}, C2)).toEqual({ contacts: [], faq: [], canEdit: true })
  })
})

describe('admin: tenants', () => {
  beforeEach(() => start())

  it('an operator creates a company and its first HR admin, who binds and administers it', async () => {
    const created = await admin<{ company: { id: string }; hrMemberId: string }>(
      'createCompany',
      { name: '新公司', inviteCode: 'NEWCO2026', hrEmployeeNo: 'H001', hrName: '李管理' },
      OP,
    )
    expect(created.company.id).toBe('c-newco2026')
    await ok(
      emu,
      'checkin',
      'bind',
      { inviteCode: 'NEWCO2026', employeeNo: 'H001', name: '李管理' },
      'o-newhr',
    )
    const me = await admin('me', {}, 'o-newhr')
    expect(me).toMatchObject({ isHr: true, company: { id: 'c-newco2026' }, policyVersion: 1 })
    const page = await admin<{ items: { id: string }[] }>('members', {}, 'o-newhr')
    expect(page.items.map((m) => m.id)).toEqual([created.hrMemberId])
    expect(
      await refusedWith(
        'createCompany',
        { name: 'x', inviteCode: 'NEWCO2026', hrEmployeeNo: 'H1', hrName: '某' },
        OP,
      ),
    ).toBe('COMPANY_EXISTS')
    expect(
      await refusedWith('createCompany', {
        name: 'x',
        inviteCode: 'ZZZZ9999',
        hrEmployeeNo: 'H1',
        hrName: '某',
      }),
    ).toBe('FORBIDDEN')
    expect((await admin<{ id: string }[]>('companies', {}, OP)).map((c) => c.id)).toContain('c-newco2026')
  })
})

describe('admin: isolation between companies', () => {
  beforeAll(async () => {
    await start()
    // c1 has content of every kind; c2's HR admin (C2) then tries to reach it
    await admin('saveDepartment', { name: '研发部', parent: null })
    await admin('saveHelp', { contacts: [{ kind: 'hr', name: 'c1 HR', value: '1' }], faq: [] })
    await admin('declareMaintenance', {
      start: '2026-11-26T20:00:00+08:00',
      end: '2026-11-26T21:00:00+08:00',
      note: 'c1',
    })
    const { version: _v, ...p } = docs<CompanyDoc>(emu, COLLECTIONS.companies, { _id: COMPANY })[0].policy
    await admin('savePolicy', { policy: { ...p, cutoffDay: 10 }, baseVersion: 1 })
  }, SEED_TIMEOUT)

  it('returns only the caller company in every read', async () => {
    const page = await admin<{ items: { id: string }[] }>('members', {}, C2)
    expect(page.items.map((m) => m.id)).toEqual(['m9'])
    expect(await admin('departments', {}, C2)).toEqual({ tree: [] })
    expect(await admin('maintenance', {}, C2)).toEqual([])
    expect(await admin('help', {}, C2)).toMatchObject({ contacts: [] })
    expect(await admin('policy', {}, C2)).toMatchObject({
      policy: { version: 1, cutoffDay: null },
      versions: [],
    })
    const log = await admin<{ items: { actor: string }[] }>('audit', {}, C2)
    expect(log.items).toEqual([])
    expect((await admin<{ items: unknown[] }>('audit', {})).items.length).toBeGreaterThan(0)
  })

  it('refuses every write or read aimed at the other company, changing nothing', async () => {
    const mt = docs<{ _id: string }>(emu, COLLECTIONS.maintenance)[0]
    const attempts: [string, object, string][] = [
      ['updateMember', { memberId: 'm1', region: '火星' }, 'MEMBER_NOT_FOUND'],
      ['deactivate', { memberId: 'm2' }, 'MEMBER_NOT_FOUND'],
      ['preview', { memberId: 'm1', day: '2026-11-27' }, 'MEMBER_NOT_FOUND'],
      ['removeMaintenance', { id: mt._id }, 'MAINTENANCE_NOT_FOUND'],
      ['importStart', { fileID: `cloud://local-dev.bucket/companies/${COMPANY}/admin/x.csv` }, 'FORBIDDEN'],
      ['setDeptMakeup', { dept: '研发部', enabled: false }, 'DEPT_UNKNOWN'],
      ['removeDepartment', { name: '研发部' }, 'DEPT_UNKNOWN'],
    ]
    for (const [action, input, code] of attempts)
      expect([action, await refusedWith(action, input, C2)]).toEqual([action, code])
    expect(memberDoc('m1')).toMatchObject({ region: '北京', status: 'active', makeupEnabled: true })
    expect(memberDoc('m2').status).toBe('active')
    expect(docs(emu, COLLECTIONS.maintenance)).toHaveLength(1)
    expect(docs<DepartmentDoc>(emu, 'departments')[0]).toMatchObject({
      companyId: COMPANY,
      makeupEnabled: true,
    })
  })
  it('every admin action, called by the other company, returns none of its data and changes none of it', async () => {
    emu.files.put(
      `companies/${COMPANY}/admin/c1.csv`,
      Buffer.from('工号,姓名,部门,地区\nZ1,某人,研发部,北京\n'),
    )
    const c1Job = await admin<{ id: string }>('importStart', {
      fileID: emu.files.fileIdFor(`companies/${COMPANY}/admin/c1.csv`),
    })
    const c1Window = docs<{ _id: string }>(emu, COLLECTIONS.maintenance)[0]._id
    const c1Data = () =>
      JSON.stringify(
        [
          'companies',
          'members',
          'bindings',
          'departments',
          'policy_versions',
          'imports',
          'help',
          'maintenance',
          'accessRequests',
          'leaves',
        ].map((c) => docs(emu, c).filter((d) => JSON.stringify(d).includes(`"${COMPANY}"`))),
      )
    const before = c1Data()
    const { version: _v, ...c2Policy } = DEFAULT_POLICY
    // one attempt per action (the type makes the table complete): aimed at c1's ids where the action takes one
    const attempts: Record<keyof typeof adminSchemas, object> = {
      me: {},
      members: {},
      member: { memberId: 'm1' },
      updateMember: { memberId: 'm1', region: '火星', roles: ['employee'] },
      deactivate: { memberId: 'm2' },
      invite: { rotate: true },
      accessRequests: {},
      decideAccess: { memberId: 'm1', decision: 'grant' },
      departments: {},
      saveDepartment: { name: '研发部', parent: null },
      removeDepartment: { name: '研发部' },
      setDeptMakeup: { dept: '研发部', enabled: false },
      importStart: { fileID: emu.files.fileIdFor(`companies/${COMPANY}/admin/c1.csv`) },
      importContinue: { jobId: c1Job.id },
      policy: {},
      savePolicy: { policy: { ...c2Policy, cutoffDay: 20 }, baseVersion: 1 },
      preview: { memberId: 'm1', day: '2026-11-27' },
      // c2's own member listed (an unknown listed id is echoed back, so c1's ids would read as a leak)
      groupPreview: {
        policy: { ...c2Policy, groups: [{ name: '外勤', departments: ['研发部'], members: ['m9'] }] },
      },
      maintenance: {},
      declareMaintenance: {
        start: '2026-11-29T20:00:00+08:00',
        end: '2026-11-29T21:00:00+08:00',
        note: 'c2',
      },
      removeMaintenance: { id: c1Window },
      help: {},
      saveHelp: { contacts: [{ kind: 'hr', name: 'c2 HR', value: '2' }], faq: [] },
      audit: {},
      webhook: {},
      saveWebhook: {
        url: 'https://erp.example.com/hook',
        secret: 'c2-secret-0123456789',
        events: [],
        enabled: false,
      },
      companies: {},
      createCompany: { name: '冒名公司', inviteCode: 'FAKE2026', hrEmployeeNo: 'X1', hrName: '某' },
      securityLog: {},
      leaves: { memberId: 'm1', month: '2026-11' },
      recordLeave: { memberId: 'm1', kind: 'leave', from: '2026-11-23', to: '2026-11-24' },
      removeLeave: { memberId: 'm1', from: '2026-11-23', to: '2026-11-24' },
      importLeaves: { fileID: emu.files.fileIdFor(`companies/${COMPANY}/admin/c1.csv`) },
      noticeTimes: {},
      // c2's own times change; c1's company document (in c1Data) must not
      saveNoticeTimes: {
        checkinReminderAt: '08:00',
        reviewRemindAfterHours: 6,
        reviewEscalateAfterHours: 12,
        cutoffRemindDaysBefore: 2,
        cutoffRemindAt: '09:00',
      },
    }
    const markers = [
      `"${COMPANY}"`,
      '"m1"',
      '"m2"',
      '"m3"',
      '测试科技',
      'JOIN2026',
      'c1 HR',
      c1Window,
      c1Job.id,
    ]
    for (const [action, input] of Object.entries(attempts)) {
      const { result } = await call(emu, 'admin', action as never, input, C2)
      const leaked = markers.filter((m) => JSON.stringify(result).includes(m))
      expect([action, leaked]).toEqual([action, []])
    }
    expect(c1Data()).toBe(before)
  })
})

describe('admin: audit log', () => {
  it('pages the audit log on (at, _id): 35 entries of one instant come once each, newest first', async () => {
    const at = new Date('2026-11-27T01:00:00Z')
    const bulk = Array.from({ length: 35 }, (_, i) => ({
      _id: `bulk${String(i).padStart(2, '0')}`,
      companyId: COMPANY,
      subject: 'makeup',
      subjectId: `r${i}`,
      memberId: 'm1',
      action: 'approve',
      from: 'pending',
      to: 'approved',
      actor: { kind: 'member', id: 'm2', name: '员工m2' },
      at,
      reason: '',
    }))
    load(emu, { ...fixture({}, { m2: { roles: ['employee', 'hr'] } }), audit: bulk })
    type Page = { items: { id: string }[]; next: string | null }
    const first = await admin<Page>('audit', {})
    expect(first.items).toHaveLength(30)
    expect(first.next).not.toBeNull()
    const second = await admin<Page>('audit', { cursor: first.next })
    expect(second).toMatchObject({ next: null })
    const ids = [...first.items, ...second.items].map((i) => i.id)
    expect(ids).toEqual(bulk.map((b) => b._id).reverse())
    expect(await refusedWith('audit', { before: '2026-11-27T00:00:00Z' })).toBe('INVALID_INPUT')
    expect(await refusedWith('audit', { cursor: { $gt: '' } })).toBe('INVALID_INPUT')
  })
})
