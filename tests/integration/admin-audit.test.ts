// The audit page's log through the emulator with the real SDK: the company's whole log paged and narrowed by 工号,
// action and days (each narrowing served by an index), exported as CSV and XLSX over the same filter with every admin
// edit's fields before → after; HR admins only, one company's log only, bad filters refused.
import ExcelJS from 'exceljs'
import { DEFAULT_POLICY } from '@core/policy'
import { COLLECTIONS, type CompanyDoc } from '@core/makeup'
import type { ExportJobView } from '@core/review'
import { A, B, C2, COMPANY, codeOf, docs, fixture, load, ok, setNow } from './harness'
import { SEED_TIMEOUT, useEmulator } from './fixture'

jest.setTimeout(120_000)

const emu = useEmulator({ functions: ['admin', 'review'] })
const HR = B

type Page = {
  items: { id: string; action: string; subject: string; changes: string[]; at: string }[]
  next: string | null
}
const audit = (input: object, who = HR) => ok(emu, 'admin', 'audit', input as never, who) as Promise<Page>
const refusedWith = (fn: 'admin' | 'review', action: string, input: object, who = HR) =>
  codeOf(emu, fn, action as never, input, who)

const policy = () => docs<CompanyDoc>(emu, COLLECTIONS.companies, { _id: COMPANY })[0].policy

/** 40 old approvals of m3 (one instant, for paging) before HR's own edits, done through the function. */
const approvals = Array.from({ length: 40 }, (_, i) => ({
  _id: `ap${String(i).padStart(2, '0')}`,
  companyId: COMPANY,
  subject: 'makeup',
  subjectId: `r${i}`,
  memberId: 'm3',
  action: 'approve',
  from: 'pending',
  to: 'approved',
  actor: { kind: 'member', id: 'm2', name: '员工m2' },
  at: new Date('2026-11-20T02:00:00Z'),
  reason: '',
}))

const WIDER = DEFAULT_POLICY.window.days + 4
const POLICY_CHANGE = `window.days: ${DEFAULT_POLICY.window.days} → ${WIDER}`

beforeAll(async () => {
  const f = fixture({}, { m2: { roles: ['employee', 'hr'] }, m9: { roles: ['employee', 'hr'] } })
  load(emu, { ...f, audit: approvals })
  // Tuesday 24th: m1 moves department; Friday 27th: the policy window widens
  await setNow(emu, '2026-11-24T02:00:00Z')
  await ok(emu, 'admin', 'saveDepartment', { name: '研发部', parent: null }, HR)
  await ok(emu, 'admin', 'updateMember', { memberId: 'm1', dept: '研发部', makeupEnabled: false }, HR)
  await setNow(emu, '2026-11-27T02:00:00Z')
  const { version, ...rest } = policy()
  await ok(
    emu,
    'admin',
    'savePolicy',
    { policy: { ...rest, window: { ...rest.window, days: WIDER } }, baseVersion: version },
    HR,
  )
}, SEED_TIMEOUT)

it('pages through the whole log, newest first, every entry once', async () => {
  const first = await audit({})
  expect(first.items).toHaveLength(30)
  expect(first.items[0]).toMatchObject({ action: 'savePolicy', changes: [POLICY_CHANGE] })
  const rest: Page['items'] = []
  for (let next = first.next; next;) {
    const page = await audit({ cursor: next })
    rest.push(...page.items)
    next = page.next
  }
  const all = [...first.items, ...rest]
  expect(new Set(all.map((i) => i.id)).size).toBe(all.length)
  expect(all.length).toBe(docs(emu, COLLECTIONS.audit, { companyId: COMPANY }).length)
  expect(all.map((i) => i.at)).toEqual([...all.map((i) => i.at)].sort().reverse())
})

it('narrows by 工号, action and days, and pages inside a filter', async () => {
  const m1 = await audit({ employeeNo: 'M1' })
  expect(m1.items.map((i) => i.action)).toEqual(['update'])
  expect(m1.items[0].changes).toEqual(expect.arrayContaining(['makeupEnabled: true → false']))

  const policyEdits = await audit({ operation: 'savePolicy' })
  expect(policyEdits.items.map((i) => i.action)).toEqual(['savePolicy'])

  // Tuesday to Thursday: the department and the member edit, nothing of the 20th or the 27th
  const week = await audit({ from: '2026-11-24', to: '2026-11-26' })
  expect(week.items.map((i) => i.subject).sort()).toEqual(['department', 'member'])
  expect(week.items.every((i) => i.at >= '2026-11-24' && i.at < '2026-11-27')).toBe(true)

  const m3 = await audit({ employeeNo: 'M3', operation: 'approve', to: '2026-11-20' })
  expect(m3.items).toHaveLength(30)
  const m3rest = await audit({ employeeNo: 'M3', operation: 'approve', to: '2026-11-20', cursor: m3.next })
  expect(m3rest).toMatchObject({ next: null })
  expect([...m3.items, ...m3rest.items].map((i) => i.id)).toEqual(approvals.map((a) => a._id).reverse())

  expect(await audit({ from: '2026-11-21', to: '2026-11-23' })).toEqual({ items: [], next: null })
  expect(await audit({ employeeNo: 'NOBODY' })).toEqual({ items: [], next: null })
  // m9 is another company's member: its 工号 names nobody here
  expect(await audit({ employeeNo: 'M9' })).toEqual({ items: [], next: null })
})

it('serves every filter from a declared index', async () => {
  const since = emu.requestLog({ limit: 1 }).at(-1)?.seq ?? 0
  for (const f of [
    {},
    { employeeNo: 'M3' },
    { operation: 'approve' },
    { employeeNo: 'M3', operation: 'approve' },
    { from: '2026-11-01', to: '2026-11-30' },
    { employeeNo: 'M3', operation: 'approve', from: '2026-11-01', to: '2026-11-30' },
  ])
    await audit(f)
  const reads = emu
    .requestLog({ since, limit: 10_000 })
    .flatMap(
      (e) =>
        (e as { details?: { action: string; collection?: string; index?: string | null }[] }).details ?? [],
    )
    .filter((d) => d.action === 'database.getDocument' && d.collection === COLLECTIONS.audit)
  expect(reads).toHaveLength(6)
  expect(reads.filter((r) => !r.index)).toEqual([])
  expect(new Set(reads.map((r) => r.index))).toEqual(
    new Set(['by_company_at', 'by_member_at', 'by_action_at', 'by_member_action_at']),
  )
})

it('refuses employees, keeps companies apart and refuses bad filters, changing nothing', async () => {
  // a refusal leaves only its own security record (action 'refused': who, which action, which code)
  const edits = () => docs<{ action: string }>(emu, COLLECTIONS.audit).filter((d) => d.action !== 'refused')
  const before = edits().length
  expect(await refusedWith('admin', 'audit', {}, A)).toBe('FORBIDDEN')
  expect(await refusedWith('admin', 'audit', { operation: 'approve' }, A)).toBe('FORBIDDEN')
  expect(
    await refusedWith('review', 'export', { kind: 'audit', from: '2026-11-01', to: '2026-11-30' }, A),
  ).toBe('FORBIDDEN')
  const other = await audit({}, C2)
  expect(other.items.filter((i) => approvals.some((a) => a._id === i.id))).toEqual([])
  expect(await audit({ employeeNo: 'M1' }, C2)).toEqual({ items: [], next: null })
  for (const bad of [
    { from: '2026-11-27', to: '2026-11-01' },
    { from: '2026-13-01' },
    { operation: { $ne: '' } },
    { operation: 'save policy' },
    { employeeNo: { $gt: '' } },
    { employeeNo: '' },
    { memberId: 'm1' },
  ])
    expect(await refusedWith('admin', 'audit', bad)).toBe('INVALID_INPUT')
  expect(
    await refusedWith('review', 'export', {
      kind: 'checkins',
      from: '2026-11-01',
      to: '2026-11-30',
      employeeNo: 'M1',
    }),
  ).toBe('INVALID_INPUT')
  expect(
    await refusedWith('review', 'export', {
      kind: 'audit',
      from: '2026-11-01',
      to: '2026-11-30',
      operation: '$where',
    }),
  ).toBe('INVALID_INPUT')
  expect(edits().length).toBe(before)
})

function fileOf(view: ExportJobView): Buffer {
  return emu.files.get(emu.files.pathOf(view.fileID!)!)!.bytes
}

it('exports the narrowed log as CSV with each admin edit before → after', async () => {
  const view = (await ok(
    emu,
    'review',
    'export',
    { kind: 'audit', from: '2026-11-01', to: '2026-11-30', employeeNo: 'M1', operation: 'update' },
    HR,
  )) as ExportJobView
  expect(view).toMatchObject({ status: 'done', rows: 1, total: 1 })
  const lines = fileOf(view).toString('utf8').split('\r\n').filter(Boolean)
  expect(lines[0]).toBe('\uFEFF时间,对象,对象编号,工号,姓名,操作,原状态,新状态,操作人,说明,变更（原 → 新）')
  expect(lines).toHaveLength(2)
  expect(lines[1]).toMatch(/^2026-11-24 10:00:\d\d,member,m1,M1,员工m1,update,,updated,员工m2,,/)
  expect(lines[1]).toContain('makeupEnabled: true → false')

  const approvalsOnly = (await ok(
    emu,
    'review',
    'export',
    { kind: 'audit', from: '2026-11-01', to: '2026-11-30', operation: 'approve' },
    HR,
  )) as ExportJobView
  expect(approvalsOnly).toMatchObject({ status: 'done', rows: 40 })
  const nobody = (await ok(
    emu,
    'review',
    'export',
    { kind: 'audit', from: '2026-11-01', to: '2026-11-30', employeeNo: 'NOBODY' },
    HR,
  )) as ExportJobView
  expect(nobody).toMatchObject({ rows: 0, total: 0 })
})

it('exports the policy edits as XLSX with the changed fields', async () => {
  const view = (await ok(
    emu,
    'review',
    'export',
    { kind: 'audit', from: '2026-11-27', to: '2026-11-27', operation: 'savePolicy', format: 'xlsx' },
    HR,
  )) as ExportJobView
  expect(view).toMatchObject({ status: 'done', rows: 1, format: 'xlsx' })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(fileOf(view) as unknown as ArrayBuffer)
  const sheet = wb.worksheets[0]
  expect(sheet.getRow(1).getCell(11).value).toBe('变更（原 → 新）')
  expect(sheet.getRow(2).getCell(6).value).toBe('savePolicy')
  expect(sheet.getRow(2).getCell(11).value).toBe(POLICY_CHANGE)
})
