// Rule groups through the emulator with the real SDK: a grouped member's allowed days and submit follow the group's
// window, quota and evidence; overlapping groups are refused with nothing saved; an open request keeps the rule it
// was submitted under when HR changes the groups; the editor's preview counts who changes, in 2 round trips.
import type { AdminAuditDoc, GroupPreview } from '@core/admin'
import { COLLECTIONS, type CompanyDoc, type Holder, type MakeupDoc, quotasOf } from '@core/makeup'
import { DEFAULT_POLICY, type Policy, type RuleGroup } from '@core/policy'
import {
  A,
  B,
  COMPANY,
  FRIDAY_10,
  call,
  codeOf,
  docs,
  fixture,
  load,
  makeupInput,
  ok,
  setNow,
} from './harness'
import { SEED_TIMEOUT, useEmulator } from './fixture'

jest.setTimeout(120_000)

const emu = useEmulator({ functions: ['admin', 'makeup', 'review'] })

const HR = B // m2, HR admin of c1; A is m1, an employee of 研发部
const FIELD: RuleGroup = {
  name: '外勤人员',
  departments: [],
  members: ['m1'],
  window: { days: 10, unit: 'natural' },
  quota: { cap: 1, cycle: { kind: 'quarter' } },
  attachments: { rule: 'none', maxCount: 3, maxBytes: 5 * 1024 * 1024, types: ['jpg', 'png'] },
}
const PRODUCTION: RuleGroup = {
  name: '生产部门',
  departments: ['生产部'],
  members: [],
  quota: { cap: 5, cycle: { kind: 'month' } },
}

async function start(groups: RuleGroup[] = [FIELD, PRODUCTION]) {
  const f = fixture({ groups }, { m2: { roles: ['employee', 'hr'] }, m3: { dept: '生产部' } })
  load(emu, f)
  await setNow(emu, FRIDAY_10)
}

const company = () => docs<CompanyDoc>(emu, COLLECTIONS.companies, { _id: COMPANY })[0]
/** the member's quota views, as every reader derives them from the documents holding keys */
const quotas = (memberId: string) =>
  quotasOf(docs<Holder>(emu, COLLECTIONS.makeups, { memberId }).filter((h) => h.quotaKey))
const savePolicy = (policy: Policy) => {
  const { version, ...rest } = policy
  return call(emu, 'admin', 'savePolicy', { policy: rest, baseVersion: version }, HR)
}
const noAttachment = (day: string) => makeupInput(day, { attachments: [], attachmentKind: undefined })

describe('a grouped member is judged by the group rule', () => {
  beforeEach(() => start(), SEED_TIMEOUT)

  it('allowed days: the group window and quota for m1, the company rule for m2', async () => {
    const mine = await ok(emu, 'makeup', 'slots', {}, A)
    // Friday 27th: 10 natural days back reach Tuesday 17th (the company's 3 working days only Tuesday 24th)
    expect(mine.slots.map((s) => s.day)).toContain('2026-11-18')
    expect(mine.quota).toEqual([{ cycle: '2026-Q4', cap: 1, used: 0, remaining: 1 }])
    expect(mine.attachments.rule).toBe('none')
    const theirs = await ok(emu, 'makeup', 'slots', {}, HR)
    expect(theirs.slots.map((s) => s.day)).not.toContain('2026-11-18')
    expect(theirs.quota).toEqual([{ cycle: '2026-11', cap: 3, used: 0, remaining: 3 }])
  })

  it('submit: no attachment needed in the group, charged to its quarter; its cap of 1 holds', async () => {
    const view = await ok(emu, 'makeup', 'submit', noAttachment('2026-11-18'), A)
    const doc = docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: view.id })[0]
    expect(doc).toMatchObject({ day: '2026-11-18', cycle: '2026-Q4', charged: true, status: 'pending' })
    expect(quotas('m1')).toEqual([expect.objectContaining({ cycle: '2026-Q4', used: 1 })])
    expect(await codeOf(emu, 'makeup', 'submit', noAttachment('2026-11-26'), A)).toBe('QUOTA_EXHAUSTED')
    // the company rule still asks m2 for the health-code screenshot, and its window refuses the 18th
    expect(await codeOf(emu, 'makeup', 'submit', { ...noAttachment('2026-11-26') }, HR)).toBe(
      'ATTACHMENT_REQUIRED',
    )
    expect(await codeOf(emu, 'makeup', 'submit', { ...noAttachment('2026-11-18') }, HR)).toBe(
      'MAKEUP_WINDOW_PASSED',
    )
  })
})

describe('saving groups', () => {
  beforeEach(() => start(), SEED_TIMEOUT)

  it('refuses a member in two groups, saving nothing', async () => {
    const before = company()
    const audits = docs(emu, COLLECTIONS.audit).length
    const overlapping = { ...before.policy, groups: [FIELD, { ...PRODUCTION, members: ['m1'] }] }
    const { result } = await savePolicy(overlapping)
    expect(result).toMatchObject({
      ok: false,
      code: 'POLICY_GROUP_OVERLAP',
      message: '有成员同时列在规则组"外勤人员"和"生产部门"中，每位成员只能属于一个规则组',
      next: '请从其中一个规则组移除该成员后重新保存',
    })
    expect(company()).toEqual(before)
    expect(docs(emu, COLLECTIONS.audit)).toHaveLength(audits)
    const dept = await savePolicy({
      ...before.policy,
      groups: [{ ...FIELD, departments: ['生产部'] }, PRODUCTION],
    })
    expect(dept.result).toMatchObject({ ok: false, code: 'POLICY_GROUP_DEPT_OVERLAP' })
    // the preview refuses it the same way
    expect(await codeOf(emu, 'admin', 'groupPreview', { policy: overlapping }, HR)).toBe(
      'POLICY_GROUP_OVERLAP',
    )
  })

  it('saves a new version, audited group by group', async () => {
    const p = company().policy
    const { result } = await savePolicy({ ...p, groups: [{ ...FIELD, members: ['m1', 'm3'] }] })
    expect(result.ok).toBe(true)
    expect(company().policy.version).toBe(p.version + 1)
    const entry = docs<AdminAuditDoc>(emu, COLLECTIONS.audit, { subject: 'policy' })[0]
    expect(entry.changes).toEqual(['groups.生产部门: 删除', 'groups.外勤人员.members: +m3'])
  })
})

describe('an open request keeps the rule it started with', () => {
  beforeEach(() => start(), SEED_TIMEOUT)

  it('m1 leaves the group while a request is open: it is decided as submitted, the new rule applies after', async () => {
    const view = await ok(emu, 'makeup', 'submit', noAttachment('2026-11-18'), A)
    // HR takes m1 out of the group: the company rule (3 working days, 3 a month, screenshot) is now theirs
    const p = company().policy
    expect((await savePolicy({ ...p, groups: [{ ...FIELD, members: ['m3'] }, PRODUCTION] })).result.ok).toBe(
      true,
    )
    const slots = await ok(emu, 'makeup', 'slots', {}, A)
    expect(slots.quota).toEqual([{ cycle: '2026-11', cap: 3, used: 0, remaining: 3 }])
    expect(slots.blocked).toContainEqual({ day: '2026-11-18', code: 'DAY_HAS_OPEN_REQUEST' })
    // the 18th is outside the company window now, yet the open request is not judged again
    const decided = await ok(emu, 'review', 'decide', { id: view.id, decision: 'approve' }, HR)
    expect(decided.status).toBe('approved')
    const doc = docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: view.id })[0]
    expect(doc).toMatchObject({ cycle: '2026-Q4', charged: true, policyVersion: p.version })
    // its unit stays on the quarter it was charged to; the month of the new rule is untouched
    expect(quotas('m1')).toEqual([expect.objectContaining({ cycle: '2026-Q4', used: 1, openDays: [] })])
    // a new request follows the new rule: the screenshot is required again
    expect(await codeOf(emu, 'makeup', 'submit', noAttachment('2026-11-26'), A)).toBe('ATTACHMENT_REQUIRED')
  })

  it('a rejected request refunds the cycle it was charged to, after the group changed its cycle', async () => {
    const view = await ok(emu, 'makeup', 'submit', noAttachment('2026-11-18'), A)
    const p = company().policy
    const monthly = { ...FIELD, quota: { cap: 1, cycle: { kind: 'month' as const } } }
    expect((await savePolicy({ ...p, groups: [monthly, PRODUCTION] })).result.ok).toBe(true)
    await ok(
      emu,
      'review',
      'decide',
      { id: view.id, decision: 'reject', reasonCode: 'attachmentUnclear', note: '请补充说明' },
      HR,
    )
    expect(quotas('m1')).toEqual([expect.objectContaining({ cycle: '2026-Q4', used: 0, openDays: [] })])
    // and the new monthly cycle of the group applies to the next request
    const next = await ok(emu, 'makeup', 'submit', noAttachment('2026-11-20'), A)
    expect(docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: next.id })[0].cycle).toBe('2026-11')
  })
})

describe('admin.groupPreview', () => {
  beforeEach(() => start([]), SEED_TIMEOUT)

  it('tells which rule applies to whom and whose rule changes, before saving, in 2 round trips', async () => {
    const { version: _v, ...draft } = { ...company().policy, groups: [FIELD, PRODUCTION] }
    const r = await call(emu, 'admin', 'groupPreview', { policy: draft }, HR)
    expect(r.result.ok).toBe(true)
    const preview = (r.result as { data: GroupPreview }).data
    expect(r.roundTrips).toBe(2)
    expect(preview.total).toBe(3)
    expect(preview.groups).toEqual([
      { name: null, count: 1, before: 3, changed: 0, sample: ['员工m2'] },
      { name: '外勤人员', count: 1, before: 0, changed: 1, sample: ['员工m1'] },
      { name: '生产部门', count: 1, before: 0, changed: 1, sample: ['新同事'] },
    ])
    expect(preview.changes).toEqual([
      { memberId: 'm3', name: '新同事', dept: '生产部', from: null, to: '生产部门', aspects: ['quota'] },
      {
        memberId: 'm1',
        name: '员工m1',
        dept: '研发部',
        from: null,
        to: '外勤人员',
        aspects: ['window', 'quota', 'cycle', 'evidence'],
      },
    ])
    // nothing was saved
    expect(company().policy.groups).toEqual([])
    expect(company().policy).toEqual({ ...DEFAULT_POLICY, cutoffDay: null, groups: [] })
    // other companies' members are not counted, and employees cannot ask
    expect(await codeOf(emu, 'admin', 'groupPreview', { policy: draft }, A)).toBe('FORBIDDEN')
  })
})
