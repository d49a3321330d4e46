// The make-up page of the weapp build: a PDF test report picked from a WeChat chat is uploaded and attached, and
// the unsent form is kept in the device's storage until it is sent.
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
    return { ok: true, data: { member, today: '2026-11-28', checkedInToday: true } }
  }
  if (name === 'makeup' && data.action === 'slots') {
    return {
      ok: true,
      data: {
        today: '2026-11-28',
        slots: [{ day: '2026-11-27', deadline: '2026-11-30T23:59:59+08:00' }],
        blocked: [],
        quota: [{ cycle: '2026-11', cap: 3, used: 0, remaining: 3 }],
        // the policy accepts test reports as PDF
        attachments: { rule: 'either', maxCount: 3, maxBytes: 5 * 1024 * 1024, types: ['jpg', 'png', 'pdf'] },
      },
    }
  }
  if (name === 'makeup' && data.action === 'submit') {
    return {
      ok: true,
      data: { id: 'r-2', status: 'pending', submittedAt: '2026-11-28T02:00:00.000Z', ...data },
    }
  }
  return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
}

test('a PDF from a chat is uploaded under the member folder and sent as a test report', async () => {
  const g = global as any
  // the chat-file picker answers with one PDF (taro.js copies wx's APIs when it loads: define it first)
  g.wx = g.wx ?? {}
  g.wx.chooseMessageFile = (opts: { success?: (r: unknown) => void }) => {
    const res = {
      tempFiles: [{ path: 'wxfile://tmp/report.pdf', size: 30720, name: '核酸检测报告.pdf', type: 'file' }],
    }
    opts.success?.(res)
    return Promise.resolve(res)
  }
  const booted = bootApp(answer)
  const page = renderPage('employee/makeup/index')
  await waitFor(() => page.querySelector('.pick-pdf'), 'the PDF picker')

  page.querySelector('.pick-pdf').dispatchEvent('tap')
  await waitFor(() => textOf(page).includes('核酸检测报告.pdf'), 'the picked PDF')
  expect(booted.uploads).toEqual([
    {
      filePath: 'wxfile://tmp/report.pdf',
      cloudPath: expect.stringMatching(/^companies\/c-demo\/members\/m-01\/[\w-]+\.pdf$/),
    },
  ])

  page.querySelector('.temperature-input').dispatchEvent('input', { detail: { value: '36.5' } })
  page
    .querySelector('.reason-input .nut-textarea-textarea')
    .dispatchEvent('input', { detail: { value: '出差' } })
  await settle()
  // kept on the device while unsent (WeChat may close the page), with the client request id it will be sent with
  const saved = g.wx.getStorageSync('makeup-draft')
  expect(saved).toMatchObject({ day: '2026-11-27', reason: '出差', pdfs: [{ name: '核酸检测报告.pdf' }] })
  page.querySelector('.submit-makeup').dispatchEvent('tap')
  await waitFor(() => textOf(page).includes('补卡申请已提交'), 'the submitted state')
  expect(g.wx.getStorageSync('makeup-draft')).toBe('')

  const submit = booted.calls.find((c) => c.data.action === 'submit')
  expect(submit?.data.attachments).toEqual([`cloud://env-test.bucket/${booted.uploads[0].cloudPath}`])
  expect(submit?.data.attachmentKind).toBe('testReport')
  expect(submit?.data.clientRequestId).toBe(saved.clientRequestId)
}, 30000)
