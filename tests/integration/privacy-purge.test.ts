// Nothing of a member's health data survives its deletion or expiry. Unique markers are planted in every free-text
// and health field a member or reviewer can fill (make-up reason, report note and region, return and rejection
// notes, withdrawal reason, special-request reason and HR's decision on it, correction and on-behalf notes, the
// deletion request's reason, a help ticket's text and HR's reply); every path runs through the functions (submit,
// withdraw, return, resubmit with new photos, reject, approve, special request and its grant, correction, on-behalf
// entry, help ticket with a screenshot and its answer, export, webhook delivery, notices, deletion of a member with
// open requests, retention); then the whole database dump (the control API's export), the subscribe messages sent
// and every file in the emulator's storage folder are searched for them.
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { constants, inflateRawSync } from 'node:zlib'
import { startEmulator, type Emulator } from '@emulator/index'
import { buildFunctions } from '@scripts/build-functions'
import { COLLECTIONS, type MakeupDoc } from '@core/makeup'
import type { HealthReport } from '@core/health'
import { recordForPrivacyScan } from '../privacy-scan/record'
import { SETTLE_MS } from '@core/admin'
import {
  A,
  B,
  BYTES,
  codeOf,
  COMPANY,
  docs,
  fixture,
  load,
  member,
  ok,
  rid,
  setNow,
  upload,
  quotaView,
} from './harness'

jest.setTimeout(300_000)

const HR = 'o-hr'
const FUNCTIONS = ['checkin', 'makeup', 'review', 'privacy', 'retention', 'admin', 'notify', 'help']
const root = path.resolve(__dirname, '../..')

let emu: Emulator
let dataDir: string
let server: http.Server
let received: string[] = []

beforeAll(async () => {
  await buildFunctions(FUNCTIONS)
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'purge-test-'))
  emu = await startEmulator({
    dataDir,
    functionsDir: path.join(root, 'cloudfunctions'),
    collectionsFile: path.join(root, 'database/collections.json'),
    runTriggers: false,
  })
  recordForPrivacyScan(emu)
  server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push(body)
      res.writeHead(200).end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
}, 240_000)

afterAll(async () => {
  await emu?.close()
  await new Promise((r) => server?.close(r))
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

// Friday 2026-11-27 10:00 in Shanghai: 24–26 are inside the make-up window, 23 and 20 past it
const NOW = '2026-11-27T02:00:00Z'
const tag = Date.now().toString(36)
/** A marker for one field: unique, plain text, never produced by the code itself. */
const mark = (who: string, field: string) => `标记${who}${field}${tag}`
const planted: Record<'m1' | 'm2', string[]> = { m1: [], m2: [] }
function marker(who: 'm1' | 'm2', field: string): string {
  const m = mark(who, field)
  planted[who].push(m)
  return m
}

/** A report whose note and region are markers (the policy asks for the region, so it is stored). */
const reportOf = (who: 'm1' | 'm2', field: string): HealthReport => ({
  status: 'unwell',
  temperature: 36.6,
  region: marker(who, `${field}地区`),
  healthCode: 'green',
  note: marker(who, `${field}备注`),
})

/** The control API's export (every collection, the subscribe messages, every stored file) as searchable text. */
async function dump(): Promise<string> {
  const res = await fetch(`${emu.url}/control/export`, { headers: { 'x-emulator-token': emu.controlToken } })
  const data = (await res.json()) as {
    collections: unknown
    subscribe: unknown
    files: { path: string; base64: string }[]
  }
  const files = data.files.map((f) => `${f.path}\n${fileText(Buffer.from(f.base64, 'base64'))}`)
  return [JSON.stringify(data.collections), JSON.stringify(data.subscribe), ...files].join('\n')
}

/** The storage folder on disk, every file, as text (zip entries inflated: an XLSX export is deflated XML). */
function storageFolder(): string {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else out.push(`${p}\n${fileText(fs.readFileSync(p))}`)
    }
  }
  walk(path.join(dataDir, 'storage'))
  return out.join('\n')
}

/** Inflates what a stream holds so far (an XLSX part is flushed, not finished). */
const SYNC = { finishFlush: constants.Z_SYNC_FLUSH }

/** A file's text: its bytes as UTF-8, plus every deflated stream in it inflated (zip entries, XLSX parts). */
function fileText(bytes: Buffer): string {
  const parts = [bytes.toString('utf8')]
  for (let i = bytes.indexOf('PK\x03\x04'); i >= 0; i = bytes.indexOf('PK\x03\x04', i + 4)) {
    const nameLen = bytes.readUInt16LE(i + 26)
    const extraLen = bytes.readUInt16LE(i + 28)
    try {
      parts.push(inflateRawSync(bytes.subarray(i + 30 + nameLen + extraLen), SYNC).toString('utf8'))
    } catch {
      // a stored (not deflated) entry is in the plain text already
    }
  }
  try {
    parts.push(inflateRawSync(bytes, SYNC).toString('utf8'))
  } catch {
    // not a raw deflate stream
  }
  return parts.join('\n')
}

const found = (text: string, markers: string[]) => markers.filter((m) => text.includes(m))

async function fire(name: string) {
  const r = await emu.fireTrigger(name)
  if (!r.ok) throw new Error(`${name} timer failed: ${JSON.stringify(r.error)}`)
  return r.result as { ok: boolean; data: unknown }
}

const exists = (fileID: string) => emu.files.list().some((f) => fileID.endsWith(`/${f.path}`))
const quota = (memberId: string) => quotaView(emu, `${memberId}_2026-11`)

async function exportAll(kind: 'checkins' | 'makeups' | 'audit', format: 'csv' | 'xlsx') {
  let job = await ok(emu, 'review', 'export', { kind, from: '2026-11-01', to: '2026-11-30', format }, HR)
  while (job.status !== 'done') job = await ok(emu, 'review', 'exportContinue', { jobId: job.jobId }, HR)
  return job
}

beforeEach(async () => {
  const base = fixture({ requiredFields: ['temperature', 'region', 'healthCode'] })
  const hr = member('h1', COMPANY, {
    name: '陈思',
    dept: '人力资源部',
    roles: ['hr', 'reviewer', 'employee'],
    openid: HR,
  })
  load(emu, {
    ...base,
    members: [...base.members, hr],
    bindings: [
      ...base.bindings,
      { _id: HR, companyId: COMPANY, memberId: 'h1', boundAt: new Date('2026-01-05T02:00:00Z') },
    ],
    delegations: [],
  })
  planted.m1 = []
  planted.m2 = []
  received = []
  await setNow(emu, NOW)
})

/** Every path a member and HR can take, with markers; returns the photos and evidence involved. */
async function everyPath(who: 'm1' | 'm2', openid: string) {
  const file = (name: string, bytes = BYTES.jpg) => upload(emu, COMPANY, who, `${tag}-${name}`, bytes)
  const submit = (day: string, field: string, attachments: string[], over: object = {}) =>
    ok(
      emu,
      'makeup',
      'submit',
      {
        day,
        report: reportOf(who, field),
        reason: marker(who, `${field}理由`),
        reasonKind: 'other',
        attachments,
        attachmentKind: 'healthCode',
        failures: [{ at: `${day}T01:00:00.000Z`, error: marker(who, `${field}故障`) }],
        clientRequestId: rid(),
        ...over,
      },
      openid,
    )
  const decide = (id: string, decision: string, field: string, over: object = {}) =>
    ok(emu, 'review', 'decide', { id, decision, note: marker(who, field), ...over }, HR)

  // today's check-in, then HR corrects it
  await ok(emu, 'checkin', 'submit', { report: reportOf(who, '打卡'), clientRequestId: rid() }, openid)
  await ok(
    emu,
    'review',
    'correct',
    { memberId: who, day: '2026-11-27', report: reportOf(who, '更正'), note: marker(who, '更正说明') },
    HR,
  )
  // an entry on behalf (not charged)
  await ok(
    emu,
    'review',
    'onBehalf',
    {
      memberId: who,
      day: '2026-11-19',
      report: reportOf(who, '代登记'),
      channel: 'phone',
      note: marker(who, '代登记说明'),
      charged: false,
    },
    HR,
  )
  // submitted and withdrawn with a reason
  const first = await submit('2026-11-26', '撤回前', [file('withdrawn.jpg')])
  await ok(emu, 'makeup', 'withdraw', { id: first.id, reason: marker(who, '撤回理由') }, openid)
  // returned, resubmitted with a new photo (the old one is deleted at once), rejected with a note
  const photo1 = file('photo1.jpg')
  const photo2 = file('photo2.jpg')
  const rejected = await submit('2026-11-24', '初次', [photo1])
  await decide(rejected.id, 'return', '退回意见')
  await ok(
    emu,
    'makeup',
    'resubmit',
    {
      id: rejected.id,
      report: reportOf(who, '重交'),
      reason: marker(who, '重交理由'),
      attachments: [photo2],
      attachmentKind: 'healthCode',
    },
    openid,
  )
  expect(exists(photo1)).toBe(false)
  expect(exists(photo2)).toBe(true)
  await decide(rejected.id, 'reject', '驳回意见', { reasonCode: 'other' })
  // approved with a note: the day's effective record holds the report
  const approved = await submit('2026-11-25', '通过', [file('photo3.jpg')])
  await decide(approved.id, 'approve', '通过意见')
  // returned and never resubmitted: open at the purge
  const returned = await submit('2026-11-26', '退回未改', [file('photo4.jpg')])
  await decide(returned.id, 'return', '退回意见二')
  // a special request granted with HR's note, then used by a pending make-up: open at the purge
  const granted = await ok(
    emu,
    'makeup',
    'special',
    {
      day: '2026-11-23',
      reason: marker(who, '特殊理由'),
      evidence: [file('evidence1.pdf', BYTES.pdf)],
      clientRequestId: rid(),
    },
    openid,
  )
  await ok(
    emu,
    'review',
    'decideSpecial',
    { id: granted.id, decision: 'grant', deadline: '2026-11-30', reason: marker(who, '特殊批复') },
    HR,
  )
  const pending = await submit('2026-11-23', '待审', [file('photo5.jpg')])
  // another special request, still pending at the purge
  const special = await ok(
    emu,
    'makeup',
    'special',
    {
      day: '2026-11-20',
      reason: marker(who, '特殊理由二'),
      evidence: [file('evidence2.pdf', BYTES.pdf)],
      clientRequestId: rid(),
    },
    openid,
  )
  // a help ticket with a screenshot, answered by HR: both texts may speak of health
  const shot = file('ticket-shot.jpg')
  const ticket = await ticketOf(who, openid, shot)
  await ok(emu, 'help', 'reply', { id: ticket.id, text: marker(who, '工单回复') }, HR)
  return { photo2, pending, returned, special, shot }
}

/** A help ticket whose text is a marker. */
const ticketOf = (who: 'm1' | 'm2', openid: string, shot: string) =>
  ok(
    emu,
    'help',
    'open',
    { category: 'other', text: marker(who, '工单内容'), screenshots: [shot], clientRequestId: rid() },
    openid,
  )

/** Exports, webhook deliveries and notices of everything so far. */
async function copies() {
  await ok(
    emu,
    'admin',
    'saveWebhook',
    {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
      secret: 'purge-test-secret-0123456789',
      events: ['checkin.effective', 'makeup.decided'],
      enabled: true,
    },
    HR,
  )
  // the webhook takes events from when it was enabled: move on so the decisions below are after it
  const exports = [await exportAll('makeups', 'csv'), await exportAll('checkins', 'xlsx')]
  // the feed takes only events older than its settle time
  await setNow(emu, new Date(emu.clock.now().getTime() + SETTLE_MS + 1_000))
  await fire('admin')
  await fire('notify')
  return exports
}

describe('purge of health data', () => {
  it('a confirmed deletion leaves nothing of the member anywhere; copies never held their words', async () => {
    await ok(
      emu,
      'admin',
      'saveWebhook',
      {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
        secret: 'purge-test-secret-0123456789',
        events: ['checkin.effective', 'makeup.decided'],
        enabled: true,
      },
      HR,
    )
    const m1 = await everyPath('m1', A)
    const m2 = await everyPath('m2', B)
    const exports = await copies()
    await ok(emu, 'privacy', 'requestDeletion', { reason: marker('m1', '删除理由') }, A)

    // the test can fail: the markers are in the records and the export files before the purge
    const before = await dump()
    expect(found(before, planted.m1).length).toBeGreaterThan(10)
    expect(exports.every((e) => e.fileID && exists(e.fileID))).toBe(true)
    expect(found(storageFolder(), planted.m1).length).toBeGreaterThan(0)
    expect(received.length).toBeGreaterThan(0)
    // copies hold no words in the first place: audit, notices, deliveries, subscribe messages, webhook bodies
    const copiesText = JSON.stringify([
      docs(emu, COLLECTIONS.audit),
      docs(emu, 'outbox'),
      docs(emu, 'webhook_deliveries'),
      emu.exportData().subscribe,
      received,
    ])
    expect(found(copiesText, [...planted.m1, ...planted.m2])).toEqual([])
    expect(quota('m1')).toMatchObject({ used: 3 })

    const result = await ok(emu, 'privacy', 'confirmDeletion', { memberId: 'm1' }, HR)
    expect(result.makeups).toBeGreaterThanOrEqual(5)

    const after = await dump()
    expect(found(after, planted.m1)).toEqual([])
    expect(found(storageFolder(), planted.m1)).toEqual([])
    // open requests were withdrawn (quota released) before being purged; no export file is left
    const own = docs<MakeupDoc>(emu, COLLECTIONS.makeups, { memberId: 'm1' })
    expect(own.find((d) => d._id === m1.pending.id)?.status).toBe('withdrawn')
    expect(own.find((d) => d._id === m1.returned.id)?.status).toBe('withdrawn')
    expect(own.every((d) => d.reason === undefined && d.attachments === undefined)).toBe(true)
    expect(quota('m1')).toMatchObject({ used: 1, openDays: [] })
    expect(emu.files.list().filter((f) => f.path.startsWith(`exports/${COMPANY}/`))).toEqual([])
    expect(emu.files.list().filter((f) => f.path.includes('/members/m1/'))).toEqual([])
    expect(exists(m1.shot)).toBe(false)
    expect(docs(emu, 'tickets', { memberId: 'm1' })).toEqual([])
    expect(docs(emu, 'tickets', { memberId: 'm2' })).toHaveLength(1)
    expect(exists(m2.shot)).toBe(true)
    // the colleague is untouched: every marker of theirs that the records held is still there
    expect(found(after, planted.m2)).toEqual(found(before, planted.m2))
    expect(exists(m2.photo2)).toBe(true)
    expect(quota('m2')).toMatchObject({ used: 3 })
  })

  it('retention removes expired details, returned requests never resubmitted and old exports, nothing newer', async () => {
    const m1 = await everyPath('m1', A)
    // HR decides what still waits for a decision (pending requests are kept until decided)
    await ok(emu, 'review', 'decide', { id: m1.pending.id, decision: 'approve' }, HR)
    await ok(
      emu,
      'review',
      'decideSpecial',
      { id: m1.special.id, decision: 'deny', reason: marker('m1', '特殊驳回') },
      HR,
    )
    await copies()
    await ok(emu, 'privacy', 'settings', { retentionDays: 30 }, HR)
    expect(found(await dump(), planted.m1).length).toBeGreaterThan(10)
    // the denied special request's evidence is in storage until its record goes
    expect(exists(m1.special.evidence[0])).toBe(true)
    // 200 days later (moving the clock runs the timers that fell due) a colleague checks in: that record is inside
    // the retention and stays through another run
    await setNow(emu, '2027-06-15T02:00:00Z')
    await ok(emu, 'checkin', 'submit', { report: reportOf('m2', '新打卡'), clientRequestId: rid() }, B)
    const freshShot = upload(emu, COMPANY, 'm2', `${tag}-fresh-shot.jpg`, BYTES.jpg)
    await ticketOf('m2', B, freshShot)
    const fresh = [...planted.m2]
    await fire('retention')

    const after = await dump()
    expect(found(after, planted.m1)).toEqual([])
    expect(found(storageFolder(), planted.m1)).toEqual([])
    const returned = docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: m1.returned.id })[0]
    expect(returned.status).toBe('withdrawn')
    expect(returned.reason).toBeUndefined()
    expect(emu.files.list().filter((f) => f.path.startsWith(`exports/${COMPANY}/`))).toEqual([])
    expect(found(after, fresh)).toEqual(fresh)
    // the old ticket went with its screenshot; the new one stays
    expect(exists(m1.shot)).toBe(false)
    expect(docs(emu, 'tickets', { memberId: 'm1' })).toEqual([])
    expect(exists(freshShot)).toBe(true)
    // the special request went with its evidence
    expect(exists(m1.special.evidence[0])).toBe(false)
  })

  it('an export file lives a day: then it is refused and deleted with its parts by the next export', async () => {
    const photo = upload(emu, COMPANY, 'm1', `${tag}-x.jpg`, BYTES.jpg)
    await ok(
      emu,
      'makeup',
      'submit',
      {
        day: '2026-11-25',
        report: reportOf('m1', '导出'),
        reason: marker('m1', '导出理由'),
        attachments: [photo],
        attachmentKind: 'healthCode',
        clientRequestId: rid(),
      },
      A,
    )
    const old = await exportAll('makeups', 'csv')
    expect(exists(old.fileID!)).toBe(true)
    await setNow(emu, '2026-11-28T02:00:01Z')
    expect(await codeOf(emu, 'review', 'exportContinue', { jobId: old.jobId }, HR)).toBe('EXPORT_NOT_FOUND')
    const fresh = await exportAll('checkins', 'csv')
    expect(exists(old.fileID!)).toBe(false)
    expect(docs(emu, 'exports').map((j) => (j as { _id: string })._id)).toEqual([fresh.jobId])
    expect(found(storageFolder(), planted.m1)).toEqual([])
  })
})
