// The admin members page of the weapp build, fed by a mocked admin function: the list, then an import of a sheet
// picked from a WeChat chat — uploaded under the company's admin folder, started, continued until done — with the
// progress and each refused row shown.
import { bootApp, renderPage, textOf, waitFor, type CloudCall } from './harness'

const member = (id: string, name: string, makeupEnabled = true) => ({
  id,
  name,
  dept: '研发部',
  employeeNo: id.toUpperCase(),
  region: '北京',
  roles: ['employee'],
  joinedOn: '2026-01-05',
  makeupEnabled,
  status: 'active',
  bound: true,
})

const job = (status: string, processed: number, created: number) => ({
  id: 'imp1',
  status,
  total: 3,
  processed,
  created,
  updated: 0,
  errors: [{ line: 3, employeeNo: 'E2', code: 'IMPORT_ROW_UNKNOWN_DEPT', field: 'dept' }],
})

function answer({ name, data }: CloudCall) {
  if (name !== 'admin') return { ok: false, code: 'INTERNAL', message: 'unexpected call', next: '' }
  switch (data.action) {
    case 'departments':
      return {
        ok: true,
        data: { tree: [{ name: '研发部', parent: null, makeupEnabled: true, children: [] }] },
      }
    case 'members':
      return { ok: true, data: { items: [member('m1', '张伟'), member('m2', '王芳', false)], next: null } }
    case 'me':
      return {
        ok: true,
        data: { company: { id: 'c1', name: '测试科技', inviteCode: 'JOIN2026' }, isHr: true },
      }
    case 'importStart':
      return { ok: true, data: job('running', 1, 0) }
    case 'importContinue':
      return { ok: true, data: job('done', 3, 2) }
  }
  return { ok: false, code: 'INTERNAL', message: 'unexpected action', next: '' }
}

test('members: list, then import a sheet with progress and row errors', async () => {
  const g = global as any
  // picked from a chat, as wx.chooseMessageFile answers (taro.js copies wx's APIs when it loads: define it first)
  g.wx = g.wx ?? {}
  g.wx.chooseMessageFile = (opts: { success?: (r: unknown) => void }) => {
    const res = {
      tempFiles: [{ path: 'wxfile://tmp/members.xlsx', name: '成员.xlsx', size: 2048, type: 'file' }],
    }
    opts.success?.(res)
    return Promise.resolve(res)
  }
  const booted = bootApp(answer)
  const page = renderPage('admin/members/index')

  await waitFor(() => page.querySelectorAll('.member-item').length === 2, 'two members')
  expect(textOf(page)).toContain('张伟 · M1 · 研发部 · 北京')
  expect(textOf(page)).toContain('未开通')

  page.querySelector('.import-button').dispatchEvent('tap')
  await waitFor(() => textOf(page).includes('导入完成'), 'the finished import')
  expect(booted.uploads).toHaveLength(1)
  expect(booted.uploads[0].cloudPath).toMatch(/^companies\/c1\/admin\/[A-Za-z0-9_-]+\.xlsx$/)
  const start = booted.calls.find((c) => c.data.action === 'importStart')
  expect(start?.data.fileID).toBe(`cloud://env-test.bucket/${booted.uploads[0].cloudPath}`)
  expect(booted.calls.filter((c) => c.data.action === 'importContinue')).toHaveLength(1)
  expect(textOf(page)).toContain('3/3 行，新增 2，更新 0，有误 1')
  expect(textOf(page)).toContain('第 3 行（E2）：部门不存在（部门）')
}, 30_000)
