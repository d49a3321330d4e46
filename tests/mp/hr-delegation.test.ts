// On the weapp build against the real functions: a reviewer reaches 代审设置 from the review queue and hands their
// scope to a colleague for today, then ends it.
import { renderPage, settle, textOf, topPage, waitOn } from './wechat/boot'
import { phoneOf, REVIEWER, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

test('代审设置: from the queue, a colleague and today, then ended', async () => {
  const { wechat, cloud } = await phoneOf(emulator, REVIEWER)
  const me: any = await cloud.callAs(REVIEWER, 'checkin', { action: 'me' })
  const today: string = me.data.today

  const queue = renderPage('hr/index')
  await waitOn(wechat, () => queue.querySelector('.delegate-link'), 'the review queue')
  wechat.tap(queue.querySelector('.delegate-link'), '代审设置')
  const page = await topPage(wechat, 'hr/delegate/index')
  await waitOn(wechat, () => page.querySelector('.delegate-to-picker'), 'the delegation form')
  page.querySelector('.delegate-to-picker').dispatchEvent('change', { detail: { value: 0 } })
  page.querySelector('.delegate-start-picker').dispatchEvent('change', { detail: { value: today } })
  page.querySelector('.delegate-until-picker').dispatchEvent('change', { detail: { value: today } })
  await settle()
  wechat.tap(page.querySelector('.save-delegation'), '确认代审')
  await waitOn(wechat, () => textOf(page).includes('代为审核'), 'the hand-over shown')
  expect(textOf(page)).toContain('王磊（市场部）')

  wechat.tap(page.querySelector('.end-delegation'), '结束代审')
  await waitOn(wechat, () => textOf(page).includes('未设置：您的审核由您本人处理'), 'the hand-over ended')
  expect(wechat.violations).toEqual([])
}, 180_000)
