// Subscribe messages in the browser: the reviewer's approve tap accepts the (H5-emulated) subscribe prompt and tops
// up their ledger; the employee, who accepted "decided" notices earlier, gets the decision as a WeChat message whose
// fields fit their template types; the emulator's console shows it rendered with its template.
import { localDay } from '@core/calendar'
import { HR_OPENID } from '@database/seed'
import { openPhone, type Phone } from './support/browser'
import { emulatorNow } from './support/now'
import { actAs, arrangePending, control, missedDay, type Member } from './support/demo'

let phone: Phone
const url = () => process.env.E2E_URL as string

beforeAll(async () => {
  phone = await openPhone()
})
afterAll(async () => {
  await phone?.close()
})
// a JavaScript error in the app fails the test that caused it
afterEach(() => phone?.check())

const DECIDED = 'tmpl-makeup-decided'

/** what a user's tap on "allow" in WeChat's prompt amounts to, then the app reporting it (as src/cloud does) */
async function acceptNotices(openid: string, templateIds: string[]) {
  const post = (path: string, body: object) =>
    fetch(`${url()}/gateway${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify(body),
    }).then((r) => r.json())
  await post('/subscribe', { tmplIds: templateIds, decision: 'accept' })
  const res = await post('/functions/notify', { data: { action: 'subscribed', templateIds } })
  expect(res.result.ok).toBe(true)
}

test('approving sends the employee a fitted decision message; the reviewer’s tap tops up their notices', async () => {
  const { page } = phone
  await page.goto(`${url()}/app/`)
  const data = await control('/export')
  const members: Member[] = data.collections.members
  const employee = members.find((m) => m.openid === 'o-emp-09')!
  const hr = members.find((m) => m.openid === HR_OPENID)!
  const day = missedDay(localDay(emulatorNow()))
  const id = await arrangePending(employee, day, [], new Date(emulatorNow().getTime() - 600_000))
  await acceptNotices(employee.openid!, [DECIDED])
  const sentBefore = (await control('/outbox')).length

  await actAs(page, HR_OPENID, `hr/detail/index?id=${id}&hr=1`)
  await page.locator('.approve-button').tap()
  await page.locator('.detail-status', { hasText: '已通过' }).waitFor()

  // the approve tap asked the reviewer to subscribe; the acceptance landed in the database ledger
  const ledger = (await control('/export')).collections.subscriptions as {
    memberId: string
    remaining: number
  }[]
  expect(ledger.filter((s) => s.memberId === hr._id && s.remaining > 0).length).toBeGreaterThan(0)

  // the notify function's timer sends the outbox
  await control('/triggers/notify/fire', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
  const sent = (
    (await control('/outbox')) as {
      touser: string
      templateId: string
      data: Record<string, { value: string }>
    }[]
  )
    .slice(sentBefore)
    .filter((m) => m.touser === employee.openid && m.templateId === DECIDED)
  expect(sent).toHaveLength(1)
  const fields = sent[0].data
  expect(fields.date1.value).toMatch(/^\d{4}-\d{2}-\d{2}$|^\d{4}年\d{1,2}月\d{1,2}日$/)
  expect(fields.phrase2.value).toBe('已通过')
  expect([...fields.thing3.value].length).toBeLessThanOrEqual(20)
  expect([...fields.name4.value].length).toBeLessThanOrEqual(10)
  expect(fields.name4.value).toBe(hr.name)

  // the console renders each sent message with its template
  await page.goto(`${url()}/#outbox`)
  await page.locator('.msg', { hasText: '补卡审核结果通知' }).first().waitFor()
  await phone.shot('notify-01-console-outbox')
})
