// The home page of the weapp build: today's check-in typed in and submitted through wx.cloud.
import { bootApp, renderPage, settle, textOf, waitFor, type CloudCall } from './harness'

const member = {
  memberId: 'm-01',
  name: '张三',
  companyId: 'c-demo',
  companyName: '示例科技',
  dept: '研发部',
  region: '上海市',
  roles: ['employee'],
  joinedOn: '2026-01-05',
  makeupEnabled: true,
}

function answer({ name, data }: CloudCall) {
  if (name === 'checkin' && data.action === 'me') {
    return { ok: true, data: { member, today: '2026-11-28', checkedInToday: false } }
  }
  if (name === 'checkin' && data.action === 'submit') {
    return data.report.temperature > 42
      ? {
          ok: false,
          code: 'TEMPERATURE_OUT_OF_RANGE',
          message: '体温数值不在合理范围内（35.0–42.0 ℃）',
          next: '请重新测量后填写',
        }
      : { ok: true, data: { day: '2026-11-28', duplicate: false } }
  }
  return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
}

test('home page: check in today, then see the checked-in state', async () => {
  const booted = bootApp(answer)
  const page = renderPage('pages/index/index')

  await waitFor(() => page.querySelector('.temperature-input'), 'the check-in form')
  expect(textOf(page)).toContain('今天还没有打卡')
  expect(textOf(page)).toContain('示例科技')

  // a refused submit shows the catalogue's message and next step, and keeps the form
  page.querySelector('.temperature-input').dispatchEvent('input', { detail: { value: '43.5' } })
  page.querySelector('.region-input').dispatchEvent('input', { detail: { value: '杭州市西湖区' } })
  await settle()
  page.querySelector('.submit-checkin').dispatchEvent('tap')
  await waitFor(() => textOf(page).includes('体温数值不在合理范围内'), 'the refusal')
  expect(textOf(page)).toContain('请重新测量后填写')

  page.querySelector('.temperature-input').dispatchEvent('input', { detail: { value: '36.6' } })
  await settle() // React re-renders before a person can tap
  page.querySelector('.submit-checkin').dispatchEvent('tap')

  await waitFor(() => textOf(page).includes('今日已打卡'), 'the checked-in state')
  const submits = booted.calls.filter((c) => c.data.action === 'submit')
  expect(submits).toHaveLength(2)
  const submit = submits[1]
  expect(submit).toEqual({
    name: 'checkin',
    data: {
      action: 'submit',
      report: { status: 'well', temperature: 36.6, region: '杭州市西湖区', healthCode: 'green' },
      clientRequestId: expect.any(String),
    },
  })
  expect(page.querySelector('.temperature-input')).toBeFalsy()
  expect(textOf(page)).not.toContain('体温数值不在合理范围内')
}, 30000)
