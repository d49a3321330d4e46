// Special handling with evidence: an employee whose day is past the window files a request with a screenshot of
// the failure; HR's special-handling page shows it as a picture from a short-lived link (the member's own bytes),
// and the view is in the member's access log.
import type { Page } from 'playwright-core'
import { addDays, isWorkingDay, localDay } from '@core/calendar'
import { DEMO_POLICY, HR_OPENID } from '@database/seed'
import { afterNavigation, openPhone, type Phone } from './support/browser'
import { emulatorNow } from './support/now'
import { actAs, arrangeMissed, control, type Member } from './support/demo'

let phone: Phone
const url = () => process.env.E2E_URL as string
// 北京, no regional step: the day is blocked only by the window
const EMPLOYEE = 'o-emp-10'

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await phone?.close()
})
afterEach(() => phone?.check())

/** the 8th working day back: past the 3-working-day window, clear of the seed's own requests (6th day back) */
function pastWindowDay(today: string): string {
  let d = today
  for (let n = 0; n < 8;) {
    d = addDays(d, -1)
    if (isWorkingDay(d, DEMO_POLICY.calendar)) n += 1
  }
  return d
}

test('the employee attaches a failure screenshot to a special request; HR sees the picture, the view is logged', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  const members: Member[] = (await control('/export')).collections.members
  const member = members.find((m) => m.openid === EMPLOYEE)!
  const day = pastWindowDay(localDay(emulatorNow()))
  await arrangeMissed(member, day)

  await actAs(page, EMPLOYEE, 'employee/makeup/index')
  const late = page.locator(`.blocked:visible[data-day="${day}"]`)
  await late.locator('.special__open').tap()
  await late.locator('.special-reason textarea').fill('当天打卡页面一直报错，已截图')
  expect(await late.locator('.special__evidence-label').innerText()).toContain('失败截图（选填，最多 3 张')
  const shot = await screenshotPng(page)
  const chooser = page.waitForEvent('filechooser')
  await late.locator('.nut-uploader-input').tap()
  await (await chooser).setFiles({ name: 'failure.png', mimeType: 'image/png', buffer: shot })
  await late.locator('.nut-uploader-preview').first().waitFor()
  // the pick is uploaded before the request can be sent
  await page.waitForFunction(
    () => !document.querySelector('.nut-uploader-preview .nut-uploader-preview-progress'),
  )
  await late.locator('.special-submit').tap()
  await late.getByText('特殊情况申请已提交，等待 HR 处理').waitFor()
  await late.scrollIntoViewIfNeeded()
  await phone.shot('special-evidence-filed')

  // stored with the request: one file, in the member's own folder
  const stored = (await control('/export')).collections.specials.find(
    (s: { memberId: string; day: string }) => s.memberId === member._id && s.day === day,
  )
  expect(stored.evidence).toHaveLength(1)
  expect(stored.evidence[0]).toContain(`/members/${member._id}/`)

  // HR: the request with its picture
  await actAs(page, HR_OPENID, 'hr/specials/index')
  const card = page.locator(`.special-item[data-id="${stored._id}"]`)
  await card.locator('.special-evidence').waitFor()
  expect(await card.locator('.special-evidence').innerText()).toContain('失败截图（1）')
  const img = card.locator('.evidence-photo img')
  await page.waitForFunction(
    (el) => !!el && (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
    await img.elementHandle(),
  )
  const link = new URL((await img.getAttribute('src'))!)
  const res = await fetch(link)
  expect(res.status).toBe(200)
  expect(Buffer.from(await res.arrayBuffer())).toEqual(shot)
  // a short-lived link: at most 10 minutes from the emulator's now
  expect(Number(link.searchParams.get('t')) * 1000 - emulatorNow().getTime()).toBeLessThanOrEqual(
    600_000 + 60_000,
  )
  await card.scrollIntoViewIfNeeded()
  await afterNavigation(page)
  await phone.shot('special-evidence-hr')

  const log: { subject: string; what: string }[] = (await control('/export')).collections.access_log
  expect(log.some((e) => e.subject === member._id && e.what === `special:${stored._id}`)).toBe(true)
})

/** a real PNG (an error message on a white screen), drawn by the browser itself */
async function screenshotPng(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 180
    c.height = 320
    const g = c.getContext('2d')!
    g.fillStyle = '#fff'
    g.fillRect(0, 0, 180, 320)
    g.fillStyle = '#dc2626'
    g.font = 'bold 24px sans-serif'
    g.fillText('网络错误', 40, 160)
    return c.toDataURL('image/png').split(',')[1]
  })
  return Buffer.from(base64, 'base64')
}
