// The review fixture's company plus what notices need: a second reviewer of 研发部 (r3) who delegated to B, an
// employee of 市场部 (m4, whose department has one reviewer), company notice settings, and helpers to queue
// notices, grant authorisations (both WeChat's, in the emulator, and the app-reported ledger) and read results.
import { EJSON } from 'bson'
import type { Emulator } from '@emulator/index'
import type { NoticeSettings } from '@core/notices'
import type { DelegationDoc } from '@core/review'
import type { CompanyDoc, MemberDoc } from '@core/makeup'
import { outboxDoc, type NewNotice } from '@server/notices/outbox'
import type { OutboxDoc, SubscriptionDoc } from '@server/notices/records'
import { COMPANY, docs, member, setNow } from './harness'
import { loadReviewFixture, type PendingSpec } from './review-fixture'

export const REV_DEV_2 = 'o-rev-dev-2'
export const MKT = 'o-mkt'
export const T = {
  newRequest: 'tmpl-makeup-review-needed',
  decided: 'tmpl-makeup-decided',
  checkin: 'tmpl-checkin-reminder',
  pending: 'tmpl-review-pending',
  cutoff: 'tmpl-quota-cutoff',
}

// Friday 2026-11-27 10:00 in Shanghai
export const NOW = '2026-11-27T02:00:00Z'

export function put(emu: Emulator, collection: string, items: object[]): void {
  if (items.length === 0) return
  emu.store.importData(
    EJSON.serialize({ [collection]: items }, { relaxed: false }) as Record<string, unknown[]>,
  )
}

export async function startNotify(
  emu: Emulator,
  opts: { pending?: PendingSpec[]; notices?: Partial<NoticeSettings>; delegate?: boolean; at?: string } = {},
) {
  // the clock first: moving it may fire the timer, which must not see this test's data half-loaded
  await setNow(emu, opts.at ?? NOW)
  loadReviewFixture(emu, opts.pending ?? [])
  emu.subscribe.reset()
  put(emu, 'members', [
    member('r3', COMPANY, {
      name: '周强',
      dept: '研发部',
      roles: ['reviewer', 'employee'],
      openid: REV_DEV_2,
    }),
    member('m4', COMPANY, { name: '孙丽', dept: '市场部', openid: MKT }),
  ] satisfies MemberDoc[])
  put(emu, 'bindings', [
    { _id: REV_DEV_2, companyId: COMPANY, memberId: 'r3', boundAt: new Date('2026-01-05T02:00:00Z') },
    { _id: MKT, companyId: COMPANY, memberId: 'm4', boundAt: new Date('2026-01-05T02:00:00Z') },
  ])
  if (opts.notices) {
    const [company] = docs<CompanyDoc>(emu, 'companies', { _id: COMPANY })
    put(emu, 'companies', [{ ...company, notices: opts.notices }])
  }
  if (opts.delegate)
    put(emu, 'delegations', [
      {
        _id: 'r3',
        companyId: COMPANY,
        from: 'r3',
        to: 'm2',
        start: '2026-11-20',
        until: '2026-12-31',
        createdAt: new Date('2026-11-20T01:00:00Z'),
      } satisfies DelegationDoc,
    ])
}

/** The user accepted these templates `count` times: WeChat's count (emulator) and the app-reported ledger agree. */
export function grant(emu: Emulator, openid: string, memberId: string, templateIds: string[], count = 1) {
  emu.grantSubscribe(openid, templateIds, count)
  ledger(emu, memberId, templateIds, count)
}

/** Only the app-reported ledger (WeChat may disagree: that is how a 43101 happens). */
export function ledger(emu: Emulator, memberId: string, templateIds: string[], count = 1) {
  put(
    emu,
    'subscriptions',
    templateIds.map((templateId): SubscriptionDoc => ({
      _id: `${memberId}_${templateId}`,
      companyId: COMPANY,
      memberId,
      templateId,
      remaining: count,
      updatedAt: new Date(NOW),
    })),
  )
}

/** Queues a notice the way enqueueNotice writes it. */
export function queue(emu: Emulator, n: Omit<NewNotice, 'companyId' | 'at'> & { at?: Date }) {
  put(emu, 'outbox', [outboxDoc({ companyId: COMPANY, at: new Date(NOW), ...n })])
}

export const outboxDocs = (emu: Emulator, criteria: object = {}) => docs<OutboxDoc>(emu, 'outbox', criteria)
export const notice = (emu: Emulator, id: string) => outboxDocs(emu, { _id: id })[0]
export const ledgerLeft = (emu: Emulator, memberId: string, templateId: string) =>
  docs<SubscriptionDoc>(emu, 'subscriptions', { _id: `${memberId}_${templateId}` })[0]?.remaining ?? 0

/** One timer run of the notify function (what CloudBase does every minute). */
export async function tick(emu: Emulator) {
  const report = await emu.fireTrigger('notify')
  if (!report.ok) throw new Error(`notify run crashed: ${JSON.stringify(report.error)}`)
  return report.result as {
    ok: true
    data: { delivered: number; fallenBack: number; failed: number; retried: number }
  }
}

/** A run called by another function (source "…,scf"), with a time budget. */
export async function runFromFunction(emu: Emulator, data: object) {
  const report = await emu.invoke('notify', data, { openid: '', source: 'wx_client,scf' })
  if (!report.ok) throw new Error(`notify run crashed: ${JSON.stringify(report.error)}`)
  return report
}
