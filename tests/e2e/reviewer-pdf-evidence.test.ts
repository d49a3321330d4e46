// The reviewer opens a request straight from its link (as from the subscribe message) and reads the member's PDF
// test report: in the browser build it opens in a new tab from a short-lived link (on the phone, WeChat's
// document viewer: tests/mp/reviewer-pdf-evidence.test.ts), and the report's bytes are the member's.
import { localDay } from '@core/calendar'
import { HR_OPENID } from '@database/seed'
import { openPhone, type Phone } from './support/browser'
import { emulatorNow } from './support/now'
import { actAs, arrangePending, control, missedDay, uploadAs, type Member } from './support/demo'

let phone: Phone
const url = () => process.env.E2E_URL as string
const PDF = Buffer.from('%PDF-1.4\n% e2e test report\n%%EOF\n')

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await phone?.close()
})
afterEach(() => phone?.check())

test('from the request link, the PDF report opens in a new tab with the member’s file; then approve', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  const members: Member[] = (await control('/export')).collections.members
  const member = members.find((m) => m.openid === 'o-emp-09')!
  const day = missedDay(localDay(emulatorNow()))
  const pdf = await uploadAs(member, 'e2e-report.pdf', PDF)
  const id = await arrangePending(member, day, [pdf], new Date(emulatorNow().getTime() - 600_000))

  await actAs(page, HR_OPENID, `hr/detail/index?id=${id}`)
  await page.locator('.pdf-evidence').waitFor()
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.locator('.pdf-evidence').tap()])
  const link = new URL(tab.url())
  await tab.close()
  // a signed temp link with a short life, serving exactly the uploaded report
  const expiresMs = Number(link.searchParams.get('t')) * 1000
  const res = await fetch(link)
  expect(res.status).toBe(200)
  expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF)
  expect(expiresMs - emulatorNow().getTime()).toBeGreaterThan(0)
  expect(expiresMs - emulatorNow().getTime()).toBeLessThanOrEqual(11 * 60_000)

  await page.locator('.approve-button').tap()
  await page.locator('.detail-status', { hasText: '已通过' }).waitFor()
})
