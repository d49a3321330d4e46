// 代审 in the browser: a department reviewer going on leave hands their review scope to a colleague from the review
// queue's 代审设置 page; the colleague sees it on their own page and in their queue's scope; then it is ended.
import { actAs, fn } from './support/demo'
import { afterNavigation, openPhone, type Phone, confirmPicker } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string
const LI_MING = 'o-reviewer-01' // reviewer of 研发部
const WANG_LEI = 'o-reviewer-02' // reviewer of 市场部

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(() => phone?.close())
afterEach(() => phone?.check())

it('a reviewer hands their scope to a colleague for today, the colleague sees it, and it is ended', async () => {
  const { page } = phone
  const { colleagues } = await fn<{ colleagues: { id: string; name: string; dept: string }[] }>(
    'review',
    { action: 'delegations' },
    LI_MING,
  )
  // sorted by name: 王磊 (市场部) comes before 陈思 (HR), the picker's first row
  const first = colleagues[0]
  expect(first).toMatchObject({ name: '王磊', dept: '市场部' })

  await page.goto(`${url()}/app/`)
  await actAs(page, LI_MING, 'hr/index')
  await page.locator('.delegate-link').tap()
  await afterNavigation(page)
  await page.getByText('未设置：您的审核由您本人处理').waitFor()

  // the first colleague offered, from today to today (the pickers open on today)
  await page.locator('.delegate-to').tap()
  await confirmPicker(page)
  await page.locator('.delegate-start').tap()
  await confirmPicker(page)
  await page.locator('.delegate-until').tap()
  await confirmPicker(page)
  await page.locator('.save-delegation').tap()
  await page
    .locator('.delegation-current', { hasText: `由 ${first.name}（${first.dept}）代为审核` })
    .waitFor()
  await phone.shot('hr-delegation')

  // the colleague: the hand-over on their page, 研发部 in their queue's scope
  await actAs(page, WANG_LEI, 'hr/delegate/index')
  await page.locator('.delegated-item', { hasText: '李明（研发部）' }).waitFor()
  const queue = await fn<{ scope: string[] | 'company' }>('review', { action: 'queue' }, WANG_LEI)
  expect(queue.scope).toContain('研发部')

  await actAs(page, LI_MING, 'hr/delegate/index')
  await page.locator('.end-delegation').tap()
  await page.getByText('已结束代审，您的审核由您本人处理').waitFor()
  await page.getByText('未设置：您的审核由您本人处理').waitFor()
})
