// On the weapp build against the real functions: HR adds a rule group in the policy editor — 市场部 and one member
// of 研发部 picked by department, with their own quota (6 a quarter) —; the first tap on save shows who changes to
// which rule and how, the second saves; the function then holds the group. Ordinary components only: no privacy
// API is called (no violation).
import { renderPage, settle, textOf, waitOn } from './wechat/boot'
import { HR, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

const withText = (page: any, selector: string, text: string) =>
  page.querySelectorAll(selector).find((el: any) => textOf(el).trim() === text)

test('规则组: a group of 市场部 with its own quota, previewed, then saved', async () => {
  const { wechat, cloud } = await phoneOf(emulator, HR)
  const members: any = await cloud.callAs(HR, 'admin', { action: 'members' })
  const market = members.data.items.filter((m: any) => m.dept === '市场部')
  expect(market.length).toBeGreaterThan(0)
  // the member picker's first page (everyone) is answered only after the page of 研发部 HR picks: the late answer
  // must not replace the department HR chose (a slow first call did that once on a busy machine)
  let picked!: () => void
  const pickedAnswered = new Promise<void>((r) => (picked = r))
  let heldAnswered: Promise<unknown> | undefined
  // what the member picker asked and got, for a failure to show
  const poolCalls: string[] = []
  const callFunction = cloud.callFunction.bind(cloud)
  cloud.callFunction = async (name, data) => {
    const pool = name === 'admin' && data.action === 'members' && 'offset' in data
    if (pool && !data.dept && !heldAnswered)
      return (heldAnswered = pickedAnswered.then(() => callFunction(name, data)))
    const answer: any = await callFunction(name, data)
    if (pool) poolCalls.push(`${data.dept ?? 'all'}@${data.offset}: ${answer?.ok ? 'ok' : answer?.code}`)
    if (pool && data.dept === '研发部') picked()
    return answer
  }

  const page = renderPage('admin/policy/index')
  await waitOn(wechat, () => page.querySelector('.add-group'), 'the policy editor')
  wechat.tap(page.querySelector('.add-group'), '添加规则组')
  await waitOn(wechat, () => page.querySelector('.rule-group'), 'a new group')
  page.querySelector('.group-name').dispatchEvent('input', { detail: { value: '市场外勤' } })
  await settle()
  await waitOn(wechat, () => withText(page, '.group-dept', '市场部'), 'the department chips')
  wechat.tap(withText(page, '.group-dept', '市场部'), '市场部')
  await settle()
  // and one member of 研发部 by name: the member picker offers one department's members at a time
  const depts = page.querySelectorAll('.group-dept').map((el: any) => textOf(el).trim())
  page
    .querySelector('.group-member-dept-picker')
    .dispatchEvent('change', { detail: { value: depts.indexOf('研发部') + 1 } })
  await waitOn(
    wechat,
    () => textOf(page.querySelector('.group-member-dept')).includes('研发部'),
    '研发部 members',
  ).catch((e: Error) => {
    const refusal = page.querySelector('.refusal')
    throw new Error(
      `${e.message}; member pages asked: ${poolCalls.join(', ') || 'none'}; picker shows ` +
        `${textOf(page.querySelector('.group-member-dept'))}${refusal ? `; refusal: ${textOf(refusal)}` : ''}`,
    )
  })
  await heldAnswered
  await settle()
  expect(textOf(page.querySelector('.group-member-dept'))).toContain('研发部')
  const dev = members.data.items.filter((m: any) => m.dept === '研发部')
  page.querySelector('.group-add-member-picker').dispatchEvent('change', { detail: { value: 0 } })
  await waitOn(wechat, () => page.querySelector('.group-member'), 'the listed member')
  const listed = dev.find((m: any) => textOf(page.querySelector('.group-member')).includes(m.name))
  expect(listed).toBeDefined()
  page.querySelector('.group-own-quota').dispatchEvent('change', { detail: { value: true } })
  await waitOn(wechat, () => page.querySelector('.group-cap'), 'the quota of the group')
  page.querySelector('.group-cap').dispatchEvent('input', { detail: { value: '6' } })
  await settle()
  wechat.tap(page.querySelector('.group-cycle-quarter'), '每季度')
  await settle()

  // first tap: the preview, nothing saved
  wechat.tap(page.querySelector('.save-policy'), '保存')
  await waitOn(
    wechat,
    () => page.querySelector('.group-preview') || page.querySelector('.refusal'),
    'the preview',
  )
  expect(textOf(page.querySelector('.group-changed-total'))).toContain(`规则变化 ${market.length + 1} 人`)
  const changes = page.querySelectorAll('.group-change').map((el: any) => textOf(el))
  expect(changes).toHaveLength(market.length + 1)
  expect(changes).toContain(`${listed.name}（研发部）：公司规则 → 市场外勤 · 额度上限、额度周期`)
  const unsaved: any = await cloud.callAs(HR, 'admin', { action: 'policy' })
  expect(unsaved.data.policy.groups ?? []).toEqual([])

  // second tap: saved as a new version
  wechat.tap(page.querySelector('.save-policy'), '确认变化并保存')
  await waitOn(wechat, () => page.querySelector('.policy-saved'), 'saved')
  expect(textOf(page.querySelector('.policy-saved'))).toContain('groups.市场外勤: 新增')
  const saved: any = await cloud.callAs(HR, 'admin', { action: 'policy' })
  expect(saved.data.policy.groups).toEqual([
    {
      name: '市场外勤',
      departments: ['市场部'],
      members: [listed.id],
      quota: { cap: 6, cycle: { kind: 'quarter' } },
    },
  ])
  expect(wechat.violations).toEqual([])
}, 180_000)
