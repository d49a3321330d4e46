// Functions under test run exactly as deployed: built by scripts/build-functions.ts, loaded by the emulator's
// runtime in worker instances, talking to the emulator through the real wx-server-sdk.
import path from 'node:path'
import { EJSON } from 'bson'
import type { ActionOf, FunctionName, InputOf, OutputOf } from '@core/api'
import type { HealthReport } from '@core/health'
import {
  type BindingDoc,
  COLLECTIONS,
  type CompanyDoc,
  type Holder,
  type MakeupSubmitInput,
  type MemberDoc,
  emptyQuota,
  quotasOf,
  type QuotaDoc,
} from '@core/makeup'
import type { Result } from '@core/shared'
import { DEFAULT_POLICY, type Policy } from '@core/policy'
import { startEmulator, type Emulator, type EmulatorOptions } from '@emulator/index'
import { buildFunctions } from '@scripts/build-functions'
import { recordForPrivacyScan, startRecording } from '../privacy-scan/record'

const root = path.resolve(__dirname, '../..')

/** The jest worker's shared emulator (tests/integration/support/worker-emulator.js), when the environment lends one. */
interface WorkerEmulator {
  lease(): Promise<Emulator>
  release(): Promise<void>
}
const workerEmulator = (globalThis as { __workerEmulator?: WorkerEmulator }).__workerEmulator

/**
 * Builds the functions these tests drive when their sources changed (only those, and notify, whose timer moves
 * requests' events: others may be mid-edit), and
 * gives an in-memory emulator with every built function: the jest worker's, emptied for this file, or with
 * options of its own a new one. `close()` when done (the worker's goes back for the next file).
 */
export async function startFunctionsEmulator(
  functions = ['checkin', 'makeup'],
  options: Pick<EmulatorOptions, 'maxInstances'> = {},
): Promise<Emulator> {
  await buildFunctions([...new Set([...functions, 'notify'])])
  if (workerEmulator && options.maxInstances === undefined) {
    const shared = await workerEmulator.lease()
    // its function logs and audit-like records go to the privacy scan that runs after the suite
    const stop = startRecording(shared)
    let closed = false
    // the file's handle: the worker's emulator, except that closing it hands it back
    return Object.create(shared, {
      close: {
        value: async () => {
          if (closed) return
          closed = true
          await stop()
          await workerEmulator.release()
        },
      },
    }) as Emulator
  }
  const emu = await startEmulator({
    dataDir: null,
    functionsDir: path.join(root, 'cloudfunctions'),
    collectionsFile: path.join(root, 'database/collections.json'),
    runTriggers: false,
    ...options,
  })
  // its function logs and audit-like records go to the privacy scan that runs after the suite
  recordForPrivacyScan(emu)
  return emu
}

export interface Called<T> {
  result: Result<T>
  roundTrips: number
}

/** Calls `fn` with `{ action, ...input }` as `openid`, like the app does. */
export async function call<F extends FunctionName, A extends ActionOf<F>>(
  emu: Emulator,
  fn: F,
  action: A,
  input: InputOf<F, A> | Record<string, unknown>,
  openid: string,
): Promise<Called<OutputOf<F, A>>> {
  const report = await emu.invoke(fn, { action, ...(input as object) }, { openid })
  if (!report.ok) throw new Error(`${fn}.${action} crashed: ${JSON.stringify(report.error)}`)
  return { result: report.result as Result<OutputOf<F, A>>, roundTrips: report.roundTrips }
}

/**
 * What the notify timer does first each minute, now: the requests' events become their audit entries and
 * notices (server/request-events.ts), and settled approvals' records are checked. Returns how many moved.
 */
export async function settle(emu: Emulator): Promise<number> {
  const report = await emu.invoke('notify', { action: 'events' }, { openid: '', source: 'wx_client,scf' })
  if (!report.ok) throw new Error(`notify events crashed: ${JSON.stringify(report.error)}`)
  const result = report.result as Result<{ moved: number }>
  if (!result.ok) throw new Error(`notify events refused: ${result.code}`)
  return result.data.moved
}

/** The data when ok, else fails the test with the refusal. */
export async function ok<F extends FunctionName, A extends ActionOf<F>>(
  emu: Emulator,
  fn: F,
  action: A,
  input: InputOf<F, A> | Record<string, unknown>,
  openid: string,
): Promise<OutputOf<F, A>> {
  const { result } = await call(emu, fn, action, input, openid)
  if (!result.ok) throw new Error(`${fn}.${action} refused: ${result.code}`)
  return result.data
}

/** The refusal code ('OK' when accepted). */
export async function codeOf<F extends FunctionName, A extends ActionOf<F>>(
  emu: Emulator,
  fn: F,
  action: A,
  input: InputOf<F, A> | Record<string, unknown>,
  openid: string,
): Promise<string> {
  const { result } = await call(emu, fn, action, input, openid)
  return result.ok ? 'OK' : result.code
}

/** Replaces the whole database with these documents (Dates allowed). */
export function load(emu: Emulator, collections: Record<string, object[]>): void {
  emu.store.reset(EJSON.serialize(collections, { relaxed: false }) as Record<string, unknown[]>)
}

export function docs<T>(emu: Emulator, collection: string, criteria: object = {}): T[] {
  if (!emu.store.collectionNames().includes(collection)) return []
  return emu.store.find(collection, criteria as never, { limit: 1000 }).list.map((t) => EJSON.parse(t) as T)
}

/**
 * The quota view of one member's cycle (`<memberId>_<cycle>`) as every reader derives it from the documents
 * holding its keys (core quotasOf): nothing used when nothing ever held one.
 */
export function quotaView(emu: Emulator, quotaKey: string): QuotaDoc {
  const [view] = quotasOf(docs<Holder>(emu, COLLECTIONS.makeups, { quotaKey }))
  const [memberId, cycle] = quotaKey.split('_')
  return view ?? { ...emptyQuota(COMPANY, memberId, cycle, new Date(0)), madeUpDays: [] }
}

/** Moves the emulator clock (and so the functions' "now") to this instant. */
export async function setNow(emu: Emulator, at: Date | string): Promise<void> {
  await emu.setClockOffset(new Date(at).getTime() - Date.now())
}

export const report: HealthReport = { status: 'well', temperature: 36.6, region: '北京', healthCode: 'green' }

/** The fixture's usual now: Friday 2026-11-27 10:00 in Shanghai. */
export const FRIDAY_10 = '2026-11-27T02:00:00Z'

export const COMPANY = 'c1'
export const OTHER_COMPANY = 'c2'

/** Openids of the fixture: a bound employee, a second one, one in another company, an unbound user. */
export const A = 'o-a'
export const B = 'o-b'
export const C2 = 'o-c2'
export const NEW = 'o-new'

/** Fixture members have consented to health-data processing (the consent gate); privacy tests remove it. */
export const CONSENTED = {
  healthConsent: { version: 1, at: new Date('2026-01-05T02:00:00Z'), withdrawnAt: null },
}

export function member(id: string, companyId: string, over: Partial<MemberDoc> = {}): MemberDoc {
  return {
    ...CONSENTED,
    _id: id,
    companyId,
    employeeNo: id.toUpperCase(),
    name: `员工${id}`,
    dept: '研发部',
    region: '北京',
    roles: ['employee'],
    joinedOn: '2026-01-05',
    makeupEnabled: true,
    identityBound: false,
    openid: null,
    status: 'active',
    ...over,
  }
}

/** Two companies; members m1 (A) and m2 (B) in c1, m9 (C2) in c2, m3 unbound in c1. */
export function fixture(
  policy: Partial<Policy> = {},
  members: Partial<Record<string, Partial<MemberDoc>>> = {},
) {
  const p: Policy = { ...DEFAULT_POLICY, cutoffDay: null, ...policy }
  const company = (id: string, inviteCode: string): CompanyDoc => ({
    _id: id,
    name: id === COMPANY ? '测试科技' : '别家公司',
    inviteCode,
    policy: p,
    createdAt: new Date('2025-01-01T00:00:00Z'),
  })
  const m1 = member('m1', COMPANY, { openid: A, ...members.m1 })
  const m2 = member('m2', COMPANY, { openid: B, ...members.m2 })
  const m3 = member('m3', COMPANY, { name: '新同事', ...members.m3 })
  const m9 = member('m9', OTHER_COMPANY, { openid: C2, ...members.m9 })
  const binding = (m: MemberDoc): BindingDoc => ({
    _id: m.openid!,
    companyId: m.companyId,
    memberId: m._id,
    boundAt: new Date('2026-01-05T02:00:00Z'),
  })
  return {
    companies: [company(COMPANY, 'JOIN2026'), company(OTHER_COMPANY, 'OTHER001')],
    members: [m1, m2, m3, m9],
    bindings: [m1, m2, m9].filter((m) => m.openid).map(binding),
    checkins: [],
    makeups: [],
    specials: [],
    maintenance: [],
    audit: [],
  }
}

export const fileOf = (companyId: string, memberId: string, name = 'f0a1b2c3.jpg') =>
  `cloud://local-dev.bucket/companies/${companyId}/members/${memberId}/${name}`

let seq = 0
/** A fresh client request id. */
export const rid = () => `req-${process.pid}-${Date.now().toString(36)}-${seq++}`

/** m1's make-up of `day` as the app submits it: the health-code screenshot, a fresh client request id. */
export const makeupInput = (day: string, over: Partial<MakeupSubmitInput> = {}): MakeupSubmitInput => ({
  day,
  report,
  reason: '当天忘记打卡',
  attachments: [fileOf(COMPANY, 'm1')],
  attachmentKind: 'healthCode',
  clientRequestId: rid(),
  ...over,
})

/**
 * Starts `n` warm instances of a function (like provisioned concurrency), in waves small enough that cold
 * starts on a 2-core machine stay inside the function timeout. Races then measure the code, not cold starts.
 */
export async function warm(emu: Emulator, fn: FunctionName, n: number, wave = 20): Promise<void> {
  for (let size = Math.min(wave, n); ; size = Math.min(size + wave, n)) {
    await Promise.all(
      Array.from({ length: size }, () => emu.invoke(fn, { action: 'nothing' }, { openid: 'o-warm' })),
    )
    if (size === n) return
  }
}

/** Files as their first bytes make them: real JPEG / PNG / PDF signatures. */
export const BYTES = {
  jpg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60)]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(60)]),
  pdf: Buffer.from('%PDF-1.4\n%test\n'),
}

/** Puts a file into emulator storage at the member's upload folder; returns its fileID. */
export function upload(
  emu: Emulator,
  companyId: string,
  memberId: string,
  name: string,
  bytes: Buffer,
): string {
  const cloudPath = `companies/${companyId}/members/${memberId}/${name}`
  emu.files.put(cloudPath, bytes)
  return emu.files.fileIdFor(cloudPath)
}

/** The files the fixture's requests attach (storage is not cleared by `load`). */
export function uploadFixtureFiles(emu: Emulator): void {
  upload(emu, COMPANY, 'm1', 'f0a1b2c3.jpg', BYTES.jpg)
  upload(emu, COMPANY, 'm1', 'b1.png', BYTES.png)
  upload(emu, COMPANY, 'm1', 'scan.pdf', BYTES.pdf)
  upload(emu, COMPANY, 'm2', 'f0a1b2c3.jpg', BYTES.jpg)
  // a PDF renamed to .jpg, and a JPEG over the 5 MB limit
  upload(emu, COMPANY, 'm1', 'renamed.jpg', BYTES.pdf)
  upload(emu, COMPANY, 'm1', 'huge.jpg', Buffer.concat([BYTES.jpg, Buffer.alloc(5 * 1024 * 1024)]))
}
