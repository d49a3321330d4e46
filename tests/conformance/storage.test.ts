import { startPlatform, sdkError, type Platform } from './fixtures/platform'
import { SETUP_TIMEOUT } from './helpers/emulator'

let p: Platform
beforeAll(async () => {
  p = await startPlatform()
}, SETUP_TIMEOUT)
afterAll(() => p.close())

describe('storage through the real SDK', () => {
  test('uploadFile → getTempFileURL → fetch the bytes → deleteFile → -503003', async () => {
    const { fileID } = await p.cloud.uploadFile({
      cloudPath: 'proofs/o1/2026-11-28.txt',
      fileContent: Buffer.from('请假条'),
    })
    expect(fileID).toBe(`cloud://${p.emulator.envId}.${p.emulator.envId}-local/proofs/o1/2026-11-28.txt`)

    const urls = await p.cloud.getTempFileURL({ fileList: [fileID] })
    expect(urls.fileList[0]).toMatchObject({ fileID, status: 0, errMsg: 'ok' })
    const res = await fetch(urls.fileList[0].tempFileURL)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('请假条')
    expect(res.headers.get('content-type')).toContain('text/plain')

    const del = await p.cloud.deleteFile({ fileList: [fileID] })
    expect(del.fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }])
    const again = await p.cloud.getTempFileURL({ fileList: [fileID] })
    expect(again.fileList[0]).toMatchObject({ fileID, status: -503003, tempFileURL: '' })
    const delAgain = await p.cloud.deleteFile({ fileList: [fileID] })
    expect(delAgain.fileList[0].status).toBe(-503003)
  })

  test('downloadFile returns the uploaded bytes; a missing file rejects', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255])
    const { fileID } = await p.cloud.uploadFile({ cloudPath: 'bin/raw.bin', fileContent: bytes })
    const { fileContent } = await p.cloud.downloadFile({ fileID })
    expect(Buffer.compare(fileContent, bytes)).toBe(0)
    const missing = await sdkError(p.cloud.downloadFile({ fileID: fileID.replace('raw.bin', 'nope.bin') }))
    // node-sdk throws its own error here, which wx-server-sdk reports as -1 keeping CloudBase's code name
    expect(missing).toMatchObject({
      code: 'STORAGE_FILE_NONEXIST',
      errMsg: 'downloadFile:fail storage file not exists',
    })
  })

  test('uploading to an existing cloudPath overwrites it', async () => {
    await p.cloud.uploadFile({ cloudPath: 'same/name.txt', fileContent: Buffer.from('one') })
    const { fileID } = await p.cloud.uploadFile({
      cloudPath: 'same/name.txt',
      fileContent: Buffer.from('two'),
    })
    expect((await p.cloud.downloadFile({ fileID })).fileContent.toString()).toBe('two')
    expect(p.emulator.files.list().filter((f) => f.path === 'same/name.txt')).toHaveLength(1)
  })

  test('a cloudPath that climbs out of the bucket is refused', async () => {
    const err = await sdkError(
      p.cloud.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') }),
    )
    expect(err).toMatchObject({ code: 'INVALID_PARAM', errMsg: expect.stringContaining('invalid cloudPath') })
    expect(p.emulator.files.list().some((f) => f.path.includes('escape'))).toBe(false)
  })

  test('the upload URL needs the headers getUploadMetadata handed out, as COS does', async () => {
    const res = await fetch(`${p.emulator.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'raw/put.txt', method: 'put' }),
    })
    const { data } = await res.json()
    const put = (headers: Record<string, string>) => fetch(data.url, { method: 'PUT', headers, body: 'x' })
    const bare = await put({})
    expect(bare.status).toBe(403)
    expect(await bare.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
    const ok = await put({
      authorization: data.authorization,
      'x-cos-security-token': data.token,
      'x-cos-meta-fileid': data.cosFileId,
    })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('')
    expect(p.emulator.files.has('raw/put.txt')).toBe(true)
    // the grant is for one path only
    const other = await fetch(data.url.replace('put.txt', 'other.txt'), {
      method: 'PUT',
      headers: {
        authorization: data.authorization,
        'x-cos-security-token': data.token,
        'x-cos-meta-fileid': data.cosFileId,
      },
      body: 'x',
    })
    expect(other.status).toBe(403)
  })

  test('temp URLs are signed: a changed path or signature is refused', async () => {
    const { fileID } = await p.cloud.uploadFile({ cloudPath: 'signed/a.txt', fileContent: Buffer.from('a') })
    await p.cloud.uploadFile({ cloudPath: 'signed/b.txt', fileContent: Buffer.from('b') })
    const { tempFileURL } = (await p.cloud.getTempFileURL({ fileList: [fileID] })).fileList[0]
    expect((await fetch(tempFileURL.replace('signed/a.txt', 'signed/b.txt'))).status).toBe(403)
    // one character of the signature changed (to another one: a signature may start with '0' itself)
    const forged = tempFileURL.replace(
      /sign=(\w)/,
      (_m: string, c: string) => `sign=${c === '0' ? '1' : '0'}`,
    )
    expect(forged).not.toBe(tempFileURL)
    expect((await fetch(forged)).status).toBe(403)
  })

  test('temp URLs expire after maxAge by the emulator clock', async () => {
    const { fileID } = await p.cloud.uploadFile({
      cloudPath: 'expiring/x.txt',
      fileContent: Buffer.from('x'),
    })
    const { fileList } = await p.cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] })
    expect(fileList[0].maxAge).toBe(60)
    expect((await fetch(fileList[0].tempFileURL)).status).toBe(200)
    await p.emulator.setClockOffset(61_000)
    try {
      const expired = await fetch(fileList[0].tempFileURL)
      expect(expired.status).toBe(403)
      expect(await expired.text()).toContain('Request has expired')
    } finally {
      await p.emulator.setClockOffset(0)
    }
  })

  test('a malformed fileID reports -503003 for that entry only', async () => {
    const { fileID } = await p.cloud.uploadFile({ cloudPath: 'mixed/ok.txt', fileContent: Buffer.from('ok') })
    const { fileList } = await p.cloud.getTempFileURL({ fileList: ['not-a-file-id', fileID] })
    expect(fileList.map((f: { status: number }) => f.status)).toEqual([-503003, 0])
  })
})
