// Acknowledged writes survive the emulator process being killed (SIGKILL) mid-stream.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sdkEnvFor } from '@emulator/index'
import { SETUP_TIMEOUT } from './helpers/emulator'

const ROOT = path.resolve(__dirname, '../..')
const CHILD = path.join(__dirname, 'helpers/child-emulator.ts')

function startChild(dataDir: string, port?: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dataDir, ...(port ? [String(port)] : [])],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const m = out.match(/EMULATOR_PORT (\d+)/)
      if (m) resolve({ child, port: Number(m[1]) })
    })
    child.stderr!.on('data', (chunk) => (err += chunk))
    child.on('exit', (code) => reject(new Error(`emulator child exited (${code}): ${err}`)))
  })
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

let dataDir: string
let child: ChildProcess | undefined
let killedAt = 0

beforeAll(() => {
  // calls broken by the kill later print "[TCB][WARN] … longer than 3s" (see afterAll): expected, keep the output clean
  const warn = console.warn.bind(console)
  jest.spyOn(console, 'warn').mockImplementation((...args) => {
    if (!String(args[0]).startsWith('[TCB][WARN]')) warn(...args)
  })
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-durability-'))
}, SETUP_TIMEOUT)
afterAll(async () => {
  if (child) await killed(child)
  // the SDK arms a 3 s "slow request" warning timer per call and never clears it for the calls the kill broke
  await new Promise((r) => setTimeout(r, Math.max(0, killedAt + 3100 - Date.now())))
  fs.rmSync(dataDir, { recursive: true, force: true })
})

test('every acknowledged insert is found after SIGKILL and restart on the same data folder', async () => {
  const first = await startChild(dataDir)
  child = first.child
  Object.assign(
    process.env,
    sdkEnvFor(`http://127.0.0.1:${first.port}`, 'local-dev', 'o-durable', 'wx-local'),
  )
  // required only now: the SDK reads process.env, which points it at the emulator
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const db = cloud.database()
  await db.createCollection('journal')

  const acknowledged: string[] = []
  let failedAfterKill = 0
  let stop = false
  let killing: Promise<void> | undefined
  // four concurrent writers, so writes are in flight when the process dies
  const writer = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const id = `w${w}-${i}`
      try {
        await db.collection('journal').add({ data: { _id: id, w, i, at: new Date() } })
        acknowledged.push(id)
      } catch {
        failedAfterKill++
        return
      }
      if (acknowledged.length >= 400 && !killing) {
        killedAt = Date.now()
        killing = killed(first.child)
      }
    }
  }
  await Promise.all([0, 1, 2, 3].map(writer))
  stop = true
  await killing
  expect(first.child.signalCode).toBe('SIGKILL')
  expect(failedAfterKill).toBeGreaterThan(0) // the kill really interrupted the stream

  const second = await startChild(dataDir, first.port)
  child = second.child
  const found = new Set<string>()
  for (let offset = 0; ; offset += 1000) {
    const page = await db.collection('journal').skip(offset).limit(1000).get()
    page.data.forEach((d: { _id: string }) => found.add(d._id))
    if (page.data.length < 1000) break
  }
  const lost = acknowledged.filter((id) => !found.has(id))
  expect(acknowledged.length).toBeGreaterThanOrEqual(400)
  expect(lost).toEqual([])
  // the restarted emulator accepts writes again
  await db.collection('journal').add({ data: { after: true } })
}, 60_000)
