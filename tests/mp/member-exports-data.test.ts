// Journey: a member exports all their data to a chat. WeChat sends a file only from inside a tap
// (shareFileMessage), so the export is fetched on one tap and sent on the next.
import { renderPage, textOf, waitOn } from './wechat/boot'
import { EMPLOYEE, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('导出我的数据: the JSON of the member reaches the chat they pick', async () => {
  const { wechat } = await phoneOf(emulator, EMPLOYEE)
  const page = renderPage('privacy/index')
  await waitOn(wechat, () => page.querySelector('.privacy-export'), 'the privacy page')

  wechat.tap(page.querySelector('.privacy-export'), 'export')
  await waitOn(
    wechat,
    () => page.querySelector('.privacy-share') || wechat.violations.length > 0,
    'the file ready to send',
  )
  expect(wechat.violations).toEqual([])
  expect(wechat.shared).toEqual([]) // nothing is sent without the user's tap

  wechat.tap(page.querySelector('.privacy-share'), 'send to chat')
  await waitOn(wechat, () => wechat.shared.length > 0 || wechat.violations.length > 0, 'the file in the chat')
  expect(wechat.violations).toEqual([])
  expect(wechat.shared).toHaveLength(1)
  expect(wechat.shared[0].fileName).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/)
  const data = JSON.parse(Buffer.from(wechat.shared[0].bytes!).toString('utf8'))
  expect(data.exportedAt).toEqual(expect.any(String))
  await waitOn(wechat, () => textOf(page).includes('已发送到聊天'), 'the confirmation')
}, 180_000)
