// Member rights and the access log through the emulator: a member's export holds all and only their data; every
// view of another person's health data (review detail) and every export is logged, and the member sees who viewed
// their data; a deletion request is recorded once.
import { EJSON } from 'bson'
import { COLLECTIONS, type MakeupDoc } from '@core/makeup'
import {
  BYTES,
  COMPANY,
  FRIDAY_10,
  codeOf,
  docs,
  ok,
  report,
  rid,
  setNow,
  upload,
  quotaView,
} from './harness'
import { useEmulator } from './fixture'
import { A, B, HR, REV_DEV, checkinDoc, loadReviewFixture } from './review-fixture'

jest.setTimeout(120_000)

const NOW = FRIDAY_10
let shot: string
const emu = useEmulator({
  functions: ['checkin', 'makeup', 'review', 'privacy'],
  data: (emu) => {
    shot = upload(emu, COMPANY, 'm1', 'shot.jpg', BYTES.jpg)
    loadReviewFixture(
      emu,
      [
        { memberId: 'm1', day: '2026-11-24', submittedAt: '2026-11-25T02:00:00Z', attachments: [shot] },
        { memberId: 'm2', day: '2026-11-24', submittedAt: '2026-11-25T03:00:00Z' },
      ],
      [],
      [checkinDoc('m1', '2026-11-23'), checkinDoc('m2', '2026-11-23'), checkinDoc('m2', '2026-11-20')],
    )
  },
  at: NOW,
})

describe('access log', () => {
  it('records each review-detail view and each export; the member sees who viewed their data', async () => {
    await ok(emu, 'review', 'detail', { id: 'm1_2026-11-24' }, REV_DEV)
    await ok(emu, 'review', 'detail', { id: 'm1_2026-11-24' }, HR)
    await ok(emu, 'privacy', 'exportMine', {}, A)
    const log = docs<{ subject: string; viewer: { id: string }; what: string }>(emu, 'access_log', {})
    expect(log.map((l) => [l.subject, l.viewer.id, l.what])).toEqual([
      ['m1', 'r1', 'makeup:m1_2026-11-24'],
      ['m1', 'h1', 'makeup:m1_2026-11-24'],
      ['m1', 'm1', 'export'],
    ])
    const status = await ok(emu, 'privacy', 'status', {}, A)
    expect(status.viewers.map((v) => [v.viewer.name, v.what])).toEqual(
      expect.arrayContaining([
        ['李明', 'makeup:m1_2026-11-24'],
        ['陈思', 'makeup:m1_2026-11-24'],
      ]),
    )
    // B's data was not viewed: B sees nobody
    expect((await ok(emu, 'privacy', 'status', {}, B)).viewers).toEqual([])
  })

  it('a refused view is not logged as a view', async () => {
    const refused = await emu.invoke('review', { action: 'detail', id: 'm1_2026-11-24' }, { openid: B })
    expect(refused.result).toMatchObject({ ok: false })
    expect(docs(emu, 'access_log', {})).toEqual([])
  })
})

describe('privacy.exportMine', () => {
  it('contains all and only my data', async () => {
    await ok(emu, 'checkin', 'submit', { report, clientRequestId: rid() }, A)
    await ok(emu, 'privacy', 'consent', { decision: 'grant', version: 1 }, A)
    const leave = (memberId: string, day: string) => ({
      _id: `${memberId}_${day}`,
      companyId: COMPANY,
      memberId,
      day,
      kind: 'trip',
      entryId: 'lv1',
      by: 'h1',
      at: new Date('2026-11-01T02:00:00Z'),
    })
    emu.store.importData(
      EJSON.serialize(
        { leaves: [leave('m1', '2026-11-25'), leave('m2', '2026-11-25')] },
        { relaxed: false },
      ) as Record<string, unknown[]>,
    )
    const data = await ok(emu, 'privacy', 'exportMine', {}, A)
    const mine = <T>(coll: string) =>
      docs<T & { _id: string }>(emu, coll, { companyId: COMPANY, memberId: 'm1' })

    expect(data.member).toMatchObject({ memberId: 'm1', employeeNo: 'M1', companyId: COMPANY })
    expect(data.checkins.map((c) => c.day).sort()).toEqual(
      mine<{ day: string }>(COLLECTIONS.checkins)
        .map((c) => c.day)
        .sort(),
    )
    expect(data.checkins.map((c) => c.day)).toEqual(['2026-11-23', '2026-11-27'])
    expect(data.checkins[1].report).toEqual(report)
    expect(data.makeups.map((r) => r.id)).toEqual(mine<MakeupDoc>(COLLECTIONS.makeups).map((r) => r._id))
    expect(data.makeups[0]).toMatchObject({ id: 'm1_2026-11-24', attachments: [shot], status: 'pending' })
    expect(data.consentHistory.map((h) => h.action)).toEqual(['grant'])
    expect(data.consent?.current).toBe(true)
    expect(data.leaves).toEqual([{ day: '2026-11-25', kind: 'trip' }])
    // nothing of m2 (or anyone else) leaks into it
    const text = JSON.stringify(data)
    expect(text).not.toMatch(/m2_|"m2"|员工m2|h1|r1/)
  })

  it('records a deletion request once', async () => {
    const first = await ok(emu, 'privacy', 'requestDeletion', { reason: '离职' }, A)
    await setNow(emu, '2026-11-28T02:00:00Z')
    expect(await ok(emu, 'privacy', 'requestDeletion', {}, A)).toEqual(first)
    expect((await ok(emu, 'privacy', 'status', {}, A)).deletionRequestedAt).toBe(first.requestedAt)
    expect(docs<{ action: string }>(emu, 'privacy_log', { memberId: 'm1' }).map((l) => l.action)).toEqual([
      'requestDeletion',
    ])
  })

  it("HR admins list deletion requests and confirm one: the member's health details go at once", async () => {
    await ok(emu, 'privacy', 'requestDeletion', { reason: '离职' }, A)
    expect(await codeOf(emu, 'privacy', 'deletionRequests', {}, B)).toBe('FORBIDDEN')
    expect(await codeOf(emu, 'privacy', 'confirmDeletion', { memberId: 'm1' }, REV_DEV)).toBe('FORBIDDEN')
    expect((await ok(emu, 'privacy', 'deletionRequests', {}, HR)).map((r) => r.memberId)).toEqual(['m1'])
    expect(await codeOf(emu, 'privacy', 'confirmDeletion', { memberId: 'm2' }, HR)).toBe('ILLEGAL_TRANSITION')

    const result = await ok(emu, 'privacy', 'confirmDeletion', { memberId: 'm1' }, HR)
    // the pending request is withdrawn first (its quota released), then purged with the rest
    expect(result).toMatchObject({ memberId: 'm1', checkins: 1, makeups: 1 })
    expect(docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: 'm1_2026-11-24' })[0]).toMatchObject({
      status: 'withdrawn',
    })
    expect(docs<MakeupDoc>(emu, COLLECTIONS.makeups, { _id: 'm1_2026-11-24' })[0].reason).toBeUndefined()
    expect(quotaView(emu, 'm1_2026-11')).toMatchObject({
      used: 0,
      openDays: [],
    })
    expect(
      docs<{ report?: unknown }>(emu, COLLECTIONS.checkins, { memberId: 'm1' })[0].report,
    ).toBeUndefined()
    // the colleague's data is untouched
    expect(docs<{ report?: unknown }>(emu, COLLECTIONS.checkins, { memberId: 'm2' })[0].report).toEqual(
      report,
    )
    expect(await ok(emu, 'privacy', 'deletionRequests', {}, HR)).toEqual([])
    expect(
      docs<{ subject: string; memberId: string }>(emu, COLLECTIONS.audit, { subject: 'retention' }),
    ).toEqual([
      expect.objectContaining({
        memberId: 'm1',
        reason: expect.stringContaining('deletion request confirmed by h1'),
      }),
    ])
  })
})

describe('privacy.settings', () => {
  it('HR admins set the retention and the legal basis; members see the changed text, same version', async () => {
    expect(await codeOf(emu, 'privacy', 'settings', { retentionDays: 30 }, B)).toBe('FORBIDDEN')
    expect(await codeOf(emu, 'privacy', 'settings', { retentionDays: 45 }, HR)).toBe('INVALID_INPUT')
    expect(await ok(emu, 'privacy', 'settings', {}, HR)).toEqual({
      retentionDays: 180,
      legalBasis: 'consent',
    })
    const before = await ok(emu, 'privacy', 'status', {}, A)

    expect(
      await ok(emu, 'privacy', 'settings', { retentionDays: 30, legalBasis: 'hrManagement' }, HR),
    ).toEqual({
      retentionDays: 30,
      legalBasis: 'hrManagement',
    })
    const after = await ok(emu, 'privacy', 'status', {}, A)
    expect(after.retentionDays).toBe(30)
    expect(after.text.version).toBe(before.text.version)
    expect(after.text.sections[0].body).toContain('人力资源管理')
    expect(after.nextRemoval).toEqual({ day: '2026-11-23', removedOn: '2026-12-23' })
    expect(
      docs<{ action: string; reason: string }>(emu, COLLECTIONS.audit, { action: 'privacySettings' }),
    ).toEqual([
      expect.objectContaining({ reason: 'retentionDays: 180 → 30; legalBasis: consent → hrManagement' }),
    ])
  })
})
