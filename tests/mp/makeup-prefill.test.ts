// "One-click" make-up: the form of the weapp build starts from slots.lastReport, so a submit without touching the
// health fields sends that report.
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

const slots = {
  today: '2026-11-28',
  slots: [{ day: '2026-11-27', deadline: '2026-11-30T23:59:59+08:00' }],
  blocked: [],
  quota: [{ cycle: '2026-11', cap: 3, used: 0, remaining: 3 }],
  lastReport: {
    day: '2026-11-26',
    report: { status: 'unwell', temperature: 37.1, region: '杭州市', healthCode: 'yellow' },
  },
}

function answer({ name, data }: CloudCall) {
  if (name === 'checkin' && data.action === 'me')
    return { ok: true, data: { member, today: '2026-11-28', checkedInToday: true } }
  if (name === 'makeup' && data.action === 'slots') return { ok: true, data: slots }
  if (name === 'makeup' && data.action === 'submit')
    return {
      ok: true,
      data: { id: 'r-1', ...data, status: 'pending', submittedAt: '2026-11-28T02:00:00.000Z' },
    }
  return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
}

test('make-up form prefilled from the last report: submit sends it unchanged', async () => {
  const booted = bootApp(answer)
  const page = renderPage('employee/makeup/index')

  await waitFor(() => textOf(page).includes('的记录预填'), 'the prefill note')
  expect(textOf(page)).toContain('11月26日')
  page
    .querySelector('.reason-input .nut-textarea-textarea')
    .dispatchEvent('input', { detail: { value: '当天忘记打卡' } })
  await settle()
  page.querySelector('.submit-makeup').dispatchEvent('tap')

  await waitFor(() => booted.calls.some((c) => c.data.action === 'submit'), 'the submit call')
  const submit = booted.calls.find((c) => c.name === 'makeup' && c.data.action === 'submit')
  expect(submit?.data.report).toEqual({
    status: 'unwell',
    temperature: 37.1,
    region: '杭州市',
    healthCode: 'yellow',
  })
}, 30000)
