// A make-up form restored from the device while the network is down is offered for sending as soon as the network
// is back: one tap on the banner sends it, once, under the client request id it was saved with.
import type { Page } from 'playwright-core'
import { openPhone, type Phone } from './support/browser'
import { localDay } from '@core/calendar'
import { requestDocId } from '@core/makeup'
import { actAs, arrangeMissed, control, missedDay, type Member } from './support/demo'
import { emulatorNow } from './support/now'

const OPENID = 'o-emp-13'
let phone: Phone
let member: Member

beforeAll(async () => {
  phone = await openPhone()
  const data = await control('/export')
  member = data.collections.members.find((m: Member) => m.openid === OPENID)
  await arrangeMissed(member, missedDay(localDay(emulatorNow())))
})

afterAll(async () => {
  await phone?.context.setOffline(false)
  await phone?.close()
})
// a JavaScript error in the app fails the test that caused it
afterEach(() => phone?.check())

const mine = async (day: string) => {
  const { collections } = await control('/export')
  return collections.makeups.filter(
    (r: { memberId: string; day: string }) => r.memberId === member._id && r.day === day,
  )
}

test('a restored make-up is offered for sending when the network is back, and one tap sends it once', async () => {
  const { page, context } = phone
  await page.goto(`${process.env.E2E_URL}/app/`)
  await actAs(page, OPENID, 'employee/makeup/index')
  await page.locator('.submit-makeup').waitFor()
  const day = (await page.locator('.slot').first().getAttribute('data-day'))!
  await page.locator('.slot').first().tap()
  await page.locator('.makeup .temperature-input input').fill('36.6')
  await page.locator('.reason-input textarea').fill('当天手机没电，没能打卡')
  // the health-code picture the demo policy asks for: uploaded now, kept in the draft by its fileID
  const chooser = page.waitForEvent('filechooser')
  await page.locator('.nut-uploader-input').tap()
  await (
    await chooser
  ).setFiles({ name: 'health-code.png', mimeType: 'image/png', buffer: await photo(page) })
  await page.locator('.nut-uploader-preview').first().waitFor()
  await page.waitForFunction(
    () => !document.querySelector('.nut-uploader-preview .nut-uploader-preview-progress'),
  )
  await page.waitForFunction(
    () => JSON.parse(localStorage.getItem('makeup-draft') ?? 'null')?.data?.attachments?.length === 1,
  )

  // the page comes back with the form restored; then the network goes away
  await page.reload()
  await page.locator('.restored-draft').waitFor()
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('makeup-draft') ?? 'null'))
  const clientRequestId: string = saved.data.clientRequestId
  expect(clientRequestId).toEqual(expect.any(String))
  await context.setOffline(true)
  await page.locator('.draft-offline', { hasText: '网络恢复后可一键发送' }).waitFor()
  expect(await page.locator('.send-draft').count()).toBe(0)
  await phone.shot('21b-makeup-draft-offline')

  // back online: the banner offers 发送; tapping it twice in a row still sends one request
  await context.setOffline(false)
  const send = page.locator('.send-draft', { hasText: '发送' })
  await send.waitFor()
  await phone.shot('21c-makeup-draft-send')
  await send.tap()
  await send.tap().catch(() => undefined)
  await page.getByText('补卡申请已提交').waitFor()

  const stored = await mine(day)
  expect(stored).toHaveLength(1)
  expect(stored[0]._id).toBe(requestDocId(member._id, clientRequestId))
  expect(stored[0].reason).toBe('当天手机没电，没能打卡')
  expect(stored[0].attachments).toEqual(saved.data.attachments)
  // nothing is left to restore
  expect(await page.evaluate(() => localStorage.getItem('makeup-draft'))).toBeNull()
  await actAs(page, OPENID, 'employee/makeup/index')
  await page.locator('.makeup__quota').waitFor()
  expect(await page.locator('.restored-draft').count()).toBe(0)
})

/** a small real PNG, drawn in the page */
async function photo(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = c.height = 160
    const g = c.getContext('2d')!
    g.fillStyle = '#16a34a'
    g.fillRect(0, 0, 160, 160)
    return c.toDataURL('image/png').split(',')[1]
  })
  return Buffer.from(base64, 'base64')
}
