// The make-up page's photo picker on the phone offers images only: NutUI's Uploader asks chooseMedia for images and
// videos unless told, and a picked video would upload and then be refused on submit.
import { renderPage, waitOn } from './wechat/boot'
import { EMPLOYEE, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('a video in the album is not offered; the photo is', async () => {
  const { wechat } = await phoneOf(emulator, EMPLOYEE)
  const page = renderPage('employee/makeup/index')
  await waitOn(wechat, () => page.querySelector('.nut-uploader-input'), 'the photo picker', 45_000)

  // the user's album: the first thing they would take is a video
  wechat.mediaToPick.push({ path: 'wxfile://tmp/clip.mp4', type: 'video', bytes: new Uint8Array(4096) })
  wechat.tap(page.querySelector('.nut-uploader-input'), 'the picker')
  await waitOn(wechat, () => wechat.mediaToPick.length === 0, 'the picker to answer')
  await new Promise((r) => setTimeout(r, 300))
  expect(wechat.mediaRequests).toEqual([['image']])
  expect(wechat.uploadedPaths).toEqual([]) // not offered: the user could not pick it
}, 180_000)
