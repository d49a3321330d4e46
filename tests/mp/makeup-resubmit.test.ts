// The make-up page of the weapp build opened to correct a returned request: prefilled, resubmitted in place.
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

const returned = {
  id: 'r-9',
  day: '2026-11-25',
  status: 'returned',
  report: { status: 'well', temperature: 36.2, region: '杭州市', healthCode: 'green' },
  reason: '忘记打卡',
  attachments: ['cloud://env-test.bucket/companies/c-demo/members/m-01/old.jpg'],
  attachmentKind: 'healthCode',
  submittedAt: '2026-11-26T02:00:00.000Z',
  decisionNote: '请补充当天的行程说明',
  timeline: [],
  previews: [],
}

function answer({ name, data }: CloudCall) {
  if (name === 'checkin' && data.action === 'me') {
    return { ok: true, data: { member, today: '2026-11-28', checkedInToday: true } }
  }
  if (name === 'makeup' && data.action === 'slots') {
    return { ok: true, data: { today: '2026-11-28', slots: [], blocked: [], quota: [] } }
  }
  if (name === 'makeup' && data.action === 'detail') return { ok: true, data: returned }
  if (name === 'makeup' && data.action === 'resubmit') {
    return { ok: true, data: { ...returned, ...data, status: 'pending' } }
  }
  return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
}

test('resubmitting a returned request keeps its day and attachments and sends the corrected reason', async () => {
  const booted = bootApp(answer)
  const page = renderPage('employee/makeup/index', { resubmit: 'r-9' })

  await waitFor(() => textOf(page).includes('退回原因：请补充当天的行程说明'), 'the returned request')
  expect(textOf(page)).toContain('11月25日 周三')
  expect(textOf(page)).toContain('已保留原附件 1 个')

  page
    .querySelector('.reason-input .nut-textarea-textarea')
    .dispatchEvent('input', { detail: { value: '忘记打卡，当天在杭州出差' } })
  await settle()
  page.querySelector('.submit-makeup').dispatchEvent('tap')

  await waitFor(() => textOf(page).includes('已重新提交'), 'the resubmitted state')
  const resubmit = booted.calls.find((c) => c.data.action === 'resubmit')
  expect(resubmit).toEqual({
    name: 'makeup',
    data: {
      action: 'resubmit',
      id: 'r-9',
      report: returned.report,
      reason: '忘记打卡，当天在杭州出差',
      attachments: returned.attachments,
      attachmentKind: 'healthCode',
      clientVersion: '0.1.0',
    },
  })
  expect(booted.calls.some((c) => c.data.action === 'submit')).toBe(false)
}, 30000)
