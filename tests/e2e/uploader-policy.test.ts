// The make-up page's uploader follows the policy: its count, size and types are what HR set (the page says them),
// and the PDF picker appears only where PDFs are allowed. The demo policy is put back at the end: the browser tests
// share this emulator.
import type { Page } from 'playwright-core'
import { actAs, control, fn, missedDay, savePolicy } from './support/demo'
import { openPhone, type Phone } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string
// 刘洋: a missed working day is arranged for him, so the form shows
const EMPLOYEE = 'o-emp-04'

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await savePolicy({}).catch((e) => console.warn('restore failed', e))
  await phone?.close()
})

async function makeupPage(page: Page) {
  if (!page.url().startsWith(url())) await page.goto(`${url()}/app/`)
  await actAs(page, EMPLOYEE, 'employee/makeup/index')
  await page.reload()
  await page.locator('.attachment-limits').waitFor()
}

it('two files of at most 1 MB, PDF allowed: the page says so and offers the PDF picker', async () => {
  const { page } = phone
  const me = await fn<{ today: string; member: { memberId: string } }>('checkin', { action: 'me' }, EMPLOYEE)
  await control(`/collections/checkins/${me.member.memberId}_${missedDay(me.today)}`, {
    method: 'DELETE',
  }).catch(() => undefined)
  await savePolicy({
    attachments: { rule: 'either', maxCount: 2, maxBytes: 1024 * 1024, types: ['jpg', 'png', 'pdf'] },
  })
  await makeupPage(page)
  expect(await page.locator('.attachment-limits').innerText()).toContain(
    '最多 2 个，每个不超过 1 MB，格式：JPG、PNG、PDF',
  )
  expect(await page.locator('.pick-pdf').count()).toBe(1)

  await page.locator('.attachment-limits').scrollIntoViewIfNeeded()
  await phone.shot('uploader-policy-limits')
})

it('pictures only: no PDF picker', async () => {
  const { page } = phone
  await savePolicy({
    attachments: { rule: 'healthCode', maxCount: 3, maxBytes: 5 * 1024 * 1024, types: ['jpg', 'png'] },
  })
  await makeupPage(page)
  expect(await page.locator('.attachment-limits').innerText()).toContain(
    '最多 3 个，每个不超过 5 MB，格式：JPG、PNG',
  )
  expect(await page.locator('.pick-pdf').count()).toBe(0)
})
