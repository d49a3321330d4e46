// The 请假与出差 page of the weapp build, fed by a mocked admin function: a leave sheet picked from a WeChat chat is
// uploaded under the company's admin folder and imported; the page reports the rows written and each refused row.
import { bootApp, renderPage, textOf, waitFor, type CloudCall } from './harness'

function answer({ name, data }: CloudCall) {
  if (name !== 'admin') return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
  switch (data.action) {
    case 'members':
      return { ok: true, data: { items: [], next: null } }
    case 'me':
      return {
        ok: true,
        data: { company: { id: 'c1', name: '测试科技', inviteCode: 'JOIN2026' }, isHr: true },
      }
    case 'importLeaves':
      return {
        ok: true,
        data: {
          total: 3,
          recorded: 1,
          days: 2,
          errors: [
            { line: 3, employeeNo: 'X404', code: 'IMPORT_ROW_UNKNOWN_MEMBER', field: 'employeeNo' },
            { line: 4, employeeNo: 'E2', code: 'LEAVE_RANGE_INVALID', field: 'to' },
          ],
        },
      }
  }
  return { ok: false, code: 'INTERNAL', message: 'unexpected action', next: '' }
}

test('leave: import a sheet from a chat, with the rows written and each refused row', async () => {
  const g = global as any
  g.wx = g.wx ?? {}
  g.wx.chooseMessageFile = (opts: { success?: (r: unknown) => void }) => {
    const res = {
      tempFiles: [{ path: 'wxfile://tmp/leave.csv', name: '请假.csv', size: 512, type: 'file' }],
    }
    opts.success?.(res)
    return Promise.resolve(res)
  }
  const booted = bootApp(answer)
  const page = renderPage('admin/leave/index')
  await waitFor(() => page.querySelector('.leave-import'), 'the import card')
  expect(textOf(page)).toContain('只记录类型与日期')

  page.querySelector('.leave-import').dispatchEvent('tap')
  await waitFor(() => page.querySelector('.leave-import-result'), 'the import result')
  expect(booted.uploads[0].cloudPath).toMatch(/^companies\/c1\/admin\/[A-Za-z0-9_-]+\.csv$/)
  expect(booted.calls.find((c) => c.data.action === 'importLeaves')?.data.fileID).toBe(
    `cloud://env-test.bucket/${booted.uploads[0].cloudPath}`,
  )
  expect(textOf(page)).toContain('共 3 行，登记 1 行（2 天），有误 2')
  expect(textOf(page)).toContain('第 3 行（X404）：找不到该工号的在职员工（工号）')
  expect(textOf(page)).toContain('第 4 行（E2）：日期范围不正确（结束日期）')
}, 30_000)
