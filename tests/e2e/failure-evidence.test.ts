// Network-failure evidence belongs to the day it happened on: a daily check-in the network swallowed left a draft
// with its failures; the make-up page attaches them to that day's make-up only, says so when another day is picked,
// and the request is stored with them (the function refuses failures of another day: integration tests).
import { localDay } from '@core/calendar'
import { actAs, arrangeMissed, control, missedDay, photo, type Member } from './support/demo'
import { openPhone, type Phone } from './support/browser'
import { emulatorNow } from './support/now'

let phone: Phone
const OPENID = 'o-emp-17'

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(() => phone?.close())
afterEach(() => phone?.check())

it('the failures go with their own day’s make-up and with no other', async () => {
  const { page } = phone
  const member: Member = (await control('/export')).collections.members.find(
    (m: Member) => m.openid === OPENID,
  )
  const day = missedDay(localDay(emulatorNow()))
  const earlier = missedDay(day)
  await arrangeMissed(member, day)
  await arrangeMissed(member, earlier)
  // the draft the home page kept when the check-in of `day` failed twice (10:00 and 10:05 Shanghai)
  const draft = {
    day,
    report: { status: 'well', temperature: 36.5, region: '北京', healthCode: 'green' },
    clientRequestId: `e2e-failed-${day}`,
    failures: [
      { at: `${day}T02:00:00.000Z`, error: 'NETWORK_FAILED' },
      { at: `${day}T02:05:00.000Z`, error: 'NETWORK_FAILED' },
    ],
  }
  await page.goto(`${process.env.E2E_URL}/app/`)
  await page.evaluate((d) => localStorage.setItem('checkin-draft', JSON.stringify({ data: d })), draft)
  await actAs(page, OPENID, `employee/makeup/index?day=${day}&fromDraft=1`)
  await page.locator('.failures .makeup__evidence-item').nth(1).waitFor()

  await page.locator(`.slot[data-day="${earlier}"]`).tap()
  await page.locator('.failures-elsewhere').waitFor()
  expect(await page.locator('.failures').count()).toBe(0)

  await page.locator(`.slot[data-day="${day}"]`).tap()
  await page.locator('.failures').waitFor()
  await page.locator('.reason-input textarea').fill('当天网络故障，打卡没有成功')
  // the demo policy asks for a picture besides
  const chooser = page.waitForEvent('filechooser')
  await page.locator('.nut-uploader-input').tap()
  await (
    await chooser
  ).setFiles({ name: 'health-code.png', mimeType: 'image/png', buffer: await photo(page) })
  await page.waitForFunction(
    () =>
      document.querySelector('.nut-uploader-preview') &&
      !document.querySelector('.nut-uploader-preview .nut-uploader-preview-progress'),
  )
  await page.locator('.submit-makeup').tap()
  await page.getByText('补卡申请已提交').waitFor()

  const { collections } = await control('/export')
  const stored = collections.makeups.filter(
    (r: { memberId: string; day: string }) => r.memberId === member._id,
  )
  expect(stored.find((r: { day: string }) => r.day === day)?.failures).toHaveLength(2)
  expect(stored.find((r: { day: string }) => r.day === earlier)).toBeUndefined()
})
