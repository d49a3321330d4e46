import fs from 'node:fs'
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

const get = async (route: string) => (await fetch(`${base}/${route}`)).json()

describe('control API', () => {
  test('the seed is loaded into an empty database at start (EJSON dates survive)', async () => {
    const { data } = await p.db.collection('employees').doc('e1').get()
    expect(data.joined).toEqual(new Date('2026-01-05T00:00:00Z'))
  })

  test('POST /control/invoke runs a function as an openid and reports round trips, duration, cold start', async () => {
    await p.db.createCollection('tallies').catch(() => undefined)
    const r = await postJson(`${base}/invoke`, { name: 'tally', data: { by: 1 }, openid: 'o-e1' })
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
    const failed = await postJson(`${base}/invoke`, { name: 'thrower', data: {} })
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
      await postJson(`${base}/subscribe/grant`, {
        openid: 'o-e1',
        templateIds: ['tmpl-ticket-replied'],
        count: 2,
      }),
    ).toEqual({
      'tmpl-ticket-replied': 2,
    })
    await postJson(`${base}/subscribe/faults`, { touser: 'o-e1', errcode: 45047 })
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
    const set = await postJson(`${base}/clock`, { now: '2026-12-10T00:59:59Z' })
    expect(set.now.slice(0, 10)).toBe('2026-12-10')
    // the jump crossed many 09:00 (UTC+8) mornings: the trigger fired once, for the latest
    expect(set.fired.map((f: any) => f.result.event.Time)).toEqual(['2026-12-09T01:00:00Z'])
    const crossed = await postJson(`${base}/clock`, { now: '2026-12-10T01:00:01Z' })
    expect(crossed.fired.map((f: any) => f.functionName)).toEqual(['morning'])
    expect((await get('triggers')).map((t: any) => t.functionName)).toEqual(['morning'])
    const fired = await postJson(`${base}/triggers/morning/fire`, {})
    expect(fired).toMatchObject({ ok: true, functionName: 'morning' })
    await postJson(`${base}/clock`, { offsetMs: 0 })
    expect(Math.abs((await get('clock')).offsetMs)).toBe(0)
  })

  test('export → reset (empty) → import restores documents, files and subscribe state', async () => {
    await p.cloud.uploadFile({ cloudPath: 'keep/me.txt', fileContent: Buffer.from('kept') })
    const exported = await get('export')
    expect(exported.collections.employees).toHaveLength(1)
    expect(exported.files.map((f: any) => f.path)).toContain('keep/me.txt')

    expect(await postJson(`${base}/reset`, {})).toEqual({ ok: true })
    expect(await get('outbox')).toEqual([])
    expect(await get('files')).toEqual([])
    // a reset drops collections that database/collections.json does not declare (none are declared here)
    expect(await get('collections')).toEqual([])

    expect(await postJson(`${base}/import`, exported)).toEqual({ ok: true })
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
    await postJson(`${base}/reset`, { seed: true })
    const { data } = await p.db.collection('employees').get()
    expect(data.map((d: any) => d._id)).toEqual(['e1'])
  })

  test('console data endpoints: collections, documents, edit, delete', async () => {
    expect(await get('collections')).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'employees', count: 1 })]),
    )
    const put = await fetch(`${base}/collections/employees`, {
      method: 'PUT',
      body: JSON.stringify({ _id: 'e2', name: '赵六' }),
    })
    expect(put.status).toBe(200)
    expect((await get('collections/employees')).map((d: any) => d._id)).toEqual(['e1', 'e2'])
    expect(await (await fetch(`${base}/collections/employees/e2`, { method: 'DELETE' })).json()).toEqual({
      deleted: true,
    })
    expect(await get('identities')).toEqual([{ openid: 'o-e1', label: '张三' }])
  })

  test('unknown endpoints and bad bodies get clear errors', async () => {
    const missing = await fetch(`${base}/nope`)
    expect(missing.status).toBe(404)
    const bad = await fetch(`${base}/invoke`, { method: 'POST', body: '{not json' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ code: 'INVALID_PARAM', message: 'request body is not valid JSON' })
  })

  test('GET / serves the self-contained console page', async () => {
    const html = await (await fetch(`${p.emulator.url}/`)).text()
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
