// Batch entry after an outage: HR enters several members' days at once as on-behalf records. The plan of a batch
// is pure and is what both the preview and the run follow: per item (member × day), either the record to create
// (charged or not: a day inside a maintenance window is not) or the catalogued refusal, by the same rules as a
// single on-behalf entry (onBehalfRecord, reserveOnQuota, windowDeadline). Items of one member are judged in
// day order against that member's quota as the earlier items leave it, as the run writes them.
import type { HealthReport } from '../health'
import { DomainError, type ErrorCode, type LocalDay } from '../shared'
import {
  cycleKey,
  effectivePolicy,
  regionsOfDay,
  ruleFor,
  windowDeadline,
  type Interval,
  type Policy,
} from '../policy'
import {
  checkinId,
  emptyQuota,
  type MemberDoc,
  quotaId,
  type QuotaDoc,
  releaseOnQuota,
  reserveOnQuota,
} from '../makeup'
import type { ReportChannel } from './contract'
import { onBehalfRecord, type ReviewedCheckin } from './rules'

/** at most this many items (members × days) per call: each is one transaction, inside the 10 s function limit */
export const BATCH_MAX_ITEMS = 50

export interface BatchMember {
  member: MemberDoc
  /** the member's current health-data consent, or the company's HR-management legal basis */
  mayRecord: boolean
}

/** What the plan reads: the members, their records of the days, their quota documents, maintenance windows. */
export interface BatchFacts {
  members: BatchMember[]
  /** existing effective records of the batch's members and days (with their on-behalf batch id when any) */
  records: Pick<ReviewedCheckin, '_id' | 'onBehalf'>[]
  quotas: QuotaDoc[]
  maintenance: Interval[]
}

export interface BatchRequest {
  /** the caller (an HR admin of the company) */
  by: Pick<MemberDoc, '_id' | 'companyId'>
  memberIds: string[]
  days: LocalDay[]
  report: HealthReport
  channel: ReportChannel
  note: string
  /** false: HR waives the charge for every item */
  charged?: boolean
  /** the client's id of this batch: an item already entered by it is reported as entered, never again */
  batchId?: string
}

export type BatchItemPlan =
  | {
      memberId: string
      day: LocalDay
      ok: true
      charged: boolean
      record: ReviewedCheckin
      already: boolean
      /** the quota the write path judges it by again (enterOnBehalf) */
      quota: { cycle: string; cap: number | null }
    }
  | { memberId: string; day: LocalDay; ok: false; code: ErrorCode }

/** The batch's items, members in the order given, each member's days oldest first; duplicates collapse. */
export function batchItems(memberIds: string[], days: LocalDay[]): { memberId: string; day: LocalDay }[] {
  const sortedDays = [...new Set(days)].sort()
  return [...new Set(memberIds)].flatMap((memberId) => sortedDays.map((day) => ({ memberId, day })))
}

/** Refuses a batch as a whole: too many items (BATCH_TOO_LARGE) or none. */
export function assertBatchSize(memberIds: string[], days: LocalDay[]): void {
  const n = batchItems(memberIds, days).length
  if (n === 0) throw new DomainError('INVALID_INPUT', 'empty batch')
  if (n > BATCH_MAX_ITEMS) throw new DomainError('BATCH_TOO_LARGE', String(n))
}

/**
 * Plans every item of a batch. `report` must already be the accepted report (acceptedReport: the policy's
 * required fields, temperature bounds); `policy` is the company's current one.
 */
export function planBatch(req: BatchRequest, policy: Policy, facts: BatchFacts, now: Date): BatchItemPlan[] {
  assertBatchSize(req.memberIds, req.days)
  const members = new Map(facts.members.map((m) => [m.member._id, m]))
  const records = new Map(facts.records.map((r) => [r._id, r]))
  const quotas = new Map(facts.quotas.map((q) => [q._id, q]))
  return batchItems(req.memberIds, req.days).map(({ memberId, day }): BatchItemPlan => {
    const refuse = (code: ErrorCode): BatchItemPlan => ({ memberId, day, ok: false, code })
    const found = members.get(memberId)
    const member = found?.member
    if (!member || member.companyId !== req.by.companyId || member.status !== 'active')
      return refuse('MEMBER_NOT_FOUND')
    if (member._id === req.by._id) return refuse('FORBIDDEN')
    if (!found.mayRecord) return refuse('SUBJECT_CONSENT_REQUIRED')
    const eff = effectivePolicy(
      ruleFor(policy, { memberId: member._id, dept: member.dept }),
      regionsOfDay(member, req.report),
    )
    const charged = req.charged !== false && windowDeadline(day, eff, facts.maintenance).charged
    let record: ReviewedCheckin
    try {
      record = onBehalfRecord(
        member,
        day,
        req.report,
        { by: req.by._id, channel: req.channel, note: req.note, charged },
        now,
      )
    } catch (e) {
      if (e instanceof DomainError) return refuse(e.code)
      throw e
    }
    if (req.batchId) record.onBehalf = { ...record.onBehalf!, batchId: req.batchId }
    const cycle = cycleKey(day, eff.quota.cycle)
    const quotaRule = { cycle, cap: eff.quota.cap }
    const existing = records.get(checkinId(memberId, day))
    if (existing) {
      // entered by this batch before (a retry after a lost answer): reported as entered, not written again
      if (req.batchId && existing.onBehalf?.batchId === req.batchId) {
        const was = existing.onBehalf.charged !== false
        return { memberId, day, ok: true, charged: was, record, already: true, quota: quotaRule }
      }
      return refuse('DAY_ALREADY_CHECKED')
    }
    const qid = quotaId(memberId, cycle)
    const quota = quotas.get(qid) ?? emptyQuota(member.companyId, memberId, cycle, now)
    try {
      const reserved = reserveOnQuota(quota, day, charged, eff.quota.cap, now)
      quotas.set(qid, releaseOnQuota(reserved, day, false, now, true))
    } catch (e) {
      if (e instanceof DomainError) return refuse(e.code)
      throw e
    }
    return { memberId, day, ok: true, charged, record, already: false, quota: quotaRule }
  })
}
