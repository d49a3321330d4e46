// The HR admin in the browser, against the emulator and the real functions: the review queue, a request with a
// photo, a rejection with a listed reason, an approval, and the employee's calendar showing the day made up.
// Two pending requests are arranged through the emulator's control API and gateway (a photo uploaded as the
// employee, the request, its quota unit and audit entry as the makeup function stores them).
import ExcelJS from 'exceljs'
import { localDay, monthOf } from '@core/calendar'
import { HR_OPENID } from '@database/seed'
import { afterNavigation, openPhone, type Phone } from './support/browser'
import { emulatorNow } from './support/now'
import { actAs, arrangePending, control, missedDay, uploadPhoto, type Member } from './support/demo'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await phone?.close()
})
// a JavaScript error in the app fails the test that caused it
afterEach(() => phone?.check())

test('HR reviews: queue, a request with a photo, reject one with a reason, approve another', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  const data = await control('/export')
  const members: Member[] = data.collections.members
  const byOpenid = (o: string) => members.find((m) => m.openid === o)!
  const withPhoto = byOpenid('o-emp-07')
  const plain = byOpenid('o-emp-08')
  const today = localDay(emulatorNow())
  const day = missedDay(today)
  const photo = await uploadPhoto(page, withPhoto)
  const photoId = await arrangePending(withPhoto, day, [photo], new Date(emulatorNow().getTime() - 3600_000))
  const plainId = await arrangePending(plain, day, [], new Date(emulatorNow().getTime() - 1800_000))

  // home → 审核与管理 → the queue
  await actAs(page, HR_OPENID, 'pages/index/index')
  await page.locator('.hr-entry').tap()
  await page.locator('.queue-item').first().waitFor()
  await afterNavigation(page)
  expect(Number(await page.locator('.pending-count').innerText())).toBeGreaterThanOrEqual(2)
  await page.locator(`.queue-item[data-id="${photoId}"]`).waitFor()
  await phone.shot('hr-01-queue')

  // the request with a photo: the picture really loads from its temp link
  await page.locator(`.queue-item[data-id="${plainId}"] .open-item`).tap()
  await page.locator('.reject-button').waitFor()
  await afterNavigation(page)
  await page.locator('.reject-button').tap()
  await page.locator('.reject-reason--infoIncorrect').tap()
  await page.locator('.decision-note textarea').fill('体温与当日记录不符')
  await phone.shot('hr-03-reject-form')
  await page.locator('.confirm-reject').tap()
  await page.locator('.decided-notice', { hasText: '处理完成：已驳回' }).waitFor()
  await page.locator('.detail-status', { hasText: '已驳回' }).waitFor()
  await page.getByText('审核意见：健康信息填写有误：体温与当日记录不符').waitFor()

  await actAs(page, HR_OPENID, `hr/detail/index?id=${photoId}&hr=1`)
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.attachment-photo img')
    return img !== null && img.complete && img.naturalWidth > 0
  })
  await phone.shot('hr-02-detail')
  await page.locator('.approve-button').tap()
  await page.locator('.detail-status', { hasText: '已通过' }).waitFor()
  await page.getByText('处理人：陈思').waitFor()
  await phone.shot('hr-04-approved')

  // the employee's records and audit trail, from the request
  await page.locator('.member-link').tap()
  await page.locator('.audit-entry', { hasText: '审核通过' }).first().waitFor()
  await afterNavigation(page)
  await phone.shot('hr-06-member-audit')

  // the dashboard: completion by department, backlog, reasons, 30-day trend
  await actAs(page, HR_OPENID, 'hr/index')
  await page.locator('.dashboard-link').tap()
  await page.locator('.dept-completion').first().waitFor()
  await page.locator('.trend-chart').waitFor()
  await afterNavigation(page)
  await phone.shot('hr-07-dashboard')

  // export this month's make-ups as CSV: the file downloads and holds one line per make-up of the range
  await page.locator('.export-kind--makeups').tap()
  await page.locator('.export-start').tap()
  await page.locator('.export-link').waitFor()
  const rows = Number(await page.locator('.export-done').getAttribute('data-rows'))
  const csv = await (await fetch((await page.locator('.export-link').getAttribute('data-url'))!)).text()
  const exported = await control('/export')
  const first = `${today.slice(0, 7)}-01`
  const inRange = exported.collections.makeups.filter(
    (m: { day: string }) => m.day >= first && m.day <= today,
  )
  expect(rows).toBe(inRange.length)
  expect(csv.split('\r\n').filter(Boolean)).toHaveLength(rows + 1)
  await phone.shot('hr-08-export')
  // the same range as Excel: the workbook opens with the Chinese header and one row per make-up
  await page.locator('.export-format--xlsx').tap()
  await page.locator('.export-start').tap()
  const xlsxLink = page.locator('.export-link[data-format="xlsx"]')
  await xlsxLink.waitFor()
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await (await fetch((await xlsxLink.getAttribute('data-url'))!)).arrayBuffer())
  expect(book.worksheets[0].rowCount).toBe(rows + 1)
  expect(book.worksheets[0].getCell('A1').value).toBe('工号')

  // the employee's calendar shows the day made up
  await actAs(page, withPhoto.openid!, 'employee/calendar/index')
  // the pinned now puts the missed day in the month the calendar opens on
  expect(monthOf(day)).toBe(monthOf(today))
  await page.locator('.calendar__card .day-state--madeUp').first().waitFor()
  await phone.shot('hr-05-employee-calendar')
  const month = await fetch(`${url()}/gateway/functions/checkin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': withPhoto.openid! },
    body: JSON.stringify({ data: { action: 'month', month: monthOf(day) } }),
  }).then((r) => r.json())
  expect(month.result.data.days.find((d: { day: string }) => d.day === day).state).toBe('madeUp')
})

test('HR approves 10 selected requests at once', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  const members: Member[] = (await control('/export')).collections.members
  const day = missedDay(localDay(emulatorNow()))
  const ids: string[] = []
  for (let n = 9; n <= 18; n++) {
    const m = members.find((x) => x.openid === `o-emp-${String(n).padStart(2, '0')}`)!
    ids.push(await arrangePending(m, day, [], new Date(emulatorNow().getTime() - (20 - n) * 60_000)))
  }
  await actAs(page, HR_OPENID, 'hr/index')
  for (const id of ids) {
    await page.locator(`.queue-item[data-id="${id}"] .select-item`).tap()
  }
  await page.getByText('批量通过（10）').waitFor()
  await phone.shot('hr-09-bulk-selected')
  await page.locator('.bulk-approve').tap()
  await page.locator('.bulk-notice', { hasText: '已通过 10 条' }).waitFor()
  const makeups = (await control('/export')).collections.makeups as { _id: string; status: string }[]
  expect(makeups.filter((m) => ids.includes(m._id)).map((m) => m.status)).toEqual(Array(10).fill('approved'))
})
