// The approval chain (审批流程) in the policy editor, in the browser: an untouched editor saves nothing (the default
// chain is not written into a policy that has none); HR sets the company chain 部门审核人 → HR with one person copied
// (抄送), sees "审批流程" in the preview for every member it changes, saves on the second tap, and a reload shows the
// saved chain; then a rule group of 研发部 gets its own chain, a named member first. The demo policy is put back at the
// end: the other browser tests share this emulator.
import type { Page } from 'playwright-core'
import type { Policy } from '@core/policy'
import { HR_OPENID } from '@database/seed'
import { fn, restorePolicy } from './support/demo'
import { afterNavigation, confirmPicker, openPhone, type Phone } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string

interface Person {
  id: string
  name: string
  dept: string
}

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await restorePolicy().catch(() => undefined)
  await phone?.close()
})
afterEach(() => phone?.check())

const savedPolicy = async () =>
  (await fn<{ policy: Policy }>('admin', { action: 'policy' }, HR_OPENID)).policy

async function openEditor(page: Page) {
  await page.goto(`${url()}/app/`)
  await page.evaluate((id) => localStorage.setItem('dev-openid', JSON.stringify({ data: id })), HR_OPENID)
  await page.goto(`${url()}/app/#/admin/policy/index`)
  await afterNavigation(page)
  await page.locator('.policy-approval .chain-edit-step').first().waitFor()
  // the candidates are in
  await page.locator('.policy-approval .chain-cc-picker').waitFor()
}

/** the candidates the pickers offer, in their order (department, then name); the first is what a picker opens on */
async function candidates(): Promise<Person[]> {
  const { items } = await fn<{ items: Person[] }>(
    'admin',
    { action: 'members', roles: ['reviewer', 'hr'] },
    HR_OPENID,
  )
  return items
}

const stepLabels = (page: Page, scope: string) =>
  page.locator(`${scope} .chain-step-label`).evaluateAll((els) => els.map((e) => e.textContent?.trim()))

it('an untouched chain saves nothing; HR sets 部门审核人 → HR with one person copied, previews, saves, reloads', async () => {
  const { page } = phone
  await restorePolicy()
  const [first] = await candidates()
  expect(first).toBeDefined()
  const { items: everyone } = await fn<{ items: Person[] }>('admin', { action: 'members' }, HR_OPENID)

  await openEditor(page)
  const company = '.policy-approval'
  expect(await stepLabels(page, company)).toEqual(['第 1 步：部门审核人'])
  // a step added and removed again leaves the default: saving it records no change and adds no chain
  await page.locator(`${company} .chain-add-step`).tap()
  expect(await stepLabels(page, company)).toHaveLength(2)
  await page.locator(`${company} .chain-step-remove`).nth(1).tap()
  expect(await page.locator('.group-preview-needed').count()).toBe(0)
  await page.locator('.save-policy').tap()
  await page.locator('.policy-saved', { hasText: '没有变化' }).waitFor()
  expect((await savedPolicy()).approval).toBeUndefined()

  // 部门审核人 → HR, and the first candidate copied
  await page.locator(`${company} .chain-add-step`).tap()
  await page.locator(`${company} .chain-edit-step`).nth(1).locator('.chain-kind-hr').tap()
  await page.locator(`${company} .chain-add-cc`).tap()
  await confirmPicker(page)
  await page.locator(`${company} .chain-cc-member`, { hasText: first.name }).waitFor()
  expect(await stepLabels(page, company)).toEqual(['第 1 步：部门审核人', '第 2 步：HR'])
  await page.locator('.group-preview-needed').waitFor()

  // the first tap shows whom it changes (everyone: they all have the company rule) and saves nothing
  await page.locator('.save-policy').tap()
  await page.locator('.group-preview').waitFor()
  expect(await page.locator('.group-changed-total').innerText()).toContain(`规则变化 ${everyone.length} 人`)
  const someone = everyone[0]
  await page
    .locator('.group-change', {
      hasText: `${someone.name}（${someone.dept}）：公司规则 → 公司规则 · 审批流程`,
    })
    .waitFor()
  expect((await savedPolicy()).approval).toBeUndefined()
  await page.locator('.policy-approval').scrollIntoViewIfNeeded()
  await phone.shot('admin-policy-approval-chain')

  await page.locator('.save-policy', { hasText: '确认变化并保存' }).tap()
  await page.locator('.policy-saved', { hasText: 'approval' }).waitFor()
  expect((await savedPolicy()).approval).toEqual({
    steps: [{ kind: 'reviewers' }, { kind: 'hr' }],
    cc: [{ memberId: first.id, name: first.name }],
  })

  // a reload shows the saved chain
  await page.reload()
  await afterNavigation(page)
  await page.locator(`${company} .chain-cc-member`, { hasText: first.name }).waitFor()
  expect(await stepLabels(page, company)).toEqual(['第 1 步：部门审核人', '第 2 步：HR'])
  expect(await page.locator('.group-preview-needed').count()).toBe(0)
})

it('a rule group of 研发部 gets its own chain: a named member, then HR; the company chain stays', async () => {
  const { page } = phone
  const [first] = await candidates()
  const { items: everyone } = await fn<{ items: Person[] }>('admin', { action: 'members' }, HR_OPENID)
  const dev = everyone.filter((m) => m.dept === '研发部')
  expect(dev.length).toBeGreaterThan(0)
  const companyChain = (await savedPolicy()).approval

  await openEditor(page)
  await page.locator('.add-group').tap()
  const group = page.locator('.rule-group').first()
  await group.locator('.group-name input').fill('研发审批')
  await group.locator('.group-dept', { hasText: '研发部' }).tap()
  expect(await group.locator('.chain-editor').count()).toBe(0)
  await group.locator('.group-own-approval input, .group-own-approval').first().tap()
  // switched on, the group starts from the company's chain
  await group.locator('.chain-editor').waitFor()
  expect(await stepLabels(page, '.rule-group')).toEqual(['第 1 步：部门审核人', '第 2 步：HR'])
  await group.locator('.chain-edit-step').first().locator('.chain-kind-member').tap()
  await confirmPicker(page)
  await group.locator('.chain-step-label', { hasText: `第 1 步：${first.name}` }).waitFor()
  // and the copied person removed from the group's chain
  await group.locator('.chain-cc-member').tap()
  expect(await group.locator('.chain-cc-member').count()).toBe(0)

  await page.locator('.save-policy').tap()
  await page.locator('.group-preview').waitFor()
  expect(await page.locator('.group-changed-total').innerText()).toContain(`规则变化 ${dev.length} 人`)
  await page
    .locator('.group-change', { hasText: `${dev[0].name}（研发部）：公司规则 → 研发审批 · 审批流程` })
    .waitFor()
  await page.locator('.save-policy', { hasText: '确认变化并保存' }).tap()
  await page.locator('.policy-saved', { hasText: 'groups.研发审批.approval' }).waitFor()

  const saved = await savedPolicy()
  expect(saved.approval).toEqual(companyChain)
  expect(saved.groups).toEqual([
    {
      name: '研发审批',
      departments: ['研发部'],
      members: [],
      approval: {
        steps: [{ kind: 'member', memberId: first.id, name: first.name }, { kind: 'hr' }],
        cc: [],
      },
    },
  ])
  await page.reload()
  await afterNavigation(page)
  await page.locator('.rule-group .chain-editor').waitFor()
  expect(await stepLabels(page, '.rule-group')).toEqual([`第 1 步：${first.name}`, '第 2 步：HR'])
})
