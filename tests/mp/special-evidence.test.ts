// On the weapp build against the real functions: the employee asks HR for special handling of a day past the
// window with a screenshot of the failure (picked as an image only, uploaded to their own folder); HR's
// special-handling page shows the picture from a short-lived link, and the view is in the member's access log.
import http from 'node:http'
import { renderPage, settle, textOf, topPage, waitOn } from './wechat/boot'
import { EMPLOYEE, HR, JPEG_BYTES, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('特殊情况申请 with a failure screenshot; HR sees the picture', async () => {
  const { wechat, cloud } = await phoneOf(emulator, EMPLOYEE)
  const me: any = await cloud.callAs(EMPLOYEE, 'checkin', { action: 'me' })
  const memberId: string = me.data.member.memberId

  const home = renderPage('pages/index/index')
  await waitOn(wechat, () => home.querySelector('.makeup-entry'), 'the home page')
  wechat.tap(home.querySelector('.makeup-entry'), '补打卡')
  const page = await topPage(wechat, 'employee/makeup/index')
  // a day past the window ("超时") offers special handling
  const offer = await waitOn(wechat, () => page.querySelector('.special__open'), 'a day past the window')
  wechat.tap(offer, '申请特殊处理')
  await waitOn(wechat, () => page.querySelector('.special__form'), 'the special-handling form')
  expect(textOf(page)).toContain('失败截图（选填，最多 3 张')
  page
    .querySelector('.special-reason .nut-textarea-textarea')
    .dispatchEvent('input', { detail: { value: '当天打卡页面一直报错' } })
  wechat.mediaToPick.push({ path: 'wxfile://tmp/failure.jpg', type: 'image', bytes: JPEG_BYTES })
  wechat.tap(page.querySelector('.special__form .nut-uploader-input'), 'add a screenshot')
  await waitOn(wechat, () => wechat.uploadedPaths.length === 1, 'the screenshot uploaded')
  await settle()
  wechat.tap(page.querySelector('.special-submit'), '提交给 HR')
  await waitOn(wechat, () => textOf(page).includes('特殊情况申请已提交，等待 HR 处理'), 'the filed request')
  // the album offered pictures only
  expect(wechat.mediaRequests).toEqual([['image']])

  const data = await cloud.control('export')
  const filed = data.collections.specials.find(
    (s: { memberId: string; status: string; evidence: string[] }) =>
      s.memberId === memberId && s.status === 'pending' && s.evidence.length === 1,
  )
  expect(filed.evidence[0]).toContain(`/members/${memberId}/`)

  // HR's special-handling page, on a phone signed in as HR: the request with its picture
  cloud.openid = HR
  const specials = renderPage('hr/specials/index')
  const photo = await waitOn(
    wechat,
    () => specials.querySelector('.evidence-photo'),
    'the evidence picture',
  ).catch((e) => {
    throw new Error(`${e.message}; the page reads: ${textOf(specials).slice(0, 400)}`)
  })
  expect(textOf(specials)).toContain('失败截图（1）')
  // the simulator's image keeps no src: the link is read from the page data Taro renders it from
  const links = JSON.stringify(specials.instance.data).match(/https?:[^"]+?\?t=\d+&sign=[0-9a-f]+/g) ?? []
  expect(links).toHaveLength(1)
  const src = new URL(String(links[0]))
  expect(src.host).toBe(new URL(emulator.url).host)
  expect(await bytesAt(src)).toEqual(Buffer.from(JPEG_BYTES))
  // tapping it opens WeChat's image preview
  wechat.tap(photo, 'the picture')
  await settle()
  expect(wechat.violations).toEqual([])

  const log = (await cloud.control('export')).collections.access_log
  expect(
    log.some(
      (e: { subject: string; what: string }) => e.subject === memberId && e.what === `special:${filed._id}`,
    ),
  ).toBe(true)
}, 180_000)

/** the body at a loopback link (the page's environment has no fetch) */
function bytesAt(url: URL): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve(Buffer.concat(chunks)))
        res.on('error', reject)
      })
      .on('error', reject)
  })
}
