// HR enters an outage's days for several members at once: from the review queue, 批量代为登记 opens the batch
// page; HR picks members of one department and two days, fills in the report given by phone, previews (a day in
// the maintenance window is not charged; a member who never consented is refused), confirms, and reads the result
// of each item; the records exist afterwards.
import { HR_OPENID } from '@database/seed'
import { afterNavigation, openPhone, type Phone } from './support/browser'
import { actAs, arrangeMissed, control, date, put, type Member } from './support/demo'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(() => phone?.close())
afterEach(() => phone?.check())

// 研发部: two bound members (consented when they bound) and 林晓, without consent (arranged below: another browser
// test binds her and agrees)
const PICKED = ['m-016', 'm-019', 'm-022']
// days no other browser test arranges; the second lay in a maintenance window
const DAYS = ['2026-11-19', '2026-11-20']

test('HR previews and enters a batch; maintenance days are free, a member without consent is refused', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  const members: Member[] = (await control('/export')).collections.members
  for (const id of PICKED)
    for (const day of DAYS)
      await arrangeMissed(
        members.find((m) => m._id === id)!,
        day,
      )
  const { healthConsent: _consent, ...withoutConsent } = members.find((m) => m._id === 'm-022') as Member & {
    healthConsent?: unknown
  }
  await put('members', withoutConsent)
  await put('maintenance', {
    _id: 'e2e-outage',
    companyId: 'c-demo',
    start: date(new Date('2026-11-20T02:00:00Z')),
    end: date(new Date('2026-11-20T06:00:00Z')),
    note: '系统故障',
  })

  await actAs(page, HR_OPENID, 'hr/index')
  await page.locator('.batch-link').tap()
  await afterNavigation(page)
  await page.locator('.batch-dept[data-dept="研发部"]').tap()
  for (const id of PICKED) await page.locator(`.batch-member[data-id="${id}"]`).tap()
  for (const day of DAYS) await page.locator(`.batch-day[data-day="${day}"]`).tap()
  await page.locator('.batch-count', { hasText: '共 6 条' }).waitFor()
  await page.locator('.batch-entry .temperature-input input').fill('36.5')
  await page.locator('.batch-entry .region-input input').fill('北京')
  await page.locator('.batch-note textarea').fill('11月20日系统故障，员工电话报备')

  await page.locator('.batch-preview').tap()
  const preview = page.locator('.batch-preview-list')
  await preview.waitFor()
  await preview.getByText('预览：4 条可登记 · 2 条不能登记').waitFor()
  const line = (list: typeof preview, id: string, day: string) =>
    list.locator(`.batch-item[data-member="${id}"][data-day="${day}"]`).innerText()
  expect(await line(preview, 'm-016', '2026-11-19')).toContain('计入补卡次数')
  expect(await line(preview, 'm-016', '2026-11-20')).toContain('不计入补卡次数')
  expect(await line(preview, 'm-022', '2026-11-19')).toContain('尚未同意')
  // nothing is written by a preview
  const before = (await control('/export')).collections.checkins.filter(
    (c: { source: string }) => c.source === 'hr',
  )
  await phone.shot('hr-batch-01-preview')

  await page.locator('.batch-confirm').tap()
  const result = page.locator('.batch-result')
  await result.waitFor()
  await result.getByText('登记结果：4 条可登记 · 2 条不能登记').waitFor()
  expect(await line(result, 'm-019', '2026-11-20')).toContain('不计入补卡次数')
  await phone.shot('hr-batch-02-result')

  const after = (await control('/export')).collections.checkins.filter(
    (c: { source: string }) => c.source === 'hr',
  )
  const entered = after
    .filter((c: { _id: string }) => !before.some((b: { _id: string }) => b._id === c._id))
    .map((c: { _id: string; onBehalf: { charged: boolean } }) => `${c._id} ${c.onBehalf.charged}`)
    .sort()
  expect(entered).toEqual([
    'm-016_2026-11-19 true',
    'm-016_2026-11-20 false',
    'm-019_2026-11-19 true',
    'm-019_2026-11-20 false',
  ])
})
