// The approval-chain editor's candidates (审批人 / 抄送人): admin.members with `roles` lists the company's active
// reviewers and HR admins in one call, through a declared index; nobody else, no other company's.
import type { AdminMemberView } from '@core/admin'
import { call, codeOf, ok } from './harness'
import { SEED_TIMEOUT, useEmulator } from './fixture'
import { HR, loadReviewFixture } from './review-fixture'

jest.setTimeout(120_000)

const emu = useEmulator({ functions: ['admin'] })
beforeEach(() => loadReviewFixture(emu, []), SEED_TIMEOUT)

const ids = (items: AdminMemberView[]) => items.map((m) => m.id)

interface Detail {
  action: string
  collection?: string
  index?: string | null
}

it('lists active reviewers and HR admins, by department then name, from an index', async () => {
  const since = emu.requestLog({ limit: 1 }).at(-1)?.seq ?? 0
  const both = await ok(emu, 'admin', 'members', { roles: ['reviewer', 'hr'] }, HR)
  // 人力资源部 陈思 (hr), 市场部 王磊, 研发部 李明; employees and the other company's HR are not offered
  expect(ids(both.items).sort()).toEqual(['h1', 'r1', 'r2'])
  expect(both.items.map((m) => m.dept)).toEqual([...both.items.map((m) => m.dept)].sort())
  expect(both.items.every((m) => m.roles.includes('reviewer') || m.roles.includes('hr'))).toBe(true)
  expect(both.next).toBeNull()
  expect(ids((await ok(emu, 'admin', 'members', { roles: ['hr'] }, HR)).items)).toEqual(['h1'])
  const reads = emu
    .requestLog({ since, limit: 1000 })
    .flatMap((e) => ((e as { details?: Detail[] }).details ?? []) as Detail[])
    .filter((d) => d.collection === 'members' && d.action === 'database.getDocument')
  expect(reads.length).toBeGreaterThan(0)
  expect(reads.filter((d) => !d.index)).toEqual([])
})

it('leaves out a reviewer who left', async () => {
  await ok(emu, 'admin', 'deactivate', { memberId: 'r2' }, HR)
  expect(ids((await ok(emu, 'admin', 'members', { roles: ['reviewer', 'hr'] }, HR)).items).sort()).toEqual([
    'h1',
    'r1',
  ])
})

it('refuses other roles and an empty list as bad input', async () => {
  expect(await codeOf(emu, 'admin', 'members', { roles: ['employee'] }, HR)).toBe('INVALID_INPUT')
  expect(await codeOf(emu, 'admin', 'members', { roles: [] }, HR)).toBe('INVALID_INPUT')
  expect((await call(emu, 'admin', 'members', { roles: ['operator'] }, HR)).result.ok).toBe(false)
})
