// On weapp the pages under the top one stay mounted, hidden. The home page declined the privacy guide; the employee
// then opens the help tickets and asks to attach a screenshot: WeChat pauses the picker until an answer, and the
// sheet that answers must be the one on the page the employee sees — a hidden one would leave the picker hanging.
import { renderPage, textOf, waitOn } from './wechat/boot'
import { EMPLOYEE, JPEG_BYTES, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('the sheet of the page on top answers; the hidden home page keeps its sheet closed', async () => {
  const { wechat } = await phoneOf(emulator, EMPLOYEE, { privacyAgreed: false })

  const home = renderPage('pages/index/index')
  await waitOn(wechat, () => home.querySelector('.privacy-decline'), 'the guide on first open')
  wechat.tap(home.querySelector('.privacy-decline'), 'decline')
  await waitOn(wechat, () => !home.querySelector('.privacy-decline'), 'the guide to close')

  const tickets = renderPage('employee/tickets/index')
  await waitOn(
    wechat,
    () =>
      tickets.querySelector('.privacy-blocked__retry') && tickets.querySelector('.tickets__empty, .ticket'),
    'the tickets page with the pickers explained',
  )
  wechat.tap(tickets.querySelector('.privacy-blocked__retry'), '查看并同意')
  await waitOn(wechat, () => tickets.querySelector('.privacy-agree'), 'the sheet on the tickets page')
  expect(home.querySelector('.privacy-agree')).toBeFalsy()

  wechat.tapAgreePrivacy(tickets.querySelector('.privacy-agree'))
  await waitOn(wechat, () => tickets.querySelector('.nut-uploader-input'), 'the photo picker')
  wechat.mediaToPick.push({ path: 'wxfile://tmp/screen.jpg', type: 'image', bytes: JPEG_BYTES })
  wechat.tap(tickets.querySelector('.nut-uploader-input'), 'add a screenshot')
  await waitOn(wechat, () => wechat.uploadedPaths.length === 1, 'the screenshot uploaded')
  expect(wechat.pendingPrivacyCalls).toEqual([])
  expect(wechat.violations).toEqual([])
  expect(textOf(tickets)).not.toContain('无法从相册选择')
}, 180_000)
