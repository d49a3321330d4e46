// The make-up page of the weapp build, opened from a daily check-in the network swallowed: the failures the app
// recorded go with the make-up of the day they happened on (Asia/Shanghai) and with no other day.
import { bootApp, renderPage, settle, textOf, waitFor, type CloudCall } from './harness'

const member = {
  memberId: 'm-01',
  name: '张三',
  companyId: 'c-demo',
  companyName: '示例科技',
  dept: '研发部',
  region: '北京市',
  roles: ['employee'],
  joinedOn: '2026-01-05',
  makeupEnabled: true,
}

function answer({ name, data }: CloudCall) {
  if (name === 'checkin' && data.action === 'me') {
    return { ok: true, data: { member, today: '2026-11-28', checkedInToday: true } }
  }
  if (name === 'makeup' && data.action === 'slots') {
    return {
      ok: true,
      data: {
        today: '2026-11-28',
        slots: [
          { day: '2026-11-26', deadline: '2026-11-30T23:59:59+08:00' },
          { day: '2026-11-27', deadline: '2026-12-01T23:59:59+08:00' },
        ],
        blocked: [],
        quota: [{ cycle: '2026-11', cap: 3, used: 0, remaining: 3 }],
        attachments: { rule: 'none', maxCount: 3, maxBytes: 5 * 1024 * 1024, types: ['jpg', 'png'] },
      },
    }
  }
  if (name === 'makeup' && data.action === 'specials') return { ok: true, data: [] }
  if (name === 'makeup' && data.action === 'submit') {
    return {
      ok: true,
      data: { id: 'r-2', status: 'pending', submittedAt: '2026-11-28T02:00:00.000Z', ...data },
    }
  }
  return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
}

// the 27th's check-in: two failures that day (Shanghai), and a retry after midnight that failed on the 28th
const onThe27th = [
  { at: '2026-11-27T01:00:00.000Z', error: 'NETWORK_FAILED' },
  { at: '2026-11-27T15:59:00.000Z', error: 'NETWORK_FAILED' },
]
const onThe28th = { at: '2026-11-27T16:01:00.000Z', error: 'NETWORK_FAILED' }

test('failures go only with the make-up of the day they happened on', async () => {
  const g = global as any
  const booted = bootApp(answer)
  g.wx.setStorageSync('checkin-draft', {
    day: '2026-11-27',
    report: { status: 'well', temperature: 36.5, region: '北京市', healthCode: 'green' },
    clientRequestId: 'checkin-1',
    failures: [...onThe27th, onThe28th],
  })
  const page = renderPage('employee/makeup/index', { day: '2026-11-27', fromDraft: '1' })
  await waitFor(() => page.querySelector('.failures'), 'the attached failures')
  // two of the 27th: the one after midnight is the 28th's
  expect(page.querySelectorAll('.failures .makeup__evidence-item')).toHaveLength(2)

  // another day chosen: nothing is attached, and the page says where the failures belong
  const [the26th, the27th] = page.querySelectorAll('.slot')
  the26th.dispatchEvent('tap')
  await waitFor(() => page.querySelector('.failures-elsewhere'), 'the note on the failures')
  expect(page.querySelector('.failures')).toBeFalsy()

  // back on the 27th: its failures go with its make-up
  the27th.dispatchEvent('tap')
  await waitFor(() => page.querySelector('.failures'), 'the failures again')
  expect(page.querySelector('.failures-elsewhere')).toBeFalsy()
  page.querySelector('.submit-makeup').dispatchEvent('tap')
  await waitFor(() => textOf(page).includes('补卡申请已提交'), 'the sent request')
  await settle()
  const submits = booted.calls.filter((c) => c.name === 'makeup' && c.data.action === 'submit')
  expect(submits).toHaveLength(1)
  expect(submits[0].data).toMatchObject({ day: '2026-11-27', failures: onThe27th })
  // the check-in draft is done with
  expect(g.wx.getStorageSync('checkin-draft')).toBe('')
}, 30000)
