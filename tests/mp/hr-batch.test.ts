// Journey on the weapp build: HR enters an outage's day for two members of 研发部 at once. The page lists members by
// department and recent days; the preview and the confirmed run answer per item (林晓 never bound, so never
// consented: refused with the catalogued reason), and the run answers what the preview said.
import { renderPage, settle, textOf, waitOn } from './wechat/boot'
import { HR, phoneOf, startRealEmulator, type RealEmulator } from './wechat/journey'

let emulator: RealEmulator
beforeAll(async () => {
  emulator = await startRealEmulator()
}, 180_000)
afterAll(() => emulator?.stop())

const byText = (page: any, selector: string, text: string) =>
  page.querySelectorAll(selector).find((el: any) => textOf(el).trim() === text)

test('HR previews and confirms a batch on the phone; each item says what happened', async () => {
  const { wechat } = await phoneOf(emulator, HR)
  const page = renderPage('hr/batch/index')
  await waitOn(wechat, () => byText(page, '.batch-dept', '研发部'), 'the departments')
  wechat.tap(byText(page, '.batch-dept', '研发部'), '研发部')
  await waitOn(wechat, () => byText(page, '.batch-member', '马超'), 'the members of 研发部')
  wechat.tap(byText(page, '.batch-member', '马超'), '马超')
  await settle()
  wechat.tap(byText(page, '.batch-member', '林晓'), '林晓')
  await waitOn(wechat, () => page.querySelector('.batch-day'), 'the recent days')
  wechat.tap(page.querySelector('.batch-day'), 'yesterday')
  await waitOn(wechat, () => textOf(page).includes('共 2 条'), 'two items')
  page.querySelector('.temperature-input').dispatchEvent('input', { detail: { value: '36.5' } })
  page.querySelector('.region-input').dispatchEvent('input', { detail: { value: '北京' } })
  page.querySelector('.batch-note').dispatchEvent('input', { detail: { value: '系统故障期间电话报备' } })
  await settle()

  wechat.tap(page.querySelector('.batch-preview'), '预览')
  await waitOn(wechat, () => page.querySelector('.batch-preview-list'), 'the preview')
  const preview = textOf(page.querySelector('.batch-preview-list'))
  expect(preview).toContain('林晓')
  expect(preview).toContain('尚未同意')
  const previewed = page.querySelectorAll('.batch-item').map((el: any) => textOf(el))
  expect(previewed).toHaveLength(2)

  await settle()
  wechat.tap(page.querySelector('.batch-confirm'), '确认登记')
  await waitOn(wechat, () => page.querySelector('.batch-result'), 'the result').catch((e) => {
    throw new Error(`${e.message}; the page reads: ${textOf(page).slice(-300)}`)
  })
  const results = page.querySelectorAll('.batch-item').map((el: any) => textOf(el))
  // 马超's item is entered (or refused, when the day already has a record) exactly as previewed
  expect(results).toEqual(previewed)
  expect(wechat.violations).toEqual([])
}, 180_000)
