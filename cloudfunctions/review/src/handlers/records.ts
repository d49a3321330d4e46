import type { Api } from '@core/api'
import {
  type AuditEntryView,
  isHrAdmin,
  onBehalfRecord,
  type RecordView,
  type ReviewedCheckin,
} from '@core/review'
import { isoShanghai, startOfLocalDay } from '@core/calendar'
import { DomainError } from '@core/shared'
import { acceptedReport, hasCurrentConsent } from '@core/privacy'
import { checkinId, COLLECTIONS, type MakeupDoc, type MemberDoc } from '@core/makeup'
import { cycleKey, effectivePolicy, regionsOfDay, ruleFor, windowDeadline } from '@core/policy'
import { auditPage, correctCheckin, enterOnBehalf, holdersOf } from '@server/repositories/corrections'
import { membersByIds } from '@server/repositories/review'
import { subjectOf } from '@server/repositories/members'
import { maintenanceSince } from '@server/repositories/specials'
import type { PrivacyCompany, PrivacyMember } from '@server/privacy/records'
import { recordAccess } from '@server/privacy/access-log'
import { type Db, find, getById, subPipeline } from '@server/sdk'
import { getRequest, withWaitingEvents } from '@server/repositories/makeups'
import { reviewAction, type ReviewContext } from '../reviewer'

type A = Api['review']

/** Corrections, on-behalf entries and the audit view are HR admins' work, on other members of their company. */
async function hrOver(rc: ReviewContext, memberId: string): Promise<MemberDoc> {
  if (!isHrAdmin(rc.member)) throw new DomainError('FORBIDDEN', 'HR admins only')
  const member = await getById<MemberDoc>(rc.db, COLLECTIONS.members, memberId)
  if (!member || member.companyId !== rc.company._id) throw new DomainError('MEMBER_NOT_FOUND')
  if (member._id === rc.member._id) throw new DomainError('FORBIDDEN', 'own record')
  return member
}

/**
 * HR writes health data about `member` only with the member's current health-data consent, unless the company
 * processes it on the employer's HR-management legal basis (PIPL art. 13(2)); refused before anything is written.
 */
function requireSubjectConsent(rc: ReviewContext, member: MemberDoc): void {
  if ((rc.company as PrivacyCompany).privacy?.legalBasis === 'hrManagement') return
  if (!hasCurrentConsent((member as PrivacyMember).healthConsent))
    throw new DomainError('SUBJECT_CONSENT_REQUIRED')
}

export function recordView(r: ReviewedCheckin): RecordView {
  return {
    memberId: r.memberId,
    day: r.day,
    report: r.report,
    source: r.source,
    corrections: (r.corrections ?? []).map((c) => ({ ...c, at: isoShanghai(c.at) })),
    onBehalf: r.onBehalf ? { ...r.onBehalf, at: isoShanghai(r.onBehalf.at) } : undefined,
  }
}

/**
 * A member's record of a day as HR sees it, corrections included (read-only). The member and the record come with
 * the caller in one aggregation; viewing someone's health data is logged for them beside the answer.
 */
export const record = reviewAction<
  A['record'][0],
  RecordView | null,
  { subject: MemberDoc[]; record: ReviewedCheckin[] }
>(
  'record',
  async (input, rc, row) => {
    if (!isHrAdmin(rc.member)) throw new DomainError('FORBIDDEN', 'HR admins only')
    const member = row.subject[0]
    if (!member || member.companyId !== rc.company._id) throw new DomainError('MEMBER_NOT_FOUND')
    const doc = row.record[0]
    if (!doc) return null
    if (member._id !== rc.member._id)
      await recordAccess(rc.db, {
        companyId: rc.company._id,
        viewer: { id: rc.member._id, name: rc.member.name },
        subject: member._id,
        what: `checkin:${doc._id}`,
        at: rc.now,
      })
    return recordView(doc)
  },
  (input, db) => (p) =>
    p
      .lookup({
        from: COLLECTIONS.members,
        pipeline: subPipeline(db, { _id: input.memberId }, { limit: 1 }),
        as: 'subject',
      })
      .lookup({
        from: COLLECTIONS.checkins,
        pipeline: subPipeline(db, { _id: checkinId(input.memberId, input.day) }, { limit: 1 }),
        as: 'record',
      }),
)

export const correct = reviewAction('correct', async (input: A['correct'][0], rc): Promise<RecordView> => {
  const member = await hrOver(rc, input.memberId)
  requireSubjectConsent(rc, member)
  // HR's writes keep to the same minimum as the member's own (fields the policy does not require are dropped)
  const report = acceptedReport(input.report, rc.company.policy)
  const change = {
    companyId: rc.company._id,
    memberId: member._id,
    day: input.day,
    by: rc.member._id,
    at: rc.now,
  }
  return recordView(await correctCheckin(rc.db, change, report, input.note))
})

export const onBehalf = reviewAction('onBehalf', async (input: A['onBehalf'][0], rc): Promise<RecordView> => {
  const member = await hrOver(rc, input.memberId)
  requireSubjectConsent(rc, member)
  const report = acceptedReport(input.report, rc.company.policy)
  const policy = effectivePolicy(ruleFor(rc.company.policy, subjectOf(member)), regionsOfDay(member, report))
  // a phone report of a missed day is a make-up: charged, unless maintenance covered the day or HR waives it
  const cycle = cycleKey(input.day, policy.quota.cycle)
  const [maintenance, holders] = await Promise.all([
    maintenanceSince(rc.db, rc.company._id, startOfLocalDay(input.day)),
    holdersOf(rc.db, member._id, cycle),
  ])
  const charged = input.charged !== false && windowDeadline(input.day, policy, maintenance).charged
  const record = onBehalfRecord(
    member,
    input.day,
    report,
    { by: rc.member._id, channel: input.channel, note: input.note, charged },
    rc.now,
  )
  const quota = { cycle, cap: policy.quota.cap }
  return recordView(await enterOnBehalf(rc.db, record, quota, rc.member._id, holders))
})

const AUDIT_PAGE = 30

export const audit = reviewAction('audit', async (input: A['audit'][0], rc): Promise<A['audit'][1]> => {
  if (!isHrAdmin(rc.member)) throw new DomainError('FORBIDDEN', 'HR admins only')
  if (Boolean(input.memberId) === Boolean(input.requestId))
    throw new DomainError('INVALID_INPUT', 'one subject')
  const of = input.memberId
    ? { memberId: input.memberId }
    : { subject: 'makeup', subjectId: input.requestId as string }
  // a trail's first page starts with the events its requests still hold (the notify timer moves them within a
  // minute), read beside the page
  const [moved, waiting] = await Promise.all([
    auditPage(rc.db, rc.company._id, of, input.cursor, AUDIT_PAGE),
    input.cursor ? [] : requestsWithEvents(rc.db, rc.company._id, of),
  ])
  const page = { ...moved, docs: withWaitingEvents(moved.docs, waiting) }
  const actors = new Map(
    (
      await membersByIds(
        rc.db,
        rc.company._id,
        page.docs.map((d) => d.actor.id),
      )
    ).map((m) => [m._id, m.name]),
  )
  const items: AuditEntryView[] = page.docs.map((d) => ({
    id: d._id,
    at: isoShanghai(d.at),
    subject: d.subject,
    subjectId: d.subjectId,
    memberId: d.memberId,
    action: d.action,
    from: d.from,
    to: d.to,
    actor: { kind: d.actor.kind, id: d.actor.id, name: actors.get(d.actor.id) },
    reason: d.reason,
    fields: d.fields,
  }))
  return { items, next: page.next }
})

/** The requests of a trail (one request, or one member's) whose events the notify timer has not moved yet. */
async function requestsWithEvents(
  db: Db,
  companyId: string,
  of: { memberId: string } | { subjectId: string },
): Promise<MakeupDoc[]> {
  if ('subjectId' in of) {
    const request = await getRequest(db, of.subjectId)
    return request?.companyId === companyId && request.eventsDue ? [request] : []
  }
  return find<MakeupDoc>(
    db,
    COLLECTIONS.makeups,
    { companyId, memberId: of.memberId, eventsDue: true },
    { limit: 50 },
  )
}
