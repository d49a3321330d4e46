// Privacy authorisation on a page other than home: HR opens the member import page before ever agreeing to the
// privacy guide (storage cleared, or the guide updated). WeChat pauses chooseMessageFile and raises
// onNeedPrivacyAuthorization; this page must answer (its own sheet), or the picker never returns.
import { renderPage, textOf, waitOn } from './wechat/boot'
import { HR, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

const CSV = '工号,姓名,部门,地区\nE9001,赵新,研发部,北京\n'

test('the import page asks for the privacy agreement itself; after agreeing the sheet from the chat is imported', async () => {
  const { wechat } = await phoneOf(emulator, HR, { privacyAgreed: false })
  const page = renderPage('admin/members/index')
  await waitOn(wechat, () => page.querySelector('.import-button'), 'the members page', 45_000)

  wechat.filesToPick.push({
    path: 'wxfile://tmp/members.csv',
    name: '成员.csv',
    bytes: new Uint8Array(Buffer.from(CSV)),
  })
  wechat.tap(page.querySelector('.import-button'), 'import')
  await waitOn(wechat, () => page.querySelector('.privacy-agree'), 'the privacy sheet on this page')
  expect(wechat.pendingPrivacyCalls).toEqual(['chooseMessageFile'])

  wechat.tapAgreePrivacy(page.querySelector('.privacy-agree'))
  await waitOn(wechat, () => textOf(page).includes('导入完成'), 'the finished import', 45_000)
  expect(wechat.pendingPrivacyCalls).toEqual([])
  expect(wechat.violations).toEqual([])
  expect(wechat.wx.getStorageSync('privacy-guide')).toBe('agreed')
}, 180_000)
