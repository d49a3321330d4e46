// Journey: the employee's day on the phone, on the weapp build against the real functions. First open: the privacy
// guide (WeChat's agree button), then today's check-in; then a make-up request for a missed day with a photo of the
// health code, asked to be notified of the decision inside the submit tap, and seen pending.
import { renderPage, settle, textOf, topPage, waitOn } from './wechat/boot'
import { EMPLOYEE, JPEG_BYTES, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('privacy guide, check-in, make-up with a photo, pending', async () => {
  const { wechat, cloud } = await phoneOf(emulator, EMPLOYEE, { privacyAgreed: false })

  // first open: the guide is shown before anything else, and agreed with WeChat's button
  const home = renderPage('pages/index/index')
  await waitOn(wechat, () => home.querySelector('.privacy-agree'), 'the privacy guide')
  wechat.tapAgreePrivacy(home.querySelector('.privacy-agree'))
  await waitOn(wechat, () => !home.querySelector('.privacy-agree'), 'the guide to close')
  expect(wechat.wx.getStorageSync('privacy-guide')).toBe('agreed')

  // today's check-in
  await waitOn(wechat, () => home.querySelector('.submit-checkin'), 'the check-in form')
  home.querySelector('.temperature-input').dispatchEvent('input', { detail: { value: '36.6' } })
  await settle()
  wechat.tap(home.querySelector('.submit-checkin'), 'check in')
  await waitOn(wechat, () => textOf(home).includes('今日已打卡'), 'the check-in done')

  // a make-up request with a photo, from the home page's entry
  wechat.tap(home.querySelector('.makeup-entry'), '补打卡')
  const page = await topPage(wechat, 'employee/makeup/index')
  await waitOn(
    wechat,
    () => page.querySelector('.submit-makeup') && page.querySelector('.slot'),
    'the make-up form',
  )
  wechat.tap(page.querySelector('.slot'), 'the missed day')
  await settle()
  page.querySelector('.temperature-input')?.dispatchEvent('input', { detail: { value: '36.5' } })
  page
    .querySelector('.reason-input .nut-textarea-textarea')
    .dispatchEvent('input', { detail: { value: '当天手机没电' } })
  page.querySelector('.reason-kinds').dispatchEvent('change', { detail: { value: 'other' } })
  wechat.mediaToPick.push({ path: 'wxfile://tmp/health-code.jpg', type: 'image', bytes: JPEG_BYTES })
  wechat.tap(page.querySelector('.nut-uploader-input'), 'add a photo')
  await waitOn(wechat, () => wechat.uploadedPaths.length === 1, 'the photo uploaded')
  await settle()
  wechat.tap(page.querySelector('.submit-makeup'), 'submit')
  await waitOn(wechat, () => textOf(page).includes('补卡申请已提交'), 'the submitted request')
  expect(textOf(page)).toContain('待审核')

  expect(wechat.violations).toEqual([])
  expect(wechat.mediaRequests).toEqual([['image']])
  // asked inside the submit tap to hear about the decision, with ids the AppID has
  expect(wechat.subscribeRequests.length).toBe(1)
  const data = await cloud.control('export')
  const binding = data.collections.bindings.find((b: { _id: string }) => b._id === EMPLOYEE)
  const mine = data.collections.makeups.filter((m: { memberId: string }) => m.memberId === binding.memberId)
  const pending = mine.filter((m: { status: string }) => m.status === 'pending')
  expect(pending.length).toBeGreaterThanOrEqual(1)
  expect(pending.some((m: { attachments: string[] }) => m.attachments.length === 1)).toBe(true)
}, 180_000)
