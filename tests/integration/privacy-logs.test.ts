// No health value or temporary URL in clear in any log line or audit record: every path that handles health data
// (check-in, make-up with attachment, review detail and decision, HR correction, export, purge, refusals) runs once
// through the emulator while the function instances' console lines are captured (the runtime's `onLog`); then those
// lines and the audit, access-log and privacy-log collections are scanned. The whole suite's logs and records are
// scanned after the run by tests/privacy-scan.
import { leaksHealthData } from '@core/privacy'
import { COLLECTIONS } from '@core/makeup'
import type { HealthReport } from '@core/health'
import { BYTES, COMPANY, docs, ok, rid, setNow, upload, settle } from './harness'
import { useEmulator } from './fixture'
import { A, B, HR, REV_DEV, checkinDoc, loadReviewFixture } from './review-fixture'

jest.setTimeout(180_000)

// distinctive values, so a hit cannot come from anything but the reports
const fever: HealthReport = { status: 'unwell', temperature: 37.9, region: '北京', healthCode: 'yellow' }

const captured: string[] = []

const emu = useEmulator({
  functions: ['checkin', 'makeup', 'review', 'privacy', 'retention'],
  ready: (emu) => emu.runtime.onLog((l) => captured.push(l.line)),
})

/** Worker output arrives through a pipe: wait until the last line of a run shows up. */
async function flushed(marker: RegExp): Promise<void> {
  for (let i = 0; i < 100 && !captured.some((c) => marker.test(c)); i++)
    await new Promise((r) => setTimeout(r, 20))
}

interface Leak {
  where: string
  found: string | null
  text: string
}

let leaks: Leak[] = []

beforeAll(async () => {
  const shot = upload(emu, COMPANY, 'm1', 'shot.jpg', BYTES.jpg)
  const renamed = upload(emu, COMPANY, 'm1', 'renamed.jpg', BYTES.pdf)
  loadReviewFixture(
    emu,
    [{ memberId: 'm2', day: '2026-11-24', submittedAt: '2026-11-25T02:00:00Z' }],
    [],
    [checkinDoc('m1', '2026-05-11')],
  )
  await setNow(emu, '2026-11-27T01:00:00Z')

  await ok(emu, 'checkin', 'submit', { report: fever, clientRequestId: rid() }, A)
  const input = { day: '2026-11-26', report: fever, reason: '发烧', attachmentKind: 'healthCode' as const }
  const refused = await emu.invoke(
    'makeup',
    { action: 'submit', ...input, attachments: [renamed], clientRequestId: rid() },
    { openid: A },
  )
  expect(refused.result).toMatchObject({ ok: false, code: 'ATTACHMENT_INVALID' })
  const request = await ok(
    emu,
    'makeup',
    'submit',
    { ...input, attachments: [shot], clientRequestId: rid() },
    A,
  )
  const detail = await ok(emu, 'review', 'detail', { id: request.id }, REV_DEV)
  expect(detail.previews[0].url).toMatch(/^http/) // a temp URL was issued (and must appear nowhere below)
  await emu.invoke('review', { action: 'decide', id: request.id, decision: 'approve' }, { openid: B }) // refused
  await ok(emu, 'review', 'decide', { id: request.id, decision: 'approve' }, REV_DEV)
  // the notify timer moves the request's events into the audit log
  await settle(emu)
  await ok(
    emu,
    'review',
    'correct',
    { memberId: 'm1', day: '2026-11-27', report: fever, note: '电话更正' },
    HR,
  )
  await ok(emu, 'privacy', 'exportMine', {}, A)
  await ok(emu, 'privacy', 'consent', { decision: 'withdraw', version: 1 }, A)
  await ok(emu, 'privacy', 'requestDeletion', { reason: '离职' }, A)
  const purge = await emu.fireTrigger('retention')
  expect(purge.result).toMatchObject({ ok: true })
  await flushed(/retention purge done/)

  leaks = [
    ...captured.map((line) => ['log', line] as const),
    ...[COLLECTIONS.audit, 'access_log', 'privacy_log'].flatMap((coll) =>
      docs<{ action?: string }>(emu, coll).map(
        (d) => [`${coll}:${d.action ?? ''}`, JSON.stringify(d)] as const,
      ),
    ),
  ]
    .map(([where, text]) => ({ where, found: leaksHealthData(text), text: text.slice(0, 300) }))
    .filter((l) => l.found)
}, 120_000)

it("captures the function workers' log lines", () => {
  // the purge's own summary line came through from its worker
  expect(captured).toContainEqual(expect.stringMatching(/^retention purge done: \[\{"companyId":"c1"/))
})

it('writes no temperature, health-code colour or temp URL to logs or audit records', () => {
  expect(leaks.filter((l) => l.where !== 'audit:correct')).toEqual([])
  // the audit trail did record the work: ids and field names, not values
  expect(docs<{ action: string }>(emu, COLLECTIONS.audit).map((a) => a.action)).toEqual(
    expect.arrayContaining(['submit', 'approve', 'correct', 'purge']),
  )
})

// The values of an HR correction stay on the record (readable through role-checked functions only); its audit
// entry names the changed fields.
it('keeps the values of an HR correction out of the audit trail', () => {
  expect(leaks.filter((l) => l.where === 'audit:correct')).toEqual([])
})

it('the scanner itself finds each kind of leak', () => {
  expect(leaksHealthData('{"temperature":37.9}')).toMatch(/temperature/)
  expect(leaksHealthData('{"healthCode":"yellow"}')).toMatch(/colour/)
  expect(leaksHealthData('see http://127.0.0.1:9/download/x.jpg?t=1&sign=abc')).toMatch(/URL/)
  expect(leaksHealthData('{"memberId":"m1","action":"correct","fields":["temperature"]}')).toBeNull()
})
