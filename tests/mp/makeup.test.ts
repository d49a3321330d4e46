// The make-up page of the weapp build (employee subpackage): pick a day, fill in, attach a photo, submit.
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
  slots: [
    { day: '2026-11-27', deadline: '2026-11-30T23:59:59+08:00' },
    { day: '2026-11-26', deadline: '2026-11-29T23:59:59+08:00' },
  ],
  blocked: [{ day: '2026-11-20', code: 'MAKEUP_WINDOW_PASSED' }],
  quota: [{ cycle: '2026-11', cap: 3, used: 1, remaining: 2 }],
}

function answer({ name, data }: CloudCall) {
  if (name === 'checkin' && data.action === 'me') {
    return { ok: true, data: { member, today: '2026-11-28', checkedInToday: true } }
  }
  if (name === 'makeup' && data.action === 'slots') return { ok: true, data: slots }
  if (name === 'makeup' && data.action === 'submit') {
    const { day, report, reason, attachments } = data
    return {
      ok: true,
      data: {
        id: 'r-1',
        day,
        status: 'pending',
        report,
        reason,
        attachments,
        submittedAt: '2026-11-28T02:00:00.000Z',
      },
    }
  }
  return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
}

test('make-up page: slots, quota and blocked reasons shown; submit sends the day, report and photo', async () => {
  const booted = bootApp(answer)
  const page = renderPage('employee/makeup/index')

  await waitFor(() => page.querySelector('.submit-makeup'), 'the make-up form')
  const text = textOf(page)
  expect(text).toContain('11月27日 周五')
  expect(text).toContain('截止 11月30日 23:59')
  expect(text).toContain('剩余 2 / 3 次')
  expect(text).toContain('11月20日')
  expect(text).toMatch(/超过|超时|已过/) // MAKEUP_WINDOW_PASSED's catalogue message

  page.querySelectorAll('.slot')[1].dispatchEvent('tap')
  page.querySelector('.temperature-input').dispatchEvent('input', { detail: { value: '36.4' } })
  page
    .querySelector('.reason-input .nut-textarea-textarea')
    .dispatchEvent('input', { detail: { value: '当天网络故障' } })
  page.querySelector('.reason-kinds').dispatchEvent('change', { detail: { value: 'network' } })
  page.querySelector('.nut-uploader-input').dispatchEvent('tap')
  await waitFor(() => booted.uploads.length === 1, 'the photo upload')
  await settle()
  page.querySelector('.submit-makeup').dispatchEvent('tap')

  await waitFor(() => textOf(page).includes('补卡申请已提交'), 'the submitted state')
  expect(textOf(page)).toContain('待审核')
  const upload = booted.uploads[0]
  expect(upload.filePath).toBe('wxfile://tmp/health-code.jpg')
  expect(upload.cloudPath).toMatch(/^companies\/c-demo\/members\/m-01\/[\w-]+\.jpg$/)
  const submit = booted.calls.find((c) => c.name === 'makeup' && c.data.action === 'submit')
  expect(submit?.data).toEqual({
    action: 'submit',
    day: '2026-11-26',
    report: { status: 'well', temperature: 36.4, region: '上海市', healthCode: 'green' },
    reason: '当天网络故障',
    reasonKind: 'network',
    attachments: [`cloud://env-test.bucket/${upload.cloudPath}`],
    attachmentKind: 'healthCode',
    clientRequestId: expect.any(String),
    clientVersion: '0.1.0',
  })
}, 30000)
