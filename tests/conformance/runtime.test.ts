import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator } from '@emulator/index'
import { startPlatform, sdkError, type Platform } from './fixtures/platform'
import { SETUP_TIMEOUT } from './helpers/emulator'

let p: Platform
beforeAll(async () => {
  p = await startPlatform()
  await p.db.createCollection('tallies')
}, SETUP_TIMEOUT)
afterAll(() => p.close())

describe('function runtime', () => {
  test('getWXContext() inside a function reports the caller, the event arrives as sent', async () => {
    const r = await p.emulator.invoke(
      'whoami',
      { day: '2026-11-28', nested: { a: [1, 2] } },
      { openid: 'o-alice' },
    )
    expect(r.ok).toBe(true)
    expect(r.result).toEqual({
      wx: { OPENID: 'o-alice', APPID: 'wx-local', UNIONID: '', ENV: p.emulator.envId, SOURCE: 'wx_client' },
      event: { day: '2026-11-28', nested: { a: [1, 2] } },
      functionName: 'whoami',
    })
  })

  test('consecutive invocations of one warm instance each see their own caller', async () => {
    const a = await p.emulator.invoke('whoami', {}, { openid: 'o-a' })
    const b = await p.emulator.invoke('whoami', {}, { openid: 'o-b' })
    expect((a.result as any).wx.OPENID).toBe('o-a')
    expect((b.result as any).wx.OPENID).toBe('o-b')
    expect(b.coldStart).toBe(false)
  })

  test('cloud.callFunction from a function runs the callee for the same user and returns its result', async () => {
    const r = await p.emulator.invoke('caller', { target: 'whoami', data: { x: 1 } }, { openid: 'o-bob' })
    expect(r.result).toMatchObject({
      ok: true,
      errMsg: 'callFunction:ok',
      result: { wx: { OPENID: 'o-bob', SOURCE: 'wx_client,scf' }, event: { x: 1 } },
    })
    expect(r.roundTrips).toBe(1)
    const child = p.emulator.invocations().find((i) => i.parentId === r.invocationId)
    expect(child).toMatchObject({ functionName: 'whoami', ok: true, openid: 'o-bob' })
  })

  test('cloud.callFunction from the SDK: a thrown error reaches the caller with its message', async () => {
    const err = await sdkError(p.cloud.callFunction({ name: 'thrower', data: { reason: 'bad input' } }))
    expect(err.code).toBe('FUNCTIONS_EXECUTE_FAIL')
    expect(err.errMsg).toMatch(/^callFunction:fail Error: boom: bad input/)
  })

  test('a thrown error inside a called function surfaces in the calling function', async () => {
    const r = await p.emulator.invoke('caller', { target: 'thrower', data: { reason: 'nested' } })
    expect(r.ok).toBe(true)
    expect(r.result).toMatchObject({
      ok: false,
      code: 'FUNCTIONS_EXECUTE_FAIL',
      errMsg: expect.stringContaining('boom: nested'),
    })
  })

  test('a thrown non-Error value is reported as a failure too', async () => {
    const r = await p.emulator.invoke('thrower', { kind: 'string' })
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringContaining('plain string failure') },
    })
  })

  test('calling a function that does not exist', async () => {
    const r = await p.emulator.invoke('no-such-function', {})
    expect(r.error).toEqual({
      code: 'FUNCTION_NOT_FOUND',
      message: expect.stringContaining('FunctionName parameter could not be found'),
    })
    const err = await sdkError(p.cloud.callFunction({ name: 'no-such-function' }))
    expect(err.code).toBe('FUNCTION_NOT_FOUND')
  })

  test('a bundle without main fails clearly', async () => {
    const r = await p.emulator.invoke('badexport', {})
    expect(r.error).toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringContaining('does not export main'),
    })
  })

  test('config.json timeout is enforced; the killed instance is replaced by a cold one', async () => {
    const slow = await p.emulator.invoke('sleepy', { ms: 5000 })
    expect(slow.error).toEqual({
      code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
      message: 'Invoking task timed out after 1 seconds',
    })
    const next = await p.emulator.invoke('sleepy', { ms: 0 })
    expect(next).toMatchObject({ ok: true, result: { slept: 0 }, coldStart: true })
  })

  test('loading the bundle (cold start) does not count against the timeout', async () => {
    expect(await p.emulator.invoke('slowload', {})).toMatchObject({
      ok: true,
      result: 'loaded',
      coldStart: true,
    })
  })

  test('warm reuse: the second invocation reuses the instance (module state survives), concurrency adds instances', async () => {
    const first = await p.emulator.invoke('counter', {})
    const second = await p.emulator.invoke('counter', {})
    expect([first.coldStart, second.coldStart]).toEqual([true, false])
    expect([first.result, second.result]).toEqual([{ calls: 1 }, { calls: 2 }])
    const both = await Promise.all([
      p.emulator.invoke('sleepy', { ms: 300 }),
      p.emulator.invoke('sleepy', { ms: 300 }),
    ])
    // one instance serves one invocation at a time: two at once need two instances
    expect(both.filter((r) => r.coldStart).length).toBeGreaterThanOrEqual(1)
    expect(p.emulator.runtime.instances().sleepy.idle).toBe(2)
  })

  test('round-trip counters are exact per invocation (database and storage calls)', async () => {
    const db = await p.emulator.invoke('tally', { by: 2 }, { openid: 'o-carol' })
    expect(db).toMatchObject({ ok: true, result: { n: 3, openid: 'o-carol' }, roundTrips: 3 })
    const files = await p.emulator.invoke('files', { cloudPath: 'rt/x.txt', text: 'x' })
    expect(files.roundTrips).toBe(2)
    expect((await p.emulator.invoke('counter', {})).roundTrips).toBe(0)
    expect(p.emulator.roundTrips(db.invocationId)).toBe(3)
    const logged = p.emulator
      .requestLog()
      .filter((e) => e.kind === 'admin' && e.invocationId === db.invocationId)
    expect(logged.map((e) => e.action)).toEqual([
      'database.insertDocument',
      'database.modifyDocument',
      'database.getDocument',
    ])
    expect(logged.every((e) => e.functionName === 'tally' && e.openid === 'o-carol')).toBe(true)
  })
})

describe('function reload', () => {
  let emulator: Emulator
  let dir: string
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-fns-'))
    fs.mkdirSync(path.join(dir, 'greet'))
    fs.writeFileSync(path.join(dir, 'greet/index.js'), "exports.main = async () => 'v1'")
    emulator = await startEmulator({ dataDir: null, functionsDir: dir, runTriggers: false, maxInstances: 1 })
  }, SETUP_TIMEOUT)
  afterAll(async () => {
    await emulator.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('a rebuilt index.js (newer mtime) is loaded by the next invocation', async () => {
    expect((await emulator.invoke('greet')).result).toBe('v1')
    expect((await emulator.invoke('greet')).coldStart).toBe(false)
    const file = path.join(dir, 'greet/index.js')
    fs.writeFileSync(file, "exports.main = async () => 'v2'")
    const later = new Date(Date.now() + 5000)
    fs.utimesSync(file, later, later)
    const r = await emulator.invoke('greet')
    expect(r).toMatchObject({ result: 'v2', coldStart: true })
  })

  test('beyond maxInstances concurrent calls queue for a warm instance instead of starting more', async () => {
    const all = await Promise.all([1, 2, 3].map(() => emulator.invoke('greet')))
    expect(all.every((r) => r.ok)).toBe(true)
    expect(all.filter((r) => r.coldStart)).toHaveLength(0)
    expect(emulator.runtime.instances().greet).toEqual({ idle: 1, live: 1, waiting: 0 })
  })

  test('a function added while running is found', async () => {
    fs.mkdirSync(path.join(dir, 'late'))
    fs.writeFileSync(path.join(dir, 'late/index.js'), 'exports.main = async (e) => e.n * 2')
    expect((await emulator.invoke('late', { n: 21 })).result).toBe(42)
  })
})
