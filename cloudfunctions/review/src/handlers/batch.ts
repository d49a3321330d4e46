// HR's batch entry after an outage: several members × several days as on-behalf records. The preview and the run
// follow one plan (core/review planBatch: the single on-behalf entry's rules, maintenance not charged, consent per
// member), read in one aggregation; the run then writes each planned item through the single entry's write path
// (enterOnBehalf, its own transaction that re-checks the day and the quota), so a refusal stops only its item.
import type { Api } from '@core/api'
import { startOfLocalDay } from '@core/calendar'
import { checkinId, COLLECTIONS, type Holder, quotaId } from '@core/makeup'
import { acceptedReport, hasCurrentConsent } from '@core/privacy'
import { cycleKey, everyRule } from '@core/policy'
import {
  assertBatchSize,
  batchItems,
  type BatchItemPlan,
  type BatchItemView,
  isHrAdmin,
  planBatch,
  type ReviewedCheckin,
} from '@core/review'
import { DomainError, refusal } from '@core/shared'
import { batchFacts, enterOnBehalf } from '@server/repositories/corrections'
import type { PrivacyCompany, PrivacyMember } from '@server/privacy/records'
import { getById } from '@server/sdk'
import { reviewAction, type ReviewContext } from '../reviewer'

type A = Api['review']
type In = A['batchPreview'][0] & { batchId?: string }

/**
 * members written at once; one member's items go one after another (they share a quota document). The longest
 * chain is one member's days (at most 31 by the schema): 31 transactions of 7 calls, about 4.3 s at 20 ms a call,
 * inside the 10 s function timeout. A call cut short anyway is finished by its retry (same batch id).
 */
const BATCH_PARALLEL = 10

async function plan(
  input: In,
  rc: ReviewContext,
): Promise<{ items: BatchItemPlan[]; names: Map<string, string>; holders: Holder[] }> {
  if (!isHrAdmin(rc.member)) throw new DomainError('FORBIDDEN', 'HR admins only')
  assertBatchSize(input.memberIds, input.days)
  const { company } = rc
  // the report is the batch's: refused as a whole when it lacks what the policy asks (nothing written)
  const report = acceptedReport(input.report, company.policy)
  const items = batchItems(input.memberIds, input.days)
  // the members' groups are known once they are read: every rule's cycle of each item (a few keys more)
  const cycles = new Set(
    items.flatMap((i) =>
      everyRule(company.policy).map((rule) => quotaId(i.memberId, cycleKey(i.day, rule.quota.cycle))),
    ),
  )
  const rows = await batchFacts(
    rc.db,
    company._id,
    {
      members: [...new Set(input.memberIds)],
      records: items.map((i) => checkinId(i.memberId, i.day)),
      quotas: [...cycles],
    },
    startOfLocalDay(items.map((i) => i.day).sort()[0]),
  )
  const hrBasis = (company as PrivacyCompany).privacy?.legalBasis === 'hrManagement'
  const facts = {
    members: rows.members.map((member) => ({
      member,
      mayRecord: hrBasis || hasCurrentConsent((member as PrivacyMember).healthConsent),
    })),
    records: rows.records,
    quotas: rows.quotas,
    maintenance: rows.maintenance.map((m) => ({ start: m.start, end: m.end })),
  }
  const planned = planBatch({ ...input, report, by: rc.member }, company.policy, facts, rc.now)
  return { items: planned, names: new Map(rows.members.map((m) => [m._id, m.name])), holders: rows.holders }
}

function viewOf(p: BatchItemPlan, names: Map<string, string>, error?: DomainError): BatchItemView {
  const base = { memberId: p.memberId, name: names.get(p.memberId) ?? '', day: p.day }
  if (error) {
    const r = refusal(error.code, error.vars)
    return { ...base, ok: false, code: r.code, message: r.message }
  }
  if (!p.ok) {
    const r = refusal(p.code)
    return { ...base, ok: false, code: r.code, message: r.message }
  }
  return { ...base, ok: true, charged: p.charged, ...(p.already ? { already: true } : {}) }
}

export const batchPreview = reviewAction(
  'batchPreview',
  async (input: A['batchPreview'][0], rc): Promise<A['batchPreview'][1]> => {
    const { items, names } = await plan(input, rc)
    return { items: items.map((p) => viewOf(p, names)) }
  },
)

export const batchOnBehalf = reviewAction(
  'batchOnBehalf',
  async (input: A['batchOnBehalf'][0], rc): Promise<A['batchOnBehalf'][1]> => {
    const { items, names, holders } = await plan(input, rc)
    // each cycle's holders as read, joined by the claims this run writes (one member's items run in turn)
    const byCycle = new Map<string, Holder[]>()
    const holdersOf = (p: BatchItemPlan & { quota: { cycle: string } }) => {
      const key = quotaId(p.memberId, p.quota.cycle)
      if (!byCycle.has(key))
        byCycle.set(
          key,
          holders.filter((h) => h.quotaKey === key),
        )
      return byCycle.get(key)!
    }
    const results = new Map<BatchItemPlan, BatchItemView>()
    const write = async (p: BatchItemPlan): Promise<BatchItemView> => {
      if (!p.ok || p.already) return viewOf(p, names)
      try {
        await enterOnBehalf(rc.db, p.record, p.quota, rc.member._id, holdersOf(p))
        return viewOf(p, names)
      } catch (e) {
        if (!(e instanceof DomainError)) throw e
        // a concurrent call of the same batch (a retry while the first still ran) entered it: the same answer
        if (e.code === 'DAY_ALREADY_CHECKED') {
          const now = await getById<ReviewedCheckin>(rc.db, COLLECTIONS.checkins, p.record._id)
          if (now?.onBehalf?.batchId === input.batchId) return viewOf({ ...p, already: true }, names)
        }
        return viewOf(p, names, e)
      }
    }
    const byMember = new Map<string, BatchItemPlan[]>()
    for (const p of items) byMember.set(p.memberId, [...(byMember.get(p.memberId) ?? []), p])
    const queue = [...byMember.values()]
    const worker = async () => {
      for (let group = queue.shift(); group; group = queue.shift())
        for (const p of group) results.set(p, await write(p))
    }
    await Promise.all(Array.from({ length: Math.min(BATCH_PARALLEL, queue.length) }, worker))
    return { items: items.map((p) => results.get(p)!) }
  },
)
