// HR's monthly report page of the weapp build, fed by mocked functions: the rows with each member's numbers, the
// department filter, and a CSV export run to its end (started, continued, downloaded, then sent to a chat).
import { bootApp, renderPage, textOf, waitFor, type CloudCall } from './harness'

const summary = (checked: number, missed: number, onLeave: number) => ({
  month: '2026-11',
  checked,
  madeUp: 1,
  missed,
  onLeave,
  leave: onLeave,
  trip: 0,
  exempt: 0,
  pending: 0,
  open: 0,
  makeupsUsed: 1,
})
const row = (id: string, name: string, dept: string, s: ReturnType<typeof summary>) => ({
  member: { id, name, dept, employeeNo: id.toUpperCase() },
  summary: s,
})
const job = (status: string, rows: number) => ({
  jobId: 'j1',
  kind: 'monthly',
  format: 'csv',
  from: '2026-11-01',
  to: '2026-11-30',
  status,
  rows,
  total: 2,
  ...(status === 'done'
    ? { fileID: 'cloud://env-test.bucket/exports/c1/j1/monthly.csv', url: 'https://tmp.example/monthly.csv' }
    : {}),
})

function answer({ name, data }: CloudCall) {
  if (name === 'admin' && data.action === 'departments')
    return {
      ok: true,
      data: {
        tree: [
          { name: '研发部', parent: null, makeupEnabled: true, children: [] },
          { name: '市场部', parent: null, makeupEnabled: true, children: [] },
        ],
      },
    }
  if (name !== 'review') return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
  switch (data.action) {
    case 'monthly':
      return {
        ok: true,
        data: {
          month: data.month,
          items:
            data.dept === '市场部'
              ? [row('m2', '王芳', '市场部', summary(12, 4, 2))]
              : [
                  row('m1', '张伟', '研发部', summary(15, 2, 3)),
                  row('m2', '王芳', '市场部', summary(12, 4, 2)),
                ],
          next: null,
        },
      }
    case 'export':
      return { ok: true, data: job('running', 1) }
    case 'exportContinue':
      return { ok: true, data: job('done', 2) }
  }
  return { ok: false, code: 'INTERNAL', message: 'unexpected action', next: '' }
}

test('monthly report: rows with their numbers, the department filter, a CSV export to the end', async () => {
  const g = global as any
  g.wx = g.wx ?? {}
  const downloads: string[] = []
  g.wx.downloadFile = (opts: { url: string; success?: (r: unknown) => void }) => {
    downloads.push(opts.url)
    const res = { statusCode: 200, tempFilePath: 'wxfile://tmp/monthly.csv' }
    opts.success?.(res)
    return Promise.resolve(res)
  }
  const shared: { filePath: string; fileName: string }[] = []
  g.wx.shareFileMessage = (opts: { filePath: string; fileName: string; success?: (r: unknown) => void }) => {
    shared.push({ filePath: opts.filePath, fileName: opts.fileName })
    opts.success?.({ errMsg: 'shareFileMessage:ok' })
  }
  g.wx.showToast = () => undefined
  const booted = bootApp(answer)
  const page = renderPage('hr/monthly/index')

  await waitFor(() => page.querySelectorAll('.monthly-row').length === 2, 'two rows')
  const first = page.querySelector('.monthly-row')
  expect(textOf(first)).toContain('张伟')
  expect(textOf(page.querySelectorAll('.monthly-checked')[0])).toBe('15')
  expect(textOf(page.querySelectorAll('.monthly-missed')[0])).toBe('2')
  expect(textOf(page.querySelectorAll('.monthly-onLeave')[0])).toBe('3')
  expect(textOf(page.querySelectorAll('.monthly-makeupsUsed')[0])).toBe('1')

  await waitFor(() => page.querySelectorAll('.monthly-dept').length === 3, 'the departments')
  page.querySelectorAll('.monthly-dept')[2].dispatchEvent('tap')
  await waitFor(() => page.querySelectorAll('.monthly-row').length === 1, 'the 市场部 row only')
  expect(booted.calls.filter((c) => c.data.action === 'monthly').pop()?.data).toMatchObject({
    month: expect.stringMatching(/^\d{4}-\d{2}$/),
    dept: '市场部',
  })

  page.querySelector('.export-start').dispatchEvent('tap')
  await waitFor(() => textOf(page).includes('已导出 2 行'), 'the finished export')
  const started = booted.calls.find((c) => c.data.action === 'export')
  expect(started?.data).toMatchObject({ kind: 'monthly', format: 'csv', dept: '市场部' })
  expect(started?.data.from).toMatch(/^\d{4}-\d{2}-01$/)
  page.querySelector('.export-link').dispatchEvent('tap')
  await waitFor(() => page.querySelector('.export-share'), 'the file on the phone')
  expect(downloads).toEqual(['https://tmp.example/monthly.csv'])
  page.querySelector('.export-share').dispatchEvent('tap')
  await waitFor(() => shared.length === 1, 'the file in the chat')
  expect(shared[0]).toEqual({
    filePath: 'wxfile://tmp/monthly.csv',
    fileName: expect.stringMatching(/^月度报表-\d{4}-\d{2}\.csv$/),
  })
}, 30_000)
