// Member import through the emulator: a file in storage, parsed and validated in the admin function, applied in
// chunks across calls; 10 k rows with 1 % bad rows report exactly those rows; re-importing changes nothing; the
// uploaded file (phone numbers in clear) is gone once the job has its rows.
import ExcelJS from 'exceljs'
import type { ImportJobView } from '@core/admin'
import { COLLECTIONS, type MemberDoc } from '@core/makeup'
import { B, COMPANY, OTHER_COMPANY, call, codeOf, docs, fixture, ok } from './harness'
import { useEmulator } from './fixture'

jest.setTimeout(300_000)

const HR = B
const emu = useEmulator({
  functions: ['admin'],
  data: () => fixture({}, { m2: { roles: ['employee', 'hr'] } }),
  at: '2026-11-27T02:00:00Z',
})

async function start() {
  await ok(emu, 'admin', 'saveDepartment', { name: '研发部', parent: null }, HR)
  await ok(emu, 'admin', 'saveDepartment', { name: '市场部', parent: null }, HR)
}

function put(name: string, bytes: Buffer, companyId = COMPANY): string {
  const path = `companies/${companyId}/admin/${name}`
  emu.files.put(path, bytes)
  return emu.files.fileIdFor(path)
}

/** Starts the import and continues it until done; returns the final view and how many calls it took. */
async function runImport(
  fileID: string,
): Promise<{ job: ImportJobView; first: ImportJobView; calls: number }> {
  const first = await ok(emu, 'admin', 'importStart', { fileID }, HR)
  let job = first
  let calls = 1
  while (job.status === 'running') {
    job = await ok(emu, 'admin', 'importContinue', { jobId: job.id }, HR)
    calls++
  }
  return { job, first, calls }
}

const BAD_KINDS = [
  (i: number) => `E${i},员工${i},不存在的部门,北京`, // unknown department
  (i: number) => `E${i},员工${i},研发部`, // missing a column
  (i: number) => `E${i - 1},重复${i},研发部,北京`, // duplicate of the previous row's number
  (i: number) => `E ${i},员工${i},研发部,北京`, // invalid employee number
  (i: number) => `E${i},"员工${i}"x,研发部,北京`, // malformed quoting
]

describe('admin import', () => {
  beforeEach(() => start())

  it('imports 10 000 rows with 1 % bad rows: reports exactly those rows, creates the rest, resumable in chunks', async () => {
    const lines = ['工号,姓名,部门,地区']
    const bad: number[] = []
    for (let i = 1; i <= 10_000; i++) {
      const line = i + 1 // the header is line 1
      if (i % 100 === 50) {
        bad.push(line)
        lines.push(BAD_KINDS[((i / 100) % BAD_KINDS.length) | 0](i))
      } else lines.push(`E${i},员工${i},${i % 2 ? '研发部' : '市场部'},${i % 3 ? '北京' : '上海'}`)
    }
    const fileID = put('members-10k.csv', Buffer.from(lines.join('\r\n')))
    const { job, first, calls } = await runImport(fileID)
    // validation happens up front: every bad row is known before a single member is written
    expect(first).toMatchObject({ status: 'running', processed: 100, created: 0 })
    expect(job.errors.map((e) => e.line)).toEqual(bad)
    expect(bad).toHaveLength(100)
    expect(job).toMatchObject({
      status: 'done',
      total: 10_000,
      processed: 10_000,
      created: 9_900,
      updated: 0,
    })
    expect(calls).toBeGreaterThan(1)
    const count = emu.store.find(COLLECTIONS.members, { companyId: COMPANY } as never, { limit: 20_000 }).list
      .length
    expect(count).toBe(3 + 9_900)

    // the same file again: idempotent on the employee number
    const again = await runImport(put('members-10k-again.csv', Buffer.from(lines.join('\r\n'))))
    expect(again.job).toMatchObject({ created: 0, updated: 0, processed: 10_000 })
    expect(
      emu.store.find(COLLECTIONS.members, { companyId: COMPANY } as never, { limit: 20_000 }).list.length,
    ).toBe(3 + 9_900)
  })

  it('updates existing members by employee number and never downgrades roles', async () => {
    const csv = '工号,姓名,部门,地区,角色\nM2,员工m2,市场部,上海,员工\nN1,新人,市场部,广州,审核人\n'
    const { job } = await runImport(put('small.csv', Buffer.from(csv)))
    expect(job).toMatchObject({ created: 1, updated: 1, errors: [] })
    const m2 = docs<MemberDoc>(emu, COLLECTIONS.members, { _id: 'm2' })[0]
    expect(m2).toMatchObject({ dept: '市场部', region: '上海', roles: ['employee', 'hr'] })
    const n1 = docs<MemberDoc>(emu, COLLECTIONS.members, { employeeNo: 'N1' })[0]
    expect(n1).toMatchObject({
      companyId: COMPANY,
      roles: ['employee', 'reviewer'],
      status: 'active',
      openid: null,
    })
  })

  it('reads XLSX (first sheet) and GB18030-encoded CSV', async () => {
    const book = new ExcelJS.Workbook()
    book.addWorksheet('成员').addRows([
      ['工号', '姓名', '部门', '地区', '入职日期'],
      ['X1', '表格一', '研发部', '北京', '2026-03-02'],
      ['X2', '表格二', '无此部门', '北京', ''],
      [],
      // as Excel stores them: a date cell, a number typed as an employee number
      [1003, '表格三', '研发部', '北京', new Date(Date.UTC(2026, 3, 1))],
    ])
    book.addWorksheet('其他').addRow(['不读第二张表'])
    const xlsx = Buffer.from(await book.xlsx.writeBuffer())
    const { job } = await runImport(put('members.xlsx', xlsx))
    expect(job.created).toBe(2)
    expect(job.errors).toEqual([
      { line: 3, employeeNo: 'X2', code: 'IMPORT_ROW_UNKNOWN_DEPT', field: 'dept' },
    ])
    expect(docs<MemberDoc>(emu, COLLECTIONS.members, { employeeNo: 'X1' })[0].joinedOn).toBe('2026-03-02')
    expect(docs<MemberDoc>(emu, COLLECTIONS.members, { employeeNo: '1003' })[0]).toMatchObject({
      name: '表格三',
      joinedOn: '2026-04-01',
    })

    // "工号,姓名,部门,地区 / G1,国标,研发部,北京" in GB18030, as Excel on Chinese Windows saves CSV
    const gbk = Buffer.from(
      'b9a4bac52cd0d5c3fb2cb2bfc3c52cb5d8c7f80d0a47312cb9fab1ea2cd1d0b7a2b2bf2cb1b1bea9',
      'hex',
    )
    const res = await runImport(put('gbk.csv', gbk))
    expect(res.job).toMatchObject({ created: 1, errors: [] })
    expect(docs<MemberDoc>(emu, COLLECTIONS.members, { employeeNo: 'G1' })[0]).toMatchObject({ name: '国标' })
  })

  it('deletes the uploaded roster once its rows are stored: no phone number is left in clear anywhere', async () => {
    const phones = Array.from({ length: 1_200 }, (_, i) => `139${String(10_000_000 + i * 7919).slice(-8)}`)
    const csv = ['工号,姓名,部门,地区,手机号', ...phones.map((p, i) => `P${i},员工P${i},研发部,北京,${p}`)]
    const xlsxBook = new ExcelJS.Workbook()
    xlsxBook.addWorksheet('成员').addRows([
      ['工号', '姓名', '部门', '地区', '手机号'],
      ['Q1', '表格一', '研发部', '北京', '13800138000'],
    ])
    const files = [
      put('roster.csv', Buffer.from(csv.join('\n'))),
      put('roster.xlsx', Buffer.from(await xlsxBook.xlsx.writeBuffer())),
    ]
    // the test can fail: the numbers are in storage before the import
    const everything = () => {
      const data = emu.exportData()
      return [
        JSON.stringify(data.collections),
        ...(data.files ?? []).map((f) => `${f.path}\n${Buffer.from(f.base64, 'base64').toString('latin1')}`),
      ].join('\n')
    }
    expect(everything()).toContain(phones[0])
    const jobs = []
    for (const fileID of files) jobs.push((await runImport(fileID)).job)
    expect(jobs.map((j) => j.created)).toEqual([1_200, 1])
    const left = emu.files.list().map((f) => f.path)
    expect(left.filter((p) => p.startsWith(`companies/${COMPANY}/admin/`))).toEqual([])
    const text = everything()
    expect([...phones, '13800138000'].filter((p) => text.includes(p))).toEqual([])
    // the numbers are there as salted hashes, which the phone-number binding matches
    expect(docs<MemberDoc>(emu, COLLECTIONS.members, { employeeNo: 'P0' })[0].phoneHash).toMatch(
      /^[0-9a-f]{64}$/,
    )
    // importing the same roster again is a new upload, and changes nothing
    const again = await runImport(put('roster-again.csv', Buffer.from(csv.join('\n'))))
    expect(again.job).toMatchObject({ created: 0, updated: 0, processed: 1_200 })
    expect(emu.files.list().filter((f) => f.path.startsWith(`companies/${COMPANY}/admin/`))).toEqual([])
  })

  it('refuses files of another company, files without the required columns, and employees', async () => {
    const other = put('x.csv', Buffer.from('工号,姓名,部门,地区\n'), OTHER_COMPANY)
    expect(await codeOf(emu, 'admin', 'importStart', { fileID: other }, HR)).toBe('FORBIDDEN')
    const noCols = put('nocols.csv', Buffer.from('姓名\n张三\n'))
    const { result } = await call(emu, 'admin', 'importStart', { fileID: noCols }, HR)
    expect(result).toMatchObject({ ok: false, code: 'IMPORT_FILE_INVALID' })
    expect(await codeOf(emu, 'admin', 'importStart', { fileID: noCols }, 'o-a')).toBe('FORBIDDEN')
    expect(await codeOf(emu, 'admin', 'importContinue', { jobId: 'nope' }, HR)).toBe('IMPORT_NOT_FOUND')
    expect(docs(emu, 'imports')).toEqual([])
  })
})
