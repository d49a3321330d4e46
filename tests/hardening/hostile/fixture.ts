// The company the hostile payloads are thrown at: the review fixture (employees A and B, reviewers, an HR admin, a
// member of a department without reviewer, an HR admin of another company) plus a platform operator, requests in
// every state that matters, check-ins, a special request, tickets and uploaded files, so that "another member's
// id" and "another company's file" always name something that exists.
import { EJSON } from 'bson'
import type { Emulator } from '@emulator/index'
import type { BindingDoc, MakeupDoc } from '@core/makeup'
import { hostileSheets } from './sheets'
import TEMPLATES from '@database/subscribe-templates.json'
import {
  BYTES,
  C2,
  COMPANY,
  NEW,
  docs,
  OTHER_COMPANY,
  member,
  setNow,
  upload,
  uploadFixtureFiles,
} from '@tests/integration/harness'
import {
  A,
  B,
  HR,
  HR2,
  OPS,
  REV_DEV,
  REV_MKT,
  checkinDoc,
  loadReviewFixture,
  pendingDoc,
  specialDoc,
} from '@tests/integration/review-fixture'

export { A, B, C2, HR, HR2, NEW, OPS, REV_DEV, REV_MKT }
export const OPERATOR = 'o-operator'

/** Friday 10:00 in Beijing: check-in open, recent working days still makeable. */
export const NOW = '2026-11-27T02:00:00Z'

export const file = (companyId: string, memberId: string, name: string) =>
  `cloud://local-dev.bucket/companies/${companyId}/members/${memberId}/${name}`

/** fileIDs of the fixture */
export const FILES = {
  mine: file(COMPANY, 'm1', 'f0a1b2c3.jpg'),
  minePng: file(COMPANY, 'm1', 'b1.png'),
  colleague: file(COMPANY, 'm2', 'f0a1b2c3.jpg'),
  otherCompany: file(OTHER_COMPANY, 'm9', 'shot.png'),
  importSheet: `cloud://local-dev.bucket/companies/${COMPANY}/admin/members.csv`,
  otherImportSheet: `cloud://local-dev.bucket/companies/${OTHER_COMPANY}/admin/members.csv`,
}

/** ids of the fixture's documents, by owner */
export const IDS = {
  minePending: 'm1_2026-11-24',
  mineReturned: 'm1_2026-11-19',
  colleaguePending: 'm2_2026-11-23',
  otherCompanyPending: 'h9_2026-11-20',
  mineSpecial: 'm1_2026-11-18',
  /** set by seedFixture: tickets opened through the help function */
  colleagueTicket: '',
  otherCompanyTicket: '',
}

const returned = (memberId: string, day: string): MakeupDoc => ({
  ...pendingDoc({ memberId, day, submittedAt: '2026-11-20T01:00:00Z' }),
  status: 'returned',
  decidedAt: new Date('2026-11-21T01:00:00Z'),
  decidedBy: 'r1',
  decisionNote: '附件不清晰',
})

/** Loads the fixture and sets the clock; returns nothing, the caller snapshots it. */
export async function seedFixture(emu: Emulator): Promise<void> {
  loadReviewFixture(
    emu,
    [
      { memberId: 'm1', day: '2026-11-24', submittedAt: '2026-11-25T01:00:00Z', attachments: [FILES.mine] },
      { memberId: 'm2', day: '2026-11-23', submittedAt: '2026-11-24T01:00:00Z' },
      { memberId: 'h9', day: '2026-11-20', submittedAt: '2026-11-21T01:00:00Z' },
    ],
    [specialDoc('m1', '2026-11-18', '2026-11-26T01:00:00Z')],
    [checkinDoc('m1', '2026-11-20'), checkinDoc('m2', '2026-11-20'), checkinDoc('m2', '2026-11-26')],
  )
  const data = emu.store.exportData()
  const extra = EJSON.serialize(
    {
      makeups: [returned('m1', '2026-11-19')],
      members: [
        member('op1', COMPANY, {
          name: '平台运营',
          dept: '人力资源部',
          roles: ['employee', 'operator'],
          openid: OPERATOR,
        }),
      ],
      bindings: [
        { _id: OPERATOR, companyId: COMPANY, memberId: 'op1', boundAt: new Date('2026-01-05T02:00:00Z') },
      ],
    },
    { relaxed: false },
  ) as Record<string, unknown[]>
  for (const [name, list] of Object.entries(extra)) data[name] = [...(data[name] ?? []), ...list]
  emu.store.reset(data)
  grantEveryTemplate(emu)

  emu.files.clear()
  uploadFixtureFiles(emu)
  upload(emu, OTHER_COMPANY, 'm9', 'shot.png', BYTES.png)
  // a member whose id starts with another's: a prefix check on the folder would let m1 claim it
  upload(emu, COMPANY, 'm1x', 'f0a1b2c3.jpg', BYTES.jpg)
  emu.files.put(
    `companies/${COMPANY}/admin/members.csv`,
    Buffer.from('工号,姓名,部门,地区\nE100,新人,研发部,北京\n'),
  )
  emu.files.put(`companies/${OTHER_COMPANY}/admin/members.csv`, Buffer.from('工号,姓名,部门,地区\n'))
  for (const [name, bytes] of Object.entries(await hostileSheets()))
    emu.files.put(`companies/${COMPANY}/admin/${name}`, bytes)
  await setNow(emu, NOW)

  // tickets through the function itself, so they are stored exactly as it stores them
  IDS.colleagueTicket = await openTicket(emu, B, FILES.colleague)
  IDS.otherCompanyTicket = await openTicket(emu, C2, FILES.otherCompany)
}

/**
 * Every bound member accepted every template many times (WeChat's count in the emulator and the app-reported
 * ledger), so that notices queued by accepted payloads are really sent and their text meets the template rules.
 */
function grantEveryTemplate(emu: Emulator): void {
  const templateIds = Object.keys(TEMPLATES)
  const bound = docs<BindingDoc>(emu, 'bindings')
  for (const b of bound) emu.grantSubscribe(b._id, templateIds, 10_000)
  const ledger = bound.flatMap((b) =>
    templateIds.map((templateId) => ({
      _id: `${b.memberId}_${templateId}`,
      companyId: b.companyId,
      memberId: b.memberId,
      templateId,
      remaining: 10_000,
      updatedAt: new Date(NOW),
    })),
  )
  emu.store.importData(
    EJSON.serialize({ subscriptions: ledger }, { relaxed: false }) as Record<string, unknown[]>,
  )
}

async function openTicket(emu: Emulator, openid: string, screenshot: string): Promise<string> {
  const input = {
    category: 'network',
    text: '一直转圈',
    screenshots: [screenshot],
    clientRequestId: `seed-${openid}`,
  }
  const report = await emu.invoke('help', { action: 'open', ...input }, { openid })
  const result = report.result as { ok: boolean; data?: { id: string }; code?: string } | undefined
  if (!result?.ok || !result.data)
    throw new Error(`fixture: help.open as ${openid} → ${JSON.stringify(report)}`)
  return result.data.id
}
