// On the weapp build against the real functions: HR sets the company's approval chain (审批流程) in the policy editor —
// 部门审核人 → HR, one person copied (抄送) — previews whom it changes, saves; a rule group of 研发部 gets its own chain
// with a named member first; and a copied person who left before the save is refused with the catalogue's reason,
// nothing saved. Ordinary components only: no privacy API is called (no violation).
import { renderPage, settle, textOf, waitOn } from './wechat/boot'
import { HR, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

const withText = (page: any, selector: string, text: string) =>
  page.querySelectorAll(selector).find((el: any) => textOf(el).trim() === text)
const texts = (page: any, selector: string) =>
  page.querySelectorAll(selector).map((el: any) => textOf(el).trim())

test('审批流程: the company chain and a group’s own, previewed and saved; a copied person who left is refused', async () => {
  const { wechat, cloud } = await phoneOf(emulator, HR)
  const listed: any = await cloud.callAs(HR, 'admin', { action: 'members', roles: ['reviewer', 'hr'] })
  const candidates = listed.data.items
  expect(candidates.length).toBeGreaterThanOrEqual(3)
  const members: any = await cloud.callAs(HR, 'admin', { action: 'members' })
  const everyone = members.data.items

  const page = renderPage('admin/policy/index')
  await waitOn(wechat, () => page.querySelector('.policy-approval .chain-edit-step'), 'the approval chain')
  await waitOn(wechat, () => page.querySelector('.policy-approval .chain-cc-picker'), 'the candidates')
  expect(texts(page, '.policy-approval .chain-step-label')).toEqual(['第 1 步：部门审核人'])

  // 部门审核人 → HR, the second candidate copied
  wechat.tap(page.querySelector('.policy-approval .chain-add-step'), '添加审批步骤')
  await settle()
  wechat.tap(page.querySelectorAll('.policy-approval .chain-kind-hr')[1], 'HR')
  await settle()
  page.querySelector('.policy-approval .chain-cc-picker').dispatchEvent('change', { detail: { value: 1 } })
  await waitOn(wechat, () => page.querySelector('.policy-approval .chain-cc-member'), 'the copied person')
  expect(textOf(page.querySelector('.policy-approval .chain-cc-member'))).toContain(candidates[1].name)
  expect(texts(page, '.policy-approval .chain-step-label')).toEqual(['第 1 步：部门审核人', '第 2 步：HR'])

  // first tap: the preview (everyone changes, in 审批流程), nothing saved
  wechat.tap(page.querySelector('.save-policy'), '保存')
  await waitOn(
    wechat,
    () => page.querySelector('.group-preview') || page.querySelector('.refusal'),
    'the preview',
  )
  expect(textOf(page.querySelector('.group-changed-total'))).toContain(`规则变化 ${everyone.length} 人`)
  const changes = texts(page, '.group-change')
  expect(changes).toHaveLength(everyone.length)
  expect(changes.every((c: string) => c.endsWith('公司规则 → 公司规则 · 审批流程'))).toBe(true)
  const unsaved: any = await cloud.callAs(HR, 'admin', { action: 'policy' })
  expect(unsaved.data.policy.approval).toBeUndefined()

  wechat.tap(page.querySelector('.save-policy'), '确认变化并保存')
  await waitOn(wechat, () => page.querySelector('.policy-saved'), 'saved')
  const chain = {
    steps: [{ kind: 'reviewers' }, { kind: 'hr' }],
    cc: [{ memberId: candidates[1].id, name: candidates[1].name }],
  }
  const saved: any = await cloud.callAs(HR, 'admin', { action: 'policy' })
  expect(saved.data.policy.approval).toEqual(chain)

  // a group of 研发部 with its own chain: the third candidate, then HR (the company's second step)
  await waitOn(wechat, () => page.querySelector('.add-group'), 'the groups')
  wechat.tap(page.querySelector('.add-group'), '添加规则组')
  await waitOn(wechat, () => page.querySelector('.rule-group'), 'a new group')
  page.querySelector('.group-name').dispatchEvent('input', { detail: { value: '研发审批' } })
  await settle()
  await waitOn(wechat, () => withText(page, '.group-dept', '研发部'), 'the department chips')
  wechat.tap(withText(page, '.group-dept', '研发部'), '研发部')
  await settle()
  page.querySelector('.group-own-approval').dispatchEvent('change', { detail: { value: true } })
  await waitOn(wechat, () => page.querySelector('.rule-group .chain-edit-step'), 'the group’s chain')
  expect(texts(page, '.rule-group .chain-step-label')).toEqual(['第 1 步：部门审核人', '第 2 步：HR'])
  page.querySelector('.rule-group .chain-member-picker').dispatchEvent('change', { detail: { value: 2 } })
  await settle()
  expect(texts(page, '.rule-group .chain-step-label')).toEqual([
    `第 1 步：${candidates[2].name}`,
    '第 2 步：HR',
  ])

  wechat.tap(page.querySelector('.save-policy'), '保存')
  await waitOn(wechat, () => page.querySelector('.group-change'), 'the preview of the group')
  const dev = everyone.filter((m: any) => m.dept === '研发部')
  expect(texts(page, '.group-change')).toContain(`${dev[0].name}（研发部）：公司规则 → 研发审批 · 审批流程`)
  wechat.tap(page.querySelector('.save-policy'), '确认变化并保存')
  await waitOn(
    wechat,
    () => texts(page, '.policy-saved .ad-line').some((t: string) => t.startsWith('groups.研发审批.approval')),
    'the group saved',
  )
  const grouped: any = await cloud.callAs(HR, 'admin', { action: 'policy' })
  expect(grouped.data.policy.approval).toEqual(chain)
  expect(grouped.data.policy.groups).toEqual([
    {
      name: '研发审批',
      departments: ['研发部'],
      members: [],
      approval: {
        steps: [{ kind: 'member', memberId: candidates[2].id, name: candidates[2].name }, { kind: 'hr' }],
        cc: chain.cc,
      },
    },
  ])

  // a reviewer copied too, who then leaves before HR saves: the save's refusal shows, nothing is saved
  const left = candidates.find((c: any) => c.id !== candidates[1].id && !c.roles.includes('hr'))
  expect(left).toBeDefined()
  const free = candidates.filter((c: any) => c.id !== candidates[1].id)
  await waitOn(wechat, () => page.querySelector('.policy-approval .chain-cc-picker'), 'the company chain')
  page
    .querySelector('.policy-approval .chain-cc-picker')
    .dispatchEvent('change', { detail: { value: free.indexOf(left) } })
  await waitOn(
    wechat,
    () => page.querySelectorAll('.policy-approval .chain-cc-member').length === 2,
    'two copied',
  )
  expect(texts(page, '.policy-approval .chain-cc-member')).toContain(`${left.name} ✕`)
  const gone: any = await cloud.callAs(HR, 'admin', { action: 'deactivate', memberId: left.id })
  expect(gone.ok).toBe(true)
  wechat.tap(page.querySelector('.save-policy'), '保存')
  await waitOn(wechat, () => page.querySelector('.group-preview'), 'the preview')
  wechat.tap(page.querySelector('.save-policy'), '确认变化并保存')
  await waitOn(wechat, () => page.querySelector('.refusal'), 'the refusal')
  expect(textOf(page.querySelector('.refusal'))).toContain(
    `审批流程设置不正确：抄送人 ${left.name} 不是在职的审核人或 HR`,
  )
  const after: any = await cloud.callAs(HR, 'admin', { action: 'policy' })
  expect(after.data.policy).toEqual(grouped.data.policy)
  expect(wechat.violations).toEqual([])
}, 180_000)
