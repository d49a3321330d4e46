// What the review function reads and writes besides single requests: scope (delegations), members by id or
// department, the queue (range-paged on an indexed key), special-handling decisions, refusal audit entries.
import { DomainError, type LocalDay } from '@core/shared'
import {
  COLLECTIONS,
  type MakeupDoc,
  type MakeupReasonKind,
  type MakeupStatus,
  type MemberDoc,
  type SpecialDoc,
  type SpecialStatus,
} from '@core/makeup'
import type { DelegationDoc, MemberBrief, ReviewAuditDoc, ReviewScope } from '@core/review'
import { specialDecidedNotice } from '../notices/events'
import { enqueueNotice } from '../notices/outbox'
import { afterCursor, cursorOf, keysetPage } from '../paging'
import {
  aggregate,
  find,
  getById,
  insert,
  replace,
  subPipeline,
  updateWhere,
  withTransaction,
  type Command,
  type Db,
  type DocStore,
  type Pipeline,
} from '../sdk'
import { callerStages, type CallerRow } from './members'

export const DELEGATIONS = 'delegations'

/** The operators the queue needs beyond sdk.ts's minimal Command (all are wx-server-sdk's own). */
interface QueryCommand extends Command {
  gt(v: unknown): unknown
  eq(v: unknown): unknown
  or(conds: object[]): unknown
  nin(v: unknown[]): unknown
  exists(present: boolean): unknown
  neq(v: unknown): unknown
}

interface Countable {
  where(q: object): { count(): Promise<{ total: number }> }
}

/** A special request as HR decides it: the grant may be free of quota. */
export type ReviewedSpecialDoc = SpecialDoc & { charged?: boolean; decisionNote?: string; decidedAt?: Date }

export function brief(m: MemberDoc): MemberBrief {
  return { id: m._id, name: m.name, dept: m.dept, employeeNo: m.employeeNo }
}

/** The caller's row of reviewerStages: also every delegation naming them as delegate, and those delegators. */
export type ReviewerRow = CallerRow & { delegations: DelegationDoc[]; delegators: MemberDoc[] }

/**
 * callerStages plus the delegations to the caller (joined on `to`, index `by_to`) and the members who made them
 * (by id): the caller and their review scope in one round trip. Extend it to read more in the same trip.
 */
export function reviewerStages(p: Pipeline, openid: string): Pipeline {
  return callerStages(p, openid)
    .lookup({ from: DELEGATIONS, localField: 'memberId', foreignField: 'to', as: 'delegations' })
    .addFields({ delegatorIds: '$delegations.from' })
    .lookup({ from: COLLECTIONS.members, localField: 'delegatorIds', foreignField: '_id', as: 'delegators' })
}

/** The request documents with these ids (sub-pipeline of a lookup: joined as `requests`) and their members. */
export function withRequests(db: Db, p: Pipeline, ids: string[]): Pipeline {
  return p
    .lookup({
      from: COLLECTIONS.makeups,
      pipeline: subPipeline(db, { _id: db.command.in(ids) }, { limit: ids.length }),
      as: 'requests',
    })
    .addFields({ ownerIds: '$requests.memberId' })
    .lookup({ from: COLLECTIONS.members, localField: 'ownerIds', foreignField: '_id', as: 'owners' })
}

export type RequestsRow = { requests: MakeupDoc[]; owners: MemberDoc[] }

export async function membersByIds(db: Db, companyId: string, ids: string[]): Promise<MemberDoc[]> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  return find<MemberDoc>(db, COLLECTIONS.members, { companyId, _id: db.command.in(unique) }, { limit: 1000 })
}

export function hrAdmins(db: Db, companyId: string): Promise<MemberDoc[]> {
  return find<MemberDoc>(db, COLLECTIONS.members, { companyId, roles: 'hr', status: 'active' }, { limit: 20 })
}

/**
 * The departments a query must cover: all of the company (null) or the intersection of the caller's scope with
 * the requested department. An empty list means the filter excludes everything the caller may see.
 */
export function deptsToQuery(scope: ReviewScope, dept?: string): string[] | null {
  if (scope.kind === 'none') throw new DomainError('FORBIDDEN', 'not a reviewer')
  if (scope.kind === 'company') return dept ? [dept] : null
  return dept ? scope.depts.filter((d) => d === dept) : scope.depts
}

export interface QueueQuery {
  companyId: string
  /** departments the caller may see (null = whole company), as deptsToQuery gives them */
  depts: string[] | null
  /** the department asked for, if any (it filters the requests handed or added to the caller too) */
  dept?: string
  /** the caller: their own requests are never in their queue */
  self: string
  status: MakeupStatus
  dayFrom?: LocalDay
  dayTo?: LocalDay
  hasAttachments?: boolean
  reasonKind?: MakeupReasonKind
  cursor?: string
  limit: number
  /** also count the pending requests of the departments (the badge) */
  count: boolean
}

/** A `$count` sub-pipeline's result (no row when it counted nothing). */
const n = (counted?: { n: number }[]) => counted?.[0]?.n ?? 0

/** One page, oldest first, with each request's member, and the badge when asked for. */
export interface QueuePage {
  docs: (MakeupDoc & { owner: MemberDoc })[]
  next: string | null
  pending: number | null
}

/**
 * Which pending requests wait for the caller, by the step of their chain they stand at (core/review chain.ts): a
 * department's reviewers see its 'reviewers' steps (and requests stored before chains); HR admins, who cover the
 * company, also its 'hr' steps; a step handed or added to someone is in their own slice (`named`).
 */
function stepWhere(db: Db, q: Pick<QueueQuery, 'depts' | 'self'>, named: boolean): object {
  const _ = db.command as QueryCommand
  if (named) return { stepMember: q.self }
  return { stepKind: _.nin(q.depts ? ['hr', 'member'] : ['member']) }
}

/**
 * The filters of one slice of the page: one department's (dept undefined: the whole company), or (`named`) the
 * requests whose current step was handed or added to the caller.
 */
function queueWhere(db: Db, q: QueueQuery, dept: string | undefined, named = false): object {
  const _ = db.command as QueryCommand
  const base: Record<string, unknown> = { companyId: q.companyId, status: q.status, memberId: _.neq(q.self) }
  if (q.status === 'pending') Object.assign(base, stepWhere(db, q, named))
  if (dept !== undefined) base.dept = dept
  if (q.dayFrom && q.dayTo) base.day = _.and(_.gte(q.dayFrom), _.lte(q.dayTo))
  else if (q.dayFrom) base.day = _.gte(q.dayFrom)
  else if (q.dayTo) base.day = _.lte(q.dayTo)
  if (q.hasAttachments !== undefined) base['attachments.0'] = _.exists(q.hasAttachments)
  if (q.reasonKind) base.reasonKind = q.reasonKind
  return afterCursor(db, base, 'submittedAt', 'asc', q.cursor)
}

interface QueueRow {
  owners: MemberDoc[]
  badge?: { n: number }[]
  named?: { n: number }[]
  hrSteps?: { n: number }[]
  mine?: { n: number }[]
  legacy?: { n: number }[]
  [slice: `s${number}`]: MakeupDoc[]
}

/** Sets `dept` on the requests of these members that also match `where` (one where-update). */
export async function setRequestsDept(
  db: Db,
  companyId: string,
  memberIds: string[],
  dept: string,
  where: object,
): Promise<number> {
  if (memberIds.length === 0) return 0
  return updateWhere(
    db,
    COLLECTIONS.makeups,
    { ...where, companyId, memberId: db.command.in([...new Set(memberIds)]) },
    { dept } satisfies Partial<MakeupDoc>,
  )
}

const BACKFILL_BATCH = 1000

/**
 * Gives up to 1 000 requests of this status stored before requests carried `dept` their member's department
 * (a member gone gives '': nobody's scope). Run by a department-scoped queue that finds such requests, so data
 * from before the change heals itself on first use.
 */
async function backfillDepts(db: Db, companyId: string, status: MakeupStatus): Promise<void> {
  const legacy = await find<MakeupDoc>(
    db,
    COLLECTIONS.makeups,
    { companyId, status, dept: null },
    { limit: BACKFILL_BATCH },
  )
  const members = await membersByIds(
    db,
    companyId,
    legacy.map((d) => d.memberId),
  )
  const deptOf = new Map(members.map((m) => [m._id, m.dept]))
  const byDept = new Map<string, string[]>()
  for (const d of legacy) {
    const dept = deptOf.get(d.memberId) ?? ''
    byDept.set(dept, [...(byDept.get(dept) ?? []), d.memberId])
  }
  for (const [dept, ids] of byDept) await setRequestsDept(db, companyId, ids, dept, { status, dept: null })
}

/**
 * A queue page in ONE aggregation (rooted at the company document): one sub-pipeline per department in scope
 * (or one for the whole company), each `{companyId, status, dept}` ordered by (submittedAt, _id) after the
 * cursor and limited, so each is a range read of `by_company_status_dept_submitted` (or
 * `by_company_status_submitted`) — no skip, no in-memory sort; the slices are merged here. The members of the
 * page's requests join by id, and the badge is a `$count` sub-pipeline (index-only). A department-scoped page
 * that finds requests without `dept` (stored before they carried it) backfills them first (backfillDepts).
 */
export async function queuePage(db: Db, q: QueueQuery, healLegacy = true): Promise<QueuePage> {
  const slices = q.depts ?? [undefined]
  const _ = db.command as QueryCommand
  const slice = (where: object) =>
    _.aggregate
      .pipeline()
      .match(where)
      .sort({ submittedAt: 1, _id: 1 })
      .limit(q.limit + 1)
      .done()
  // pending requests handed or added to the caller, whatever their department (filtered like the others)
  const namedSlice = q.status === 'pending' ? [slice(queueWhere(db, q, q.dept, true))] : []
  const pipelines = [...slices.map((dept) => slice(queueWhere(db, q, dept))), ...namedSlice]
  if (pipelines.length === 0) return { docs: [], next: null, pending: q.count ? 0 : null }
  const names = pipelines.map((_p, i) => `s${i}`)
  const memberIds = names.map((n) => `$${n}.memberId`)
  const [row] = await aggregate<QueueRow>(db, COLLECTIONS.companies, (p) => {
    let stages = p.match({ _id: q.companyId })
    pipelines.forEach((pipeline, i) => {
      stages = stages.lookup({ from: COLLECTIONS.makeups, pipeline, as: names[i] })
    })
    stages = stages
      .addFields({ ownerIds: memberIds.length === 1 ? memberIds[0] : { $concatArrays: memberIds } })
      .lookup({ from: COLLECTIONS.members, localField: 'ownerIds', foreignField: '_id', as: 'owners' })
    if (q.count) {
      // the badge from index-served counts only: the pending requests in scope, less the steps of a chain that are
      // not the caller's (named to a member; HR's, for a department reviewer), plus the steps named to the caller
      const pending: Record<string, unknown> = {
        companyId: q.companyId,
        status: 'pending',
        memberId: _.neq(q.self),
      }
      if (q.depts) pending.dept = _.in(q.depts)
      const counts = {
        badge: pending,
        named: { ...pending, stepMember: _.gt('') },
        ...(q.depts ? { hrSteps: { ...pending, stepKind: 'hr' } } : {}),
        mine: { companyId: q.companyId, status: 'pending', stepMember: q.self },
      }
      for (const [as, where] of Object.entries(counts))
        stages = stages.lookup({
          from: COLLECTIONS.makeups,
          pipeline: [..._.aggregate.pipeline().match(where).done(), { $count: 'n' }],
          as,
        })
    }
    if (q.depts) {
      // requests stored before they carried `dept` (none once healed): counted from the index
      const legacy = { companyId: q.companyId, status: q.status, dept: null }
      const counted = [..._.aggregate.pipeline().match(legacy).done(), { $count: 'n' }]
      stages = stages.lookup({ from: COLLECTIONS.makeups, pipeline: counted, as: 'legacy' })
    }
    return stages.project({
      ...Object.fromEntries(names.map((n) => [n, 1])),
      owners: 1,
      badge: 1,
      named: 1,
      hrSteps: 1,
      mine: 1,
      legacy: 1,
    })
  })
  if (!row) throw new DomainError('NOT_BOUND')
  if (row.legacy?.length && healLegacy) {
    await backfillDepts(db, q.companyId, q.status)
    return queuePage(db, q, false)
  }
  const owners = new Map(row.owners.map((m) => [m._id, m]))
  const merged = names
    .flatMap((n) => row[n as `s${number}`])
    .sort(
      (a, b) =>
        a.submittedAt.getTime() - b.submittedAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0),
    )
  const page = merged.slice(0, q.limit)
  return {
    // a request whose member is gone is left out
    docs: page.flatMap((d) => {
      const owner = owners.get(d.memberId)
      return owner && owner.companyId === q.companyId ? [{ ...d, owner }] : []
    }),
    next:
      merged.length > q.limit ? cursorOf(page[page.length - 1].submittedAt, page[page.length - 1]._id) : null,
    pending: q.count ? n(row.badge) - n(row.named) - n(row.hrSteps) + n(row.mine) : null,
  }
}

/** Pending requests of these members (null = company): the badge. */
export async function pendingCount(
  db: Db,
  companyId: string,
  memberIds: string[] | null,
  self: string,
): Promise<number> {
  const _ = db.command as QueryCommand
  const ids = memberIds?.filter((id) => id !== self)
  if (ids && ids.length === 0) return 0
  const where = { companyId, status: 'pending', memberId: ids ? _.in(ids) : _.neq(self) }
  const res = await (db.collection(COLLECTIONS.makeups) as unknown as Countable).where(where).count()
  return res.total
}

export async function specialsPage(
  db: Db,
  companyId: string,
  status: SpecialStatus,
  cursor: string | undefined,
  limit: number,
): Promise<{ docs: ReviewedSpecialDoc[]; next: string | null }> {
  const where = { companyId, status }
  return keysetPage<ReviewedSpecialDoc>(db, COLLECTIONS.specials, where, 'submittedAt', 'asc', cursor, limit)
}

/**
 * Decides a pending special request in a transaction on its document (first decision wins; a later one sees
 * ALREADY_DECIDED with the decider's id as detail) and appends the audit entry.
 */
export async function decideSpecialRequest(
  db: Db,
  id: string,
  companyId: string,
  decision: Pick<ReviewedSpecialDoc, 'status' | 'grantDeadline' | 'charged' | 'decisionNote' | 'decidedBy'>,
  at: Date,
): Promise<ReviewedSpecialDoc> {
  return withTransaction(db, async (tx) => {
    const doc = await getById<ReviewedSpecialDoc>(tx, COLLECTIONS.specials, id)
    if (!doc || doc.companyId !== companyId) throw new DomainError('SPECIAL_NOT_FOUND')
    if (doc.status !== 'pending') throw new DomainError('ALREADY_DECIDED', doc.decidedBy ?? '')
    const updated: ReviewedSpecialDoc = { ...doc, ...decision, decidedAt: at }
    await replace(tx, COLLECTIONS.specials, updated)
    await appendAudit(tx, {
      companyId,
      subject: 'special',
      subjectId: id,
      memberId: doc.memberId,
      action: decision.status === 'granted' ? 'grant' : 'deny',
      from: 'pending',
      to: decision.status,
      actor: { kind: 'reviewer', id: decision.decidedBy ?? '', role: 'hr' },
      at,
      // HR's note stays on the request (purged with it), never in the audit log
      reason: '',
    })
    // the employee's notice, in the same transaction: it exists exactly when the decision does
    await enqueueNotice(tx, specialDecidedNotice(updated, at))
    return updated
  })
}

export function appendAudit(store: DocStore, entry: ReviewAuditDoc): Promise<void> {
  return insert(store, COLLECTIONS.audit, entry)
}

export async function setDelegation(
  db: Db,
  doc: DelegationDoc | null,
  fromId: string,
  audit: ReviewAuditDoc,
) {
  await withTransaction(db, async (tx) => {
    if (doc) await replace(tx, DELEGATIONS, doc)
    else await tx.collection(DELEGATIONS).doc(fromId).remove()
    await appendAudit(tx, audit)
  })
}
