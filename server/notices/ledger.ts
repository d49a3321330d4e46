// The database ledger of one-time subscribe-message authorisations: the app reports what the user accepted
// (`notify.subscribed`), each accepted send uses one, a 43101 proves there are none left.
import { find, type Db } from '../sdk'
import { SUBSCRIPTIONS, type SubscriptionDoc } from './records'

export const subscriptionId = (memberId: string, templateId: string) => `${memberId}_${templateId}`

interface Inc {
  inc(n: number): unknown
}

/** Adds one authorisation per accepted template (an upsert: the first acceptance creates the document). */
export async function topUp(db: Db, companyId: string, memberId: string, templateIds: string[], now: Date) {
  const _ = db.command as unknown as Inc
  await Promise.all(
    [...new Set(templateIds)].map(async (templateId) => {
      const id = subscriptionId(memberId, templateId)
      const res = await db
        .collection(SUBSCRIPTIONS)
        .doc(id)
        .update({ data: { remaining: _.inc(1), updatedAt: now } })
      if (res.stats.updated === 0)
        await db
          .collection(SUBSCRIPTIONS)
          .doc(id)
          .set({ data: { companyId, memberId, templateId, remaining: 1, updatedAt: now } })
    }),
  )
}

/** template id → remaining, for one member. */
export async function remainingOf(
  db: Db,
  companyId: string,
  memberId: string,
): Promise<Record<string, number>> {
  const docs = await find<SubscriptionDoc>(db, SUBSCRIPTIONS, { companyId, memberId }, { limit: 100 })
  return Object.fromEntries(docs.map((d) => [d.templateId, d.remaining]))
}

/** member id → remaining for one template, for a page of members (one query). */
export async function remainingFor(
  db: Db,
  memberIds: string[],
  templateId: string,
): Promise<Map<string, number>> {
  if (memberIds.length === 0) return new Map()
  const ids = memberIds.map((m) => subscriptionId(m, templateId))
  const docs = await find<SubscriptionDoc>(db, SUBSCRIPTIONS, { _id: db.command.in(ids) }, { limit: 1000 })
  return new Map(docs.map((d) => [d.memberId, d.remaining]))
}

/**
 * Sends used, one per entry (a member may appear more than once), in as few writes as possible: one per
 * "layer" of distinct members. Never below zero: the ledger may lag behind WeChat.
 */
export async function consume(db: Db, used: { memberId: string; templateId: string }[], now: Date) {
  const _ = db.command as unknown as Inc & { gt(v: number): unknown; in(v: unknown[]): unknown }
  const left = used.map((u) => subscriptionId(u.memberId, u.templateId))
  while (left.length > 0) {
    const layer = [...new Set(left)]
    for (const id of layer) left.splice(left.indexOf(id), 1)
    await (db.collection(SUBSCRIPTIONS) as unknown as Updatable)
      .where({ _id: _.in(layer), remaining: _.gt(0) })
      .update({ data: { remaining: _.inc(-1), updatedAt: now } })
  }
}

/** WeChat said none are left (43101): the ledger agrees from now on. */
export async function exhaust(db: Db, memberId: string, templateId: string, now: Date): Promise<void> {
  await db
    .collection(SUBSCRIPTIONS)
    .doc(subscriptionId(memberId, templateId))
    .update({ data: { remaining: 0, updatedAt: now } })
}

export interface Updatable {
  where(q: object): { update(opts: { data: object }): Promise<{ stats: { updated: number } }> }
}
