// Journey: HR exports records on the phone. An Excel file opens in WeChat's document viewer; a CSV (which the viewer
// cannot show) is downloaded from the storage domain and sent to a chat by a second tap. No link goes to the
// clipboard (not a declared privacy type, and the file holds health data).
import { renderPage, settle, textOf, waitOn } from './wechat/boot'
import { HR, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('HR gets a CSV export into a chat and an Excel export opened on the phone', async () => {
  const { wechat } = await phoneOf(emulator, HR)
  const page = renderPage('hr/dashboard/index')
  await waitOn(wechat, () => page.querySelector('.export-start'), 'the export card')

  // CSV (the default format)
  wechat.tap(page.querySelector('.export-start'), 'start export')
  await waitOn(wechat, () => page.querySelector('.export-link'), 'the finished export', 45_000)
  wechat.tap(page.querySelector('.export-link'), 'get the file')
  await waitOn(
    wechat,
    () => page.querySelector('.export-share') || wechat.violations.length > 0,
    'the file on the phone',
  )
  expect(wechat.violations).toEqual([])
  wechat.tap(page.querySelector('.export-share'), 'send to chat')
  await waitOn(wechat, () => wechat.shared.length > 0 || wechat.violations.length > 0, 'the file in the chat')
  expect(wechat.violations).toEqual([])
  expect(wechat.shared[0].fileName).toMatch(/\.csv$/)
  expect(Buffer.from(wechat.shared[0].bytes!).toString('utf8')).toContain(',')

  // Excel
  wechat.tap(page.querySelector('.export-format--xlsx'), 'Excel')
  await settle()
  wechat.tap(page.querySelector('.export-start'), 'start export')
  await waitOn(wechat, () => textOf(page).includes('打开 Excel'), 'the Excel export', 45_000)
  wechat.tap(page.querySelector('.export-link'), 'open it')
  await waitOn(wechat, () => wechat.openedDocuments.length > 0 || wechat.violations.length > 0, 'the viewer')
  expect(wechat.violations).toEqual([])
  expect(wechat.openedDocuments[0].fileType).toBe('xlsx')
  expect(Buffer.from(wechat.openedDocuments[0].bytes!.slice(0, 2)).toString()).toBe('PK') // a zip: an .xlsx
  expect(wechat.clipboard).toEqual([])
}, 180_000)
