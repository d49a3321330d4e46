// On the weapp build against the real functions: HR opens the whole audit log from the admin home (查看全部),
// narrows it to one member by 工号, and gets the narrowed log as a CSV into a chat (downloaded from the storage
// domain, sent by a second tap): the file carries the admin edit's field before → after.
import { renderPage, settle, textOf, topPage, waitOn } from './wechat/boot'
import { HR, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('审计日志: from 查看全部, one member by 工号, exported to a chat with the edit before → after', async () => {
  const { wechat, cloud } = await phoneOf(emulator, HR)
  const list: any = await cloud.callAs(HR, 'admin', { action: 'members' })
  const target = list.data.items.filter((m: any) => m.roles.length === 1 && m.makeupEnabled).at(-1)
  for (const makeupEnabled of [false, true])
    await cloud.callAs(HR, 'admin', { action: 'updateMember', memberId: target.id, makeupEnabled })

  const home = renderPage('admin/index')
  await waitOn(wechat, () => home.querySelector('.audit-all'), 'the latest changes on the admin home')
  wechat.tap(home.querySelector('.audit-all'), '查看全部')
  const page = await topPage(wechat, 'admin/audit/index')
  await waitOn(wechat, () => page.querySelector('.audit-entry'), 'the audit log')

  page.querySelector('.audit-employee').dispatchEvent('input', { detail: { value: target.employeeNo } })
  await settle()
  wechat.tap(page.querySelector('.audit-search'), '查询')
  await waitOn(
    wechat,
    () =>
      textOf(page).includes('makeupEnabled: false → true') &&
      textOf(page).includes('makeupEnabled: true → false'),
    'the member’s edits',
  )

  wechat.tap(page.querySelector('.export-start'), '开始导出')
  await waitOn(wechat, () => page.querySelector('.export-link'), 'the finished export', 45_000)
  wechat.tap(page.querySelector('.export-link'), '下载到手机')
  await waitOn(wechat, () => page.querySelector('.export-share') || wechat.violations.length > 0, 'the file')
  expect(wechat.violations).toEqual([])
  wechat.tap(page.querySelector('.export-share'), '发送到聊天')
  await waitOn(wechat, () => wechat.shared.length > 0 || wechat.violations.length > 0, 'the file in the chat')
  expect(wechat.violations).toEqual([])
  expect(wechat.shared[0].fileName).toMatch(/^audit-.*\.csv$/)
  const csv = Buffer.from(wechat.shared[0].bytes!).toString('utf8')
  expect(csv).toContain('变更（原 → 新）')
  expect(csv).toContain('makeupEnabled: true → false')
  expect(
    csv
      .split('\r\n')
      .filter(Boolean)
      .slice(1)
      .every((l) => l.includes(`,${target.employeeNo},`)),
  ).toBe(true)
  expect(wechat.clipboard).toEqual([])
}, 180_000)
