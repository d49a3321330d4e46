// Privacy in the browser: the privacy-guide sheet on first open; declining it blocks the image pickers with an
// explanation and accepting proceeds; the health-data consent screen comes before a new member's first check-in.
import { afterNavigation, openPhone, type Phone } from './support/browser'

let phone: Phone | null = null

// a JavaScript error in the app fails the test that caused it
afterEach(async () => {
  const closing = phone
  phone = null
  try {
    closing?.check()
  } finally {
    await closing?.close()
  }
})

const asUser = (openid: string) =>
  `localStorage.setItem('dev-openid', ${JSON.stringify(JSON.stringify({ data: openid }))})`

test('first open shows the privacy guide; declining blocks the pickers with an explanation; accepting proceeds', async () => {
  phone = await openPhone({ privacyAgreed: false })
  const { page } = phone
  await page.context().addInitScript(asUser('o-emp-01'))
  await page.goto(`${process.env.E2E_URL}/app/`)
  await page.locator('.privacy-guide-sheet').waitFor()
  await page.getByText('《用户隐私保护指引》').waitFor()
  await page.getByText(/相册中的照片、拍摄的照片/).waitFor()
  await phone.shot('privacy-01-guide-sheet')

  await page.locator('.privacy-decline').tap()
  await page.locator('.privacy-guide-sheet').waitFor({ state: 'detached' })

  await page.goto(`${process.env.E2E_URL}/app/#/employee/makeup/index`)
  await page.locator('.submit-makeup').waitFor()
  await afterNavigation(page)
  const blocked = page.locator('.privacy-blocked:visible')
  await blocked.getByText(/您未同意《用户隐私保护指引》，无法从相册选择或拍摄照片/).waitFor()
  expect(await page.locator('.nut-uploader-input').count()).toBe(0)
  await blocked.scrollIntoViewIfNeeded()
  await phone.shot('privacy-02-pickers-blocked')

  await blocked.locator('.privacy-blocked__retry').tap()
  await page.locator('.privacy-guide-sheet:visible').waitFor()
  await page.locator('.privacy-agree:visible').tap()
  await page.locator('.nut-uploader-input').first().waitFor({ state: 'attached' })
  expect(await page.locator('.privacy-blocked').count()).toBe(0)
  // the answer is remembered: the next open does not ask again
  await page.goto(`${process.env.E2E_URL}/app/`)
  await page.locator('.home__header').waitFor()
  await page.waitForLoadState('networkidle')
  expect(await page.locator('.privacy-guide-sheet').count()).toBe(0)
})

test('a new member sees the health-data consent screen before the first check-in', async () => {
  phone = await openPhone()
  const { page } = phone
  await page.context().addInitScript(asUser('o-privacy-new'))
  await page.goto(`${process.env.E2E_URL}/app/`)
  await page.getByText('绑定企业员工身份').first().waitFor()
  // the seed leaves 罗斌 (E023) unbound and without consent
  await page.locator('.bind-inviteCode input').fill('DEMO2026')
  await page.locator('.bind-employeeNo input').fill('E023')
  await page.locator('.bind-name input').fill('罗斌')
  await page.locator('.bind-submit').tap()

  const consent = page.locator('.health-consent')
  await consent.waitFor()
  for (const heading of ['目的', '收集的信息', '谁能看到', '保存期限', '如何撤回'])
    await consent.getByText(heading, { exact: true }).waitFor()
  await consent.getByText(/保存 180 天/).waitFor()
  expect(await page.locator('.submit-checkin').count()).toBe(0)
  await phone.shot('privacy-03-health-consent')

  await page.locator('.consent-decline').tap()
  await page.getByText(/未同意前不能提交健康打卡/).waitFor()
  expect(await page.locator('.submit-checkin').count()).toBe(0)

  await page.locator('.consent-agree').tap()
  await page.locator('.submit-checkin').waitFor()
  await page.locator('.temperature-input input').fill('36.5')
  await page.locator('.submit-checkin').tap()
  await page.getByText(/✓ 今日已打卡/).waitFor()
  await phone.shot('privacy-04-checked-in-after-consent')
})

test('隐私与数据 shows my consent, when my oldest details go, and lets me export', async () => {
  phone = await openPhone()
  const { page } = phone
  await page.context().addInitScript(asUser('o-emp-04'))
  await page.goto(`${process.env.E2E_URL}/app/`)
  await page.locator('.privacy-entry').tap()
  await afterNavigation(page)
  await page
    .locator('.consent-status:visible')
    .getByText(/已同意（版本 1/)
    .waitFor()
  await page
    .locator('.next-removal:visible')
    .getByText(/的健康信息将于 \d{4}-\d{2}-\d{2} 删除/)
    .waitFor()
  await page.locator('.viewers:visible').waitFor()
  const download = page.waitForEvent('download')
  await page.locator('.privacy-export:visible').tap()
  expect((await download).suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/)
  await page.getByText('已导出您的全部数据').waitFor()
  // the export itself appears in "who viewed my data"
  await page
    .locator('.viewers:visible')
    .getByText(/导出数据/)
    .waitFor()
  await phone.shot('privacy-05-my-data')
})
