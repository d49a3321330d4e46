// The retention purge under the emulator clock: health details and files of records older than the company's
// retention are removed, day / status / who decided stay, newer and still-open records are kept; the run is
// audited, idempotent, finishes what an interrupted run left, and only the timer may start it. Members see when
// their oldest details will be removed.
import { type CheckinDoc, COLLECTIONS, holdKeys, type MakeupDoc, type SpecialDoc } from '@core/makeup'
import {
  A,
  B,
  BYTES,
  codeOf,
  COMPANY,
  docs,
  fixture,
  FRIDAY_10,
  load,
  ok,
  report,
  setNow,
  upload,
} from './harness'
import { useEmulator } from './fixture'
import { checkinDoc } from './review-fixture'

jest.setTimeout(120_000)

// Friday 2026-11-27 10:00 in Shanghai; retention 30 days → details of days before 2026-10-28 go
const NOW = FRIDAY_10
const emu = useEmulator({ functions: ['privacy', 'retention'], data: seed, at: NOW })

const checkin = (memberId: string, day: string, over: object = {}): CheckinDoc => ({
  ...checkinDoc(memberId, day),
  at: new Date(`${day}T01:00:00Z`),
  ...over,
})

const request = (id: string, day: string, status: MakeupDoc['status'], attachments: string[]): MakeupDoc => ({
  ...holdKeys(id, 'm1', day, day.slice(0, 7), null),
  _id: id,
  companyId: COMPANY,
  memberId: 'm1',
  day,
  status,
  report,
  reason: '发烧在家休息',
  attachments,
  attachmentKind: 'healthCode',
  cycle: day.slice(0, 7),
  charged: true,
  granted: false,
  policyVersion: 1,
  submittedAt: new Date(`${day}T12:00:00Z`),
  updatedAt: new Date(`${day}T12:00:00Z`),
  ...(status === 'approved'
    ? { decidedAt: new Date(`${day}T13:00:00Z`), decidedBy: 'm2', decisionNote: '同意' }
    : {}),
})

let files: Record<string, string>
let data: Record<string, object[]>

/** Old, open and new records with their files; kept in `data` for tests that reload a variant. */
function seed(): Record<string, object[]> {
  files = {
    oldShot: upload(emu, COMPANY, 'm1', 'old-shot.jpg', BYTES.jpg),
    openShot: upload(emu, COMPANY, 'm1', 'open-shot.jpg', BYTES.jpg),
    newShot: upload(emu, COMPANY, 'm1', 'new-shot.jpg', BYTES.jpg),
    evidence: upload(emu, COMPANY, 'm1', 'evidence.pdf', BYTES.pdf),
  }
  const base = fixture()
  const special: SpecialDoc = {
    _id: 'm1_2026-09-30',
    companyId: COMPANY,
    memberId: 'm1',
    day: '2026-09-30',
    reason: '住院',
    evidence: [files.evidence],
    status: 'granted',
    submittedAt: new Date('2026-10-02T02:00:00Z'),
    used: true,
    decidedBy: 'm2',
  }
  data = {
    ...base,
    companies: base.companies.map((c) => (c._id === COMPANY ? { ...c, privacy: { retentionDays: 30 } } : c)),
    checkins: [
      checkin('m1', '2026-10-08'),
      checkin('m1', '2026-10-27'),
      checkin('m1', '2026-10-28'),
      checkin('m1', '2026-11-20'),
      checkin('m9', '2026-10-08', { companyId: 'c2' }),
    ],
    makeups: [
      request('r-old', '2026-10-09', 'approved', [files.oldShot]),
      request('r-open', '2026-10-12', 'pending', [files.openShot]),
      request('r-new', '2026-11-18', 'approved', [files.newShot]),
    ],
    specials: [special],
    // leave days hold no health data, but are the member's records: they follow the same retention
    leaves: [leave('m1', '2026-10-08'), leave('m1', '2026-11-20'), leave('m9', '2026-10-08', 'c2')],
  }
  return data
}

function leave(memberId: string, day: string, companyId = COMPANY) {
  const at = new Date('2026-10-01T02:00:00Z')
  return { _id: `${memberId}_${day}`, companyId, memberId, day, kind: 'leave', entryId: 'lv1', by: 'm2', at }
}

const byId = <T extends { _id: string }>(coll: string, id: string) => docs<T>(emu, coll, { _id: id })[0]
const hasFile = (fileID: string) => emu.files.has(emu.files.pathOf(fileID)!)
const purgeAudits = () =>
  docs<{ subject: string; reason: string }>(emu, COLLECTIONS.audit, { subject: 'retention' })

async function runTimer() {
  const r = await emu.fireTrigger('retention')
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.result as { ok: true; data: { done: boolean; companies: { companyId: string; counts: object }[] } }
}

describe('retention purge', () => {
  it('members see when their oldest health details will be removed', async () => {
    const status = await ok(emu, 'privacy', 'status', {}, A)
    expect(status.retentionDays).toBe(30)
    expect(status.nextRemoval).toEqual({ day: '2026-10-08', removedOn: '2026-11-07' })
    expect(status.text.sections.find((s) => s.title === '保存期限')?.body).toContain('30 天')
  })

  it('removes details and files older than the retention and keeps the rest', async () => {
    const run = await runTimer()
    expect(run.data.done).toBe(true)
    expect(run.data.companies.find((c) => c.companyId === COMPANY)?.counts).toMatchObject({
      checkins: 2,
      makeups: 1,
      specials: 1,
      leaves: 1,
      files: 2,
    })
    expect(docs<{ _id: string }>(emu, 'leaves').map((l) => l._id)).toEqual(['m1_2026-11-20', 'm9_2026-10-08'])

    const old = byId<CheckinDoc & { purgedAt?: Date }>(COLLECTIONS.checkins, 'm1_2026-10-08')
    expect(old.report).toBeUndefined()
    expect(old).toMatchObject({ day: '2026-10-08', source: 'daily', memberId: 'm1' })
    expect(old.purgedAt).toBeDefined()
    expect(byId<CheckinDoc>(COLLECTIONS.checkins, 'm1_2026-10-27').report).toBeUndefined()
    // the first day inside the retention and later days keep their details
    expect(byId<CheckinDoc>(COLLECTIONS.checkins, 'm1_2026-10-28').report).toEqual(report)
    expect(byId<CheckinDoc>(COLLECTIONS.checkins, 'm1_2026-11-20').report).toEqual(report)

    const decided = byId<MakeupDoc>(COLLECTIONS.makeups, 'r-old')
    expect(decided).toMatchObject({ day: '2026-10-09', status: 'approved', decidedBy: 'm2' })
    for (const f of ['report', 'reason', 'attachments', 'decisionNote'] as const)
      expect(decided[f]).toBeUndefined()
    expect(hasFile(files.oldShot)).toBe(false)
    // a request still waiting for a decision is not purged, nor are newer ones
    expect(byId<MakeupDoc>(COLLECTIONS.makeups, 'r-open').report).toEqual(report)
    expect(hasFile(files.openShot)).toBe(true)
    expect(byId<MakeupDoc>(COLLECTIONS.makeups, 'r-new').attachments).toEqual([files.newShot])
    expect(hasFile(files.newShot)).toBe(true)

    const special = byId<SpecialDoc>(COLLECTIONS.specials, 'm1_2026-09-30')
    expect(special).toMatchObject({ status: 'granted', decidedBy: 'm2' })
    expect(special.evidence).toBeUndefined()
    expect(hasFile(files.evidence)).toBe(false)

    // the other company keeps the default retention (180 days)
    expect(byId<CheckinDoc>(COLLECTIONS.checkins, 'm9_2026-10-08').report).toEqual(report)

    const audits = purgeAudits()
    expect(audits).toHaveLength(1)
    expect(audits[0].reason).toBe(
      'retention: records before 2026-10-28; check-ins 2, requests 1, special requests 1, tickets 0, leave days 1, files 2',
    )
    // the member now sees the next removal
    expect((await ok(emu, 'privacy', 'status', {}, A)).nextRemoval).toEqual({
      day: '2026-10-28',
      removedOn: '2026-11-27',
    })
  })

  it('is idempotent and finishes what an interrupted run left', async () => {
    // an earlier run stopped after purging one record
    const checkins = (data.checkins as CheckinDoc[]).map((c) =>
      c._id === 'm1_2026-10-08' ? { ...c, report: undefined, purgedAt: new Date(NOW) } : c,
    )
    load(emu, { ...data, checkins })
    const first = await runTimer()
    expect(first.data.companies.find((c) => c.companyId === COMPANY)?.counts).toMatchObject({ checkins: 1 })
    const second = await runTimer()
    expect(second.data.companies.find((c) => c.companyId === COMPANY)?.counts).toMatchObject({
      checkins: 0,
      makeups: 0,
      specials: 0,
      files: 0,
    })
    expect(purgeAudits()).toHaveLength(1)
  })

  it('moving the clock on makes more records old', async () => {
    await runTimer()
    await setNow(emu, '2026-12-25T02:00:00Z') // cutoff 2026-11-25
    await runTimer()
    expect(byId<CheckinDoc>(COLLECTIONS.checkins, 'm1_2026-11-20').report).toBeUndefined()
    expect(hasFile(files.newShot)).toBe(false)
    expect(purgeAudits()).toHaveLength(2)
  })

  it("a confirmed deletion removes the member's leave days, and only theirs", async () => {
    const members = (data.members as { _id: string; roles: string[] }[]).map((m) =>
      m._id === 'm2' ? { ...m, roles: ['employee', 'hr'] } : m,
    )
    load(emu, { ...data, members, leaves: [...data.leaves, leave('m2', '2026-11-20')] })
    await ok(emu, 'privacy', 'requestDeletion', {}, A)
    await ok(emu, 'privacy', 'confirmDeletion', { memberId: 'm1' }, B)
    expect(docs<{ _id: string }>(emu, 'leaves').map((l) => l._id)).toEqual(['m9_2026-10-08', 'm2_2026-11-20'])
  })

  it('cannot be started from the app', async () => {
    const r = await emu.invoke('retention', {}, { openid: A })
    expect(r.result).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(byId<CheckinDoc>(COLLECTIONS.checkins, 'm1_2026-10-08').report).toEqual(report)
    expect(await codeOf(emu, 'privacy', 'status', {}, 'o-stranger')).toBe('NOT_BOUND')
  })
})

interface Detail {
  action: string
  collection?: string
  query?: unknown
  index?: string | null
}

it('every query of privacy and retention uses a declared index and is scoped to a company', async () => {
  const since = emu.requestLog({ limit: 1 }).at(-1)?.seq ?? 0
  await ok(emu, 'privacy', 'status', {}, A)
  await ok(emu, 'privacy', 'consent', { decision: 'grant', version: 1 }, A)
  await ok(emu, 'privacy', 'exportMine', {}, A)
  await ok(emu, 'privacy', 'requestDeletion', {}, A)
  await runTimer()
  const queries = emu
    .requestLog({ since, limit: 10_000 })
    .flatMap((e) => ((e as { details?: Detail[] }).details ?? []) as Detail[])
    .filter((d) => d.collection && d.action !== 'database.aggregateDocuments')
    .filter((d) => d.action === 'database.queryDocument' || d.action === 'database.getDocument')
  expect(queries.length).toBeGreaterThan(10)
  expect(queries.filter((q) => !q.index).map((q) => `${q.collection} ${JSON.stringify(q.query)}`)).toEqual([])
  expect(
    queries
      .filter((q) => q.index !== '_id' && q.collection !== 'companies')
      .filter((q) => !JSON.stringify(q.query).includes('"companyId"')),
  ).toEqual([])
})
