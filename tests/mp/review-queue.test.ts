// The HR review queue of the weapp build, fed by a mocked review function: badge, items oldest first, a filter
// call, and a bulk approve of the selected request.
import { bootApp, renderPage, settle, textOf, waitFor, type CloudCall } from './harness'

const report = { status: 'well', temperature: 36.5, region: '北京', healthCode: 'green' }
const item = (id: string, name: string, day: string, attachments: string[] = []) => ({
  id,
  day,
  status: 'pending',
  report,
  reason: '当天忘记打卡',
  attachments,
  submittedAt: `${day}T12:30:00.000+08:00`,
  charged: true,
  member: { id: `m-${id}`, name, dept: '研发部', employeeNo: `E${id}` },
})

const page1 = {
  items: [item('r1', '张伟', '2026-11-23', ['cloud://env/a.png']), item('r2', '王芳', '2026-11-24')],
  next: null,
  pendingCount: 2,
  scope: ['研发部'],
}

function answer({ name, data }: CloudCall) {
  if (name === 'review' && data.action === 'queue') {
    return { ok: true, data: data.hasAttachments ? { ...page1, items: [page1.items[0]] } : page1 }
  }
  if (name === 'review' && data.action === 'bulkApprove') {
    return { ok: true, data: { results: data.ids.map((id: string) => ({ id, ok: true })) } }
  }
  return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
}

test('review queue: badge, items, attachment filter and bulk approve', async () => {
  const booted = bootApp(answer)
  const page = renderPage('hr/index')

  await waitFor(() => page.querySelectorAll('.queue-item').length === 2, 'two queue items')
  expect(page.querySelector('.pending-count').dom.textContent).toBe('2')
  expect(textOf(page)).toContain('张伟 · 研发部')
  expect(textOf(page)).toContain('11月23日 周一')
  expect(textOf(page)).toContain('附件 1 个')
  expect(booted.calls[0]).toEqual({ name: 'review', data: { action: 'queue', status: 'pending' } })

  page.querySelector('.attachments-filter').dispatchEvent('tap')
  await waitFor(() => page.querySelectorAll('.queue-item').length === 1, 'the filtered list')
  expect(booted.calls.at(-1)?.data).toEqual({ action: 'queue', status: 'pending', hasAttachments: true })

  page.querySelector('.select-item').dispatchEvent('tap')
  await settle()
  await waitFor(() => page.querySelector('.bulk-approve'), 'the bulk approve bar')
  expect(textOf(page)).toContain('批量通过（1）')
  page.querySelector('.bulk-approve').dispatchEvent('tap')
  await waitFor(() => textOf(page).includes('已通过 1 条'), 'the bulk result')
  expect(booted.calls.find((c) => c.data.action === 'bulkApprove')?.data).toEqual({
    action: 'bulkApprove',
    ids: ['r1'],
  })
}, 30_000)
