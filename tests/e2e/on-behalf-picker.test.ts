// HR enters a day on behalf of a member without starting from a request: from the review queue, 代为登记 opens the
// records page, HR picks the member and the day, fills in the report as told by phone and sends it to
// review.onBehalf (recorded, or refused with the catalogued reason when the day already has a record). HR also reads
// a day's record with its correction history, read-only.
import { HR_OPENID } from '@database/seed'
import { actAs, control, fn } from './support/demo'
import { afterNavigation, openPhone, type Phone, confirmPicker } from './support/browser'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(() => phone?.close())

it('HR picks a member and a day on the records page and sends the day reported by phone', async () => {
  const { page } = phone
  // the member the picker offers first (the list is sorted by department, then name), with today left open
  const { items } = await fn<{ items: { id: string; name: string }[] }>(
    'admin',
    { action: 'members' },
    HR_OPENID,
  )
  const first = items[0]
  const { today } = await fn<{ today: string }>('checkin', { action: 'me' }, HR_OPENID)
  await control(`/collections/checkins/${first.id}_${today}`, { method: 'DELETE' }).catch(() => undefined)

  await page.goto(`${url()}/app/`)
  await actAs(page, HR_OPENID, 'hr/index')
  await page.locator('.on-behalf-link').tap()
  await afterNavigation(page)
  await page.getByText('请先选择员工').waitFor()

  await page.locator('.record-member').tap()
  await confirmPicker(page)
  await page.getByText(`${first.name} 的打卡记录`).waitFor()
  await page.locator('.record-day').tap()
  await confirmPicker(page)
  await page.waitForFunction(() => !document.querySelector('.record-day')?.textContent?.includes('选择日期'))

  await page.locator('.member-records .temperature-input input').fill('36.5')
  await page.locator('.member-records .region-input input').fill('北京')
  await page.locator('.waive-charge').tap()
  await page.locator('.record-note textarea').fill('员工电话报备，当天因网络故障未能打卡')
  await page.locator('.on-behalf-button').tap()
  // the picked member and day reached review.onBehalf: the entry, or the function's catalogued refusal for that day
  // (a day that already has a record is refused: HR corrects it instead)
  await page.locator('.record-result, .member-records .refusal').first().waitFor()
  const refusal = page.locator('.member-records .refusal')
  if (await refusal.count()) expect(await refusal.getAttribute('data-code')).toBe('DAY_ALREADY_CHECKED')
  else expect(await page.locator('.record-result').innerText()).toContain('HR 代为登记（电话报备）')
  await phone.shot('hr-on-behalf-picker')
})

it('HR opens a member’s day and reads the record with its correction history', async () => {
  const { page } = phone
  const members: { _id: string; name: string; openid: string | null }[] = (await control('/export'))
    .collections.members
  const member = members.find((m) => m.openid === 'o-emp-12')!
  const { today } = await fn<{ today: string }>('checkin', { action: 'me' }, HR_OPENID)
  await control(`/collections/checkins/${member._id}_${today}`, { method: 'DELETE' }).catch(() => undefined)
  const report = { status: 'well', temperature: 36.6, region: '北京', healthCode: 'green' }
  await fn('checkin', { action: 'submit', report, clientRequestId: `e2e-history-${today}` }, member.openid!)
  await fn(
    'review',
    {
      action: 'correct',
      memberId: member._id,
      day: today,
      report: { ...report, temperature: 36.9 },
      note: '员工来电说明体温录错',
    },
    HR_OPENID,
  )

  await actAs(
    page,
    HR_OPENID,
    `hr/member/index?memberId=${member._id}&name=${encodeURIComponent(member.name)}`,
  )
  await page.getByText(`${member.name} 的打卡记录`).waitFor()
  await page.locator('.record-day').tap()
  await confirmPicker(page)
  await page.locator('.record-result .correction', { hasText: '员工来电说明体温录错' }).waitFor()
  expect(await page.locator('.record-result .correction').innerText()).toMatch(/36\.6.*→.*36\.9/)
  await phone.shot('hr-record-history')
})
