// The new-ticket page of the weapp build (employee subpackage): choose a category, describe, attach a screenshot,
// submit; the call carries exactly that, with the screenshot's fileID under the member's own folder.
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

const earlier = {
  id: 'm-01_old-ticket-1',
  category: 'overdue',
  text: '上周的补卡超时了',
  status: 'answered',
  memberName: '张三',
  createdAt: '2026-11-20T10:00:00+08:00',
  updatedAt: '2026-11-21T09:00:00+08:00',
  replyCount: 1,
}

function answer({ name, data }: CloudCall) {
  if (name === 'checkin' && data.action === 'me')
    return { ok: true, data: { member, today: '2026-11-28', checkedInToday: true } }
  if (name === 'help' && data.action === 'mine') return { ok: true, data: [earlier] }
  if (name === 'help' && data.action === 'open') {
    const { category, text } = data
    return {
      ok: true,
      data: {
        id: `m-01_${data.clientRequestId}`,
        category,
        text,
        status: 'open',
        memberName: '张三',
        createdAt: '2026-11-28T10:00:00+08:00',
        updatedAt: '2026-11-28T10:00:00+08:00',
        replyCount: 0,
      },
    }
  }
  return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
}

test('new ticket: category, text and screenshot go out in one help.open call; the list shows it', async () => {
  const booted = bootApp(answer)
  const page = renderPage('employee/tickets/index')

  await waitFor(() => textOf(page).includes('上周的补卡超时了'), 'my earlier ticket')
  expect(textOf(page)).toContain('已回复')

  // nothing goes out without a category
  page.querySelector('.submit-ticket').dispatchEvent('tap')
  await waitFor(() => textOf(page).includes('请选择问题类型'), 'the category hint')
  expect(booted.calls.some((c) => c.data.action === 'open')).toBe(false)

  page.querySelector('.ticket-category').dispatchEvent('change', { detail: { value: 3 } }) // 网络故障
  page
    .querySelector('.ticket-text .nut-textarea-textarea')
    .dispatchEvent('input', { detail: { value: '提交补卡时一直转圈' } })
  page.querySelector('.nut-uploader-input').dispatchEvent('tap')
  await waitFor(() => booted.uploads.length === 1, 'the screenshot upload')
  await settle()
  expect(textOf(page)).toContain('网络故障')
  page.querySelector('.submit-ticket').dispatchEvent('tap')

  await waitFor(() => textOf(page).includes('工单已提交'), 'the submitted state')
  const upload = booted.uploads[0]
  expect(upload.cloudPath).toMatch(/^companies\/c-demo\/members\/m-01\/[\w-]+\.jpg$/)
  const opens = booted.calls.filter((c) => c.name === 'help' && c.data.action === 'open')
  expect(opens).toHaveLength(1)
  expect(opens[0].data).toEqual({
    action: 'open',
    category: 'network',
    text: '提交补卡时一直转圈',
    screenshots: [`cloud://env-test.bucket/${upload.cloudPath}`],
    clientRequestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
  })
  expect(page.querySelectorAll('.ticket')).toHaveLength(2)
  expect(textOf(page)).toContain('待回复')
}, 30000)
