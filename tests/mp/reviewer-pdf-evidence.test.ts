// Journey: a reviewer opens a make-up request whose evidence is a PDF test report, on the phone. WeChat has no
// clipboard scope declared for this app (and health-data links must not go to the clipboard): the report opens in
// the app's document viewer (downloadFile of a short-lived temp URL from the storage domain, then openDocument).
import { renderPage, textOf, waitOn } from './wechat/boot'
import {
  allowPdfEvidence,
  EMPLOYEE,
  PDF_BYTES,
  phoneOf,
  REVIEWER,
  startRealEmulator,
  submitMakeup,
  type RealEmulator,
} from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('the reviewer opens the PDF evidence inside WeChat; nothing goes to the clipboard', async () => {
  const { wechat, cloud } = await phoneOf(emulator, REVIEWER)
  await allowPdfEvidence(cloud)
  const request = await submitMakeup(cloud, EMPLOYEE, [{ name: 'report.pdf', bytes: PDF_BYTES }])

  const page = renderPage('hr/detail/index', { id: request.id })
  await waitOn(wechat, () => page.querySelector('.detail__file'), 'the evidence list')
  expect(textOf(page)).toContain('PDF')

  wechat.tap(page.querySelector('.pdf-evidence') ?? page.querySelector('.detail__file'), 'the PDF evidence')
  await waitOn(
    wechat,
    () => wechat.openedDocuments.length > 0 || wechat.violations.length > 0,
    'the PDF to open',
  )

  expect(wechat.violations).toEqual([])
  expect(wechat.clipboard).toEqual([])
  expect(wechat.openedDocuments).toHaveLength(1)
  expect(wechat.openedDocuments[0].fileType).toBe('pdf')
  expect(Buffer.from(wechat.openedDocuments[0].bytes!).toString()).toBe(Buffer.from(PDF_BYTES).toString())
}, 180_000)

test('links to health files are short-lived: the evidence link stops working after ten minutes', async () => {
  const { wechat, cloud } = await phoneOf(emulator, REVIEWER)
  const request = await submitMakeup(cloud, EMPLOYEE, [{ name: 'report2.pdf', bytes: PDF_BYTES }])
  const detail = await cloud.callAs(REVIEWER, 'review', { action: 'detail', id: request.id })
  const url: string = detail.data.previews[0].url
  const clock = await cloud.control('clock')
  const lifetimeS = Number(new URL(url).searchParams.get('t')) - Date.parse(clock.now) / 1000
  expect(lifetimeS).toBeGreaterThan(60)
  expect(lifetimeS).toBeLessThanOrEqual(600)

  await cloud.control('clock', { offsetMs: clock.offsetMs + 11 * 60_000 })
  try {
    expect(await cloud.fetch(url)).toBeNull()
  } finally {
    await cloud.control('clock', { offsetMs: clock.offsetMs })
  }
  void wechat
}, 180_000)
