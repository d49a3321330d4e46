// A make-up form survives the page closing: what the member entered (day, report, reason, the uploaded test-report
// PDF) comes back when they return, and is sent once. In the browser the PDF comes from the file chooser (WeChat
// picks it from a chat instead).
import { openPhone, type Phone } from './support/browser'
import { localDay } from '@core/calendar'
import { actAs, arrangeMissed, control, missedDay, put, type Member } from './support/demo'
import { emulatorNow } from './support/now'
import { DEMO_COMPANY_ID } from '@database/seed'

const OPENID = 'o-emp-05'
let phone: Phone
let company: { policy: { attachments: object } }

beforeAll(async () => {
  phone = await openPhone()
  // this company also accepts a test report as PDF (the demo asks for a health-code picture)
  const data = await control('/export')
  company = data.collections.companies.find((c: { _id: string }) => c._id === DEMO_COMPANY_ID)
  // the member missed the last working day, so the form offers it
  const member = data.collections.members.find((m: Member) => m.openid === OPENID)
  await arrangeMissed(member, missedDay(localDay(emulatorNow())))
  await put('companies', {
    ...company,
    policy: {
      ...company.policy,
      attachments: { rule: 'either', maxCount: 3, maxBytes: 5 * 1024 * 1024, types: ['jpg', 'png', 'pdf'] },
    },
  })
})

afterAll(async () => {
  if (company) await put('companies', company)
  await phone?.close()
})
// a JavaScript error in the app fails the test that caused it
afterEach(() => phone?.check())

test('an unsent make-up comes back after the page closes, PDF included, and is sent once', async () => {
  const { page } = phone
  await page.goto(`${process.env.E2E_URL}/app/`)
  await actAs(page, OPENID, 'employee/makeup/index')
  await page.locator('.submit-makeup').waitFor()
  const day = await page.locator('.slot').first().getAttribute('data-day')

  await page.locator('.slot').first().tap()
  await page.locator('.makeup .temperature-input input').fill('36.7')
  await page.locator('.reason-input textarea').fill('当天在医院做检测，忘记打卡')
  const chooser = page.waitForEvent('filechooser')
  await page.locator('.pick-pdf').tap()
  await (await chooser).setFiles({ name: '核酸检测报告.pdf', mimeType: 'application/pdf', buffer: pdf() })
  await page.locator('.pdf-item', { hasText: '核酸检测报告.pdf' }).waitFor()

  // the page goes away (WeChat closes it, the browser reloads): everything comes back
  await page.reload()
  await page.locator('.restored-draft').waitFor()
  await phone.shot('21-makeup-draft-restored')
  expect(await page.locator('.makeup__slot--on').getAttribute('data-day')).toBe(day)
  expect(await page.locator('.reason-input textarea').inputValue()).toBe('当天在医院做检测，忘记打卡')
  expect(await page.locator('.makeup .temperature-input input').inputValue()).toBe('36.7')
  await page.locator('.pdf-item', { hasText: '核酸检测报告.pdf' }).waitFor()

  await page.locator('.submit-makeup').tap()
  await page.getByText('补卡申请已提交').waitFor()

  // stored once, with the PDF; the form starts empty next time
  const { collections } = await control('/export')
  const member = collections.members.find((m: { openid: string | null }) => m.openid === OPENID)
  const mine = collections.makeups.filter(
    (r: { memberId: string; day: string }) => r.memberId === member._id && r.day === day,
  )
  expect(mine).toHaveLength(1)
  expect(mine[0].attachments).toEqual([expect.stringMatching(/\.pdf$/)])
  expect(mine[0].attachmentKind).toBe('testReport')
  await actAs(page, OPENID, 'employee/makeup/index')
  await page.locator('.makeup__quota').waitFor()
  expect(await page.locator('.restored-draft').count()).toBe(0)
})

/** a small real PDF (the function checks the bytes, not the name) */
function pdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
  )
}
