import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startPlatform, postJson, type Platform } from './fixtures/platform'
import { SETUP_TIMEOUT } from './helpers/emulator'

let p: Platform
let appDir: string
let base: string
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-gw-'))
  const seedFile = path.join(dir, 'seed.json')
  fs.writeFileSync(
    seedFile,
    JSON.stringify({ collections: {}, identities: [{ openid: 'o-emp-1', label: '员工 张三' }] }),
  )
  appDir = path.join(dir, 'dist-h5')
  fs.mkdirSync(path.join(appDir, 'js'), { recursive: true })
  fs.writeFileSync(path.join(appDir, 'index.html'), '<!doctype html><title>app</title>')
  fs.writeFileSync(path.join(appDir, 'js/app.js'), 'console.log(1)')
  p = await startPlatform({ seedFile, appDir })
  base = p.emulator.url
}, SETUP_TIMEOUT)
afterAll(() => p.close())

describe('client gateway (the H5 build of wx.cloud)', () => {
  test('POST /gateway/functions/:name runs the function as x-wx-openid', async () => {
    const res = await postJson(
      `${base}/gateway/functions/whoami`,
      { data: { page: 'home' } },
      { 'x-wx-openid': 'o-emp-1' },
    )
    expect(res).toEqual({
      errMsg: 'cloud.callFunction:ok',
      requestID: expect.any(String),
      result: {
        wx: expect.objectContaining({ OPENID: 'o-emp-1', SOURCE: 'wx_client' }),
        event: { page: 'home' },
        functionName: 'whoami',
      },
    })
  })

  test('failures come back as HTTP 200 with the client error codes', async () => {
    const thrown = await postJson(`${base}/gateway/functions/thrower`, { data: { reason: 'x' } })
    expect(thrown.errCode).toBe(-504002)
    expect(thrown.errMsg).toMatch(
      /^cloud\.callFunction:fail Error: errCode: -504002 functions execute fail \| errMsg: Error: boom: x/,
    )
    const slow = await postJson(`${base}/gateway/functions/sleepy`, { data: { ms: 3000 } })
    expect(slow).toMatchObject({
      errCode: -504003,
      errMsg: expect.stringContaining('Invoking task timed out after 1 seconds'),
    })
    const missing = await postJson(`${base}/gateway/functions/nope`, {})
    expect(missing).toMatchObject({
      errCode: -501000,
      errMsg: expect.stringContaining('FunctionName parameter could not be found'),
    })
    const badData = await postJson(`${base}/gateway/functions/whoami`, { data: [1] })
    expect(badData.errCode).toBe(-501007)
  })

  test('upload → temp-urls → fetch the bytes', async () => {
    const up = await fetch(
      `${base}/gateway/upload?cloudPath=${encodeURIComponent('proofs/o-emp-1/证明.png')}`,
      {
        method: 'POST',
        headers: { 'x-wx-openid': 'o-emp-1', 'content-type': 'image/png' },
        body: Buffer.from([137, 80, 78, 71]),
      },
    ).then((r) => r.json())
    expect(up).toEqual({
      fileID: p.emulator.files.fileIdFor('proofs/o-emp-1/证明.png'),
      statusCode: 200,
      errMsg: 'cloud.uploadFile:ok',
    })
    const urls = await postJson(`${base}/gateway/temp-urls`, {
      fileList: [up.fileID, 'cloud://x.y/missing.png'],
    })
    expect(urls.fileList[0]).toMatchObject({ fileID: up.fileID, status: 0 })
    expect(urls.fileList[1]).toMatchObject({ status: -503003, tempFileURL: '' })
    const img = await fetch(urls.fileList[0].tempFileURL)
    expect(img.headers.get('content-type')).toBe('image/png')
    expect([...Buffer.from(await img.arrayBuffer())]).toEqual([137, 80, 78, 71])
    // the server-side SDK sees the same file
    expect((await p.cloud.downloadFile({ fileID: up.fileID })).fileContent.length).toBe(4)
  })

  test('POST /gateway/subscribe records one authorisation per accepted template', async () => {
    const ids = ['tmpl-makeup-decided', 'tmpl-checkin-reminder']
    const accepted = await postJson(
      `${base}/gateway/subscribe`,
      { tmplIds: ids, decision: 'accept' },
      { 'x-wx-openid': 'o-emp-1' },
    )
    expect(accepted).toEqual({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-makeup-decided': 'accept',
      'tmpl-checkin-reminder': 'accept',
    })
    const rejected = await postJson(
      `${base}/gateway/subscribe`,
      { tmplIds: ids, decision: 'reject' },
      { 'x-wx-openid': 'o-emp-1' },
    )
    expect(rejected['tmpl-makeup-decided']).toBe('reject')
    expect(p.emulator.subscribe.grants('o-emp-1')).toEqual({
      'tmpl-makeup-decided': 1,
      'tmpl-checkin-reminder': 1,
    })
    const unknown = await postJson(
      `${base}/gateway/subscribe`,
      { tmplIds: ['nope'], decision: 'accept' },
      { 'x-wx-openid': 'o-emp-1' },
    )
    expect(unknown.errCode).toBe(20001)
  })

  test('GET /gateway/identities lists the seed identities', async () => {
    expect(await (await fetch(`${base}/gateway/identities`)).json()).toEqual([
      { openid: 'o-emp-1', label: '员工 张三' },
    ])
  })

  test('CORS: loopback origins are allowed (with preflight), others get no CORS headers', async () => {
    const pre = await fetch(`${base}/gateway/functions/whoami`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:10086',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-wx-openid',
      },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-wx-openid')
    const foreign = await fetch(`${base}/gateway/identities`, { headers: { origin: 'https://evil.example' } })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('the H5 build is served under /app/ with an index.html fallback', async () => {
    const js = await fetch(`${base}/app/js/app.js`)
    expect(js.headers.get('content-type')).toContain('javascript')
    expect(await js.text()).toBe('console.log(1)')
    expect(await (await fetch(`${base}/app/pages/whatever`)).text()).toContain('<title>app</title>')
    expect(await (await fetch(`${base}/app/..%2F..%2Fetc%2Fpasswd`)).text()).toContain('<title>app</title>')
  })

  test('the server listens on 127.0.0.1 only', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })
})
