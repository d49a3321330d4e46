import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { startPlatform, postJson, type Platform } from './fixtures/platform'
import { SETUP_TIMEOUT } from './helpers/emulator'

let p: Platform
let base: string
beforeAll(async () => {
  const seedFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'emu-ctl-')), 'seed.json')
  fs.writeFileSync(
    seedFile,
    JSON.stringify({
      collections: { employees: [{ _id: 'e1', name: '张三', joined: { $date: '2026-01-05T00:00:00Z' } }] },
      identities: [{ openid: 'o-e1', label: '张三' }],
    }),
  )
  p = await startPlatform({ seedFile })
  base = `${p.emulator.url}/control`
}, SETUP_TIMEOUT)
afterAll(() => p.close())

/** A GET to the emulator (on loopback) with the Host header a rebound DNS name would send. */
function withHost(route: string, host: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: p.emulator.port, path: route, headers: { ...headers, host } },
      (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
  })
}

/** the token of this start, as the console page and tests get it */
const auth = () => ({ 'x-emulator-token': p.emulator.controlToken })
const post = (url: string, body: unknown) => postJson(url, body, auth())
const get = async (route: string) => (await fetch(`${base}/${route}`, { headers: auth() })).json()

describe('control API', () => {
  test('the seed is loaded into an empty database at start (EJSON dates survive)', async () => {
    const { data } = await p.db.collection('employees').doc('e1').get()
    expect(data.joined).toEqual(new Date('2026-01-05T00:00:00Z'))
  })

  test('POST /control/invoke runs a function as an openid and reports round trips, duration, cold start', async () => {
    await p.db.createCollection('tallies').catch(() => undefined)
    const r = await post(`${base}/invoke`, { name: 'tally', data: { by: 1 }, openid: 'o-e1' })
    expect(r).toEqual({
      result: { n: 2, openid: 'o-e1' },
      invocationId: expect.any(String),
      roundTrips: 3,
      durationMs: expect.any(Number),
      coldStart: true,
    })
    expect(await get(`round-trips/${r.invocationId}`)).toEqual({
      invocationId: r.invocationId,
      roundTrips: 3,
    })
    const failed = await post(`${base}/invoke`, { name: 'thrower', data: {} })
    expect(failed.error).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' })
  })

  test('the request log shows each admin call with function, openid, decoded query', async () => {
    const log = await get('log')
    const getCall = log.find((e: any) => e.action === 'database.getDocument' && e.functionName === 'tally')
    expect(getCall).toMatchObject({
      kind: 'admin',
      openid: 'o-e1',
      collection: 'tallies',
      query: { _id: expect.any(String) },
    })
  })

  test('the request log carries the database index warning for an unindexed query on a large collection', async () => {
    const docs = Array.from({ length: 1500 }, (_, i) => ({ _id: `b${i}`, group: i % 10 }))
    p.emulator.importData({ collections: { big: docs } })
    const mark = (await get('log')).length
    await p.db.collection('big').where({ group: 3 }).get()
    const entry = (await get('log')).slice(mark).find((e: any) => e.action === 'database.getDocument')
    expect(entry).toMatchObject({ collection: 'big', query: { group: 3 } })
    expect(entry.warnings).toEqual([expect.stringContaining('no declared index serves this query on big')])
  })

  test('grant, faults, outbox over HTTP', async () => {
    expect(
      await post(`${base}/subscribe/grant`, {
        openid: 'o-e1',
        templateIds: ['tmpl-ticket-replied'],
        count: 2,
      }),
    ).toEqual({
      'tmpl-ticket-replied': 2,
    })
    await post(`${base}/subscribe/faults`, { touser: 'o-e1', errcode: 45047 })
    const msg = {
      touser: 'o-e1',
      templateId: 'tmpl-ticket-replied',
      data: {
        thing1: { value: '补卡问题' },
        thing2: { value: '已处理' },
        time3: { value: '2026-11-28 10:00' },
        name4: { value: '李四' },
      },
    }
    expect((await p.emulator.invoke('notify', msg)).result).toMatchObject({ ok: false, errCode: 45047 })
    expect((await p.emulator.invoke('notify', msg)).result).toMatchObject({ ok: true })
    const outbox = await get('outbox?touser=o-e1')
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({
      templateId: 'tmpl-ticket-replied',
      data: msg.data,
      functionName: 'notify',
    })
  })

  test('clock: get and set; triggers: list and fire', async () => {
    const set = await post(`${base}/clock`, { now: '2026-12-10T00:59:59Z' })
    expect(set.now.slice(0, 10)).toBe('2026-12-10')
    // the jump crossed many 09:00 (UTC+8) mornings: the trigger fired once, for the latest
    expect(set.fired.map((f: any) => f.result.event.Time)).toEqual(['2026-12-09T01:00:00Z'])
    const crossed = await post(`${base}/clock`, { now: '2026-12-10T01:00:01Z' })
    expect(crossed.fired.map((f: any) => f.functionName)).toEqual(['morning'])
    expect((await get('triggers')).map((t: any) => t.functionName)).toEqual(['morning'])
    const fired = await post(`${base}/triggers/morning/fire`, {})
    expect(fired).toMatchObject({ ok: true, functionName: 'morning' })
    await post(`${base}/clock`, { offsetMs: 0 })
    expect(Math.abs((await get('clock')).offsetMs)).toBe(0)
  })

  test('export → reset (empty) → import restores documents, files and subscribe state', async () => {
    await p.cloud.uploadFile({ cloudPath: 'keep/me.txt', fileContent: Buffer.from('kept') })
    const exported = await get('export')
    expect(exported.collections.employees).toHaveLength(1)
    expect(exported.files.map((f: any) => f.path)).toContain('keep/me.txt')

    expect(await post(`${base}/reset`, {})).toEqual({ ok: true })
    expect(await get('outbox')).toEqual([])
    expect(await get('files')).toEqual([])
    // a reset drops collections that database/collections.json does not declare (none are declared here)
    expect(await get('collections')).toEqual([])

    expect(await post(`${base}/import`, exported)).toEqual({ ok: true })
    expect((await p.db.collection('employees').doc('e1').get()).data.name).toBe('张三')
    expect(
      (
        await p.cloud.downloadFile({ fileID: p.emulator.files.fileIdFor('keep/me.txt') })
      ).fileContent.toString(),
    ).toBe('kept')
    expect(await get('outbox?touser=o-e1')).toHaveLength(1)
  })

  test('reset to the seed', async () => {
    await p.db.collection('employees').add({ data: { name: '王五' } })
    await post(`${base}/reset`, { seed: true })
    const { data } = await p.db.collection('employees').get()
    expect(data.map((d: any) => d._id)).toEqual(['e1'])
  })

  test('console data endpoints: collections, documents, edit, delete', async () => {
    expect(await get('collections')).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'employees', count: 1 })]),
    )
    const put = await fetch(`${base}/collections/employees`, {
      method: 'PUT',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ _id: 'e2', name: '赵六' }),
    })
    expect(put.status).toBe(200)
    expect((await get('collections/employees')).map((d: any) => d._id)).toEqual(['e1', 'e2'])
    expect(
      await (await fetch(`${base}/collections/employees/e2`, { method: 'DELETE', headers: auth() })).json(),
    ).toEqual({
      deleted: true,
    })
    expect(await get('identities')).toEqual([{ openid: 'o-e1', label: '张三' }])
  })

  test('unknown endpoints and bad bodies get clear errors', async () => {
    const missing = await fetch(`${base}/nope`, { headers: auth() })
    expect(missing.status).toBe(404)
    const bad = await fetch(`${base}/invoke`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: '{not json',
    })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ code: 'INVALID_PARAM', message: 'request body is not valid JSON' })
  })

  test('refuses cross-site and rebound requests, non-JSON bodies and callers without the token, changing nothing', async () => {
    const before = await get('collections/employees')
    const attempt = (route: string, init: RequestInit & { headers?: Record<string, string> }) =>
      fetch(`${base}/${route}`, init).then(async (r) => [r.status, (await r.json()).code])
    const json = { ...auth(), 'content-type': 'application/json' }
    const doc = JSON.stringify({ _id: 'evil', name: 'x' })
    // a page on another site posting text/plain (no preflight), with or without the token
    expect(
      await attempt('collections/employees', {
        method: 'PUT',
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
        body: doc,
      }),
    ).toEqual([403, 'FORBIDDEN'])
    expect(
      await attempt('collections/employees', {
        method: 'PUT',
        headers: { ...json, origin: 'https://evil.example' },
        body: doc,
      }),
    ).toEqual([403, 'FORBIDDEN'])
    expect(
      await attempt('collections/employees', {
        method: 'PUT',
        headers: { ...json, 'sec-fetch-site': 'cross-site' },
        body: doc,
      }),
    ).toEqual([403, 'FORBIDDEN'])
    // the right token, but not JSON
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])
      expect(
        await attempt('collections/employees', {
          method: 'PUT',
          headers: { ...auth(), 'content-type': type },
          body: doc,
        }),
      ).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE'])
    // no token, a wrong one, a token of another start
    expect(await attempt('export', {})).toEqual([401, 'UNAUTHORIZED'])
    expect(await attempt('export', { headers: { 'x-emulator-token': 'guess' } })).toEqual([
      401,
      'UNAUTHORIZED',
    ])
    expect(
      await attempt('collections/employees', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-emulator-token': 'a'.repeat(48) },
        body: doc,
      }),
    ).toEqual([401, 'UNAUTHORIZED'])
    // DNS rebinding: a foreign name pointed at 127.0.0.1 arrives with its own Host (fetch cannot set Host)
    expect(await withHost('/control/export', 'evil.example', auth())).toMatchObject({ status: 403 })
    const rebound = await withHost('/', 'evil.example:80')
    expect(rebound.status).toBe(403)
    expect(rebound.body).not.toContain(p.emulator.controlToken)
    expect(await withHost('/control/export', `localhost:${p.emulator.port}`, auth())).toMatchObject({
      status: 200,
    })
    expect(await get('collections/employees')).toEqual(before)
    // the loopback H5 dev server (another port) is not foreign
    expect(await attempt('clock', { headers: { ...auth(), origin: 'http://localhost:10086' } })).toEqual([
      200,
      undefined,
    ])
  })

  test('every start has its own token', async () => {
    const other = await startPlatform({})
    try {
      expect(other.emulator.controlToken).toMatch(/^[0-9a-f]{48}$/)
      expect(other.emulator.controlToken).not.toBe(p.emulator.controlToken)
    } finally {
      await other.close()
    }
  })

  test('GET / serves the self-contained console page', async () => {
    const html = await (await fetch(`${p.emulator.url}/`)).text()
    expect(html).toContain(JSON.stringify(p.emulator.controlToken))
    expect(html).toContain('CloudBase emulator')
    expect(html).toContain('LOCAL DEV ONLY')
    expect(html).not.toMatch(/<script[^>]+src=/)
  })
})

describe('a data folder keeps everything across restarts', () => {
  test('documents, files, authorisations and the outbox survive close and start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-durable-'))
    try {
      const first = await startPlatform({ dataDir })
      await first.db.createCollection('notes')
      await first.db.collection('notes').add({ data: { _id: 'n1', text: '保留' } })
      const { fileID } = await first.cloud.uploadFile({
        cloudPath: 'keep/a.txt',
        fileContent: Buffer.from('a'),
      })
      first.emulator.grantSubscribe('o-d', ['tmpl-checkin-reminder'], 2)
      await first.cloud.openapi.subscribeMessage.send({
        touser: 'o-d',
        templateId: 'tmpl-checkin-reminder',
        data: { thing1: { value: '打卡' }, time2: { value: '09:00' } },
      })
      await first.close()

      const second = await startPlatform({ dataDir })
      try {
        expect((await second.db.collection('notes').doc('n1').get()).data.text).toBe('保留')
        expect((await second.cloud.downloadFile({ fileID })).fileContent.toString()).toBe('a')
        expect(second.emulator.subscribe.grants('o-d')).toEqual({ 'tmpl-checkin-reminder': 1 })
        expect(second.emulator.outbox({ touser: 'o-d' })).toHaveLength(1)
      } finally {
        await second.close()
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
      Object.assign(process.env, p.emulator.sdkEnv())
    }
  })
})
