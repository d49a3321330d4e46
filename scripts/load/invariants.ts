// What must hold in the data at any instant, whatever the load or a crash did: checked on one snapshot of the
// whole database (the emulator's export). Each rule is derived from the domain's own definitions (core/records,
// core/requests), not restated: a change to those rules changes what is checked.
import {
  checkinId,
  type ClaimDoc,
  COLLECTIONS,
  dayKeyOf,
  isOpen,
  type MakeupDoc,
  type MakeupStatus,
  quotaDelta,
  quotaId,
  releasedKey,
  type RequestAction,
} from '@core/makeup'
import { auditOfEvent } from '@server/repositories/makeups'
import type { Policy } from '@core/policy'
import type { Doc, Snapshot } from './emulator-process'
import type { Acknowledged } from './scenario'

export interface Breach {
  rule: string
  detail: string
}

const OUTBOX = 'outbox'
const DECISIONS: RequestAction[] = ['approve', 'reject', 'return']

/** The transition that leaves a request in each status (pending: its submit or resubmit). */
const REACHED_BY: Record<MakeupStatus, RequestAction> = {
  pending: 'submit',
  approved: 'approve',
  rejected: 'reject',
  returned: 'return',
  withdrawn: 'withdraw',
  revoked: 'revoke',
}

/** Whether a charged request in this status still holds its unit of quota: +1 at submit, then quotaDelta. */
export function holdsQuota(status: MakeupStatus, policy: Pick<Policy, 'quota'>): boolean {
  const reserved = quotaDelta('submit', policy)
  return status === 'pending' ? reserved > 0 : reserved + quotaDelta(REACHED_BY[status], policy) > 0
}

const groupBy = <T>(items: T[], key: (t: T) => string) => {
  const m = new Map<string, T[]>()
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t])
  return m
}

/** Every rule over one snapshot; `acked` adds the writes the clients saw succeed. */
export function checkInvariants(snapshot: Snapshot, acked?: Acknowledged): Breach[] {
  const breaches: Breach[] = []
  const breach = (rule: string, detail: string) => breaches.push({ rule, detail })
  const coll = (name: string) => snapshot[name] ?? []
  const policies = new Map(coll(COLLECTIONS.companies).map((c) => [c._id as string, c.policy as Policy]))
  const checkins = new Map(coll(COLLECTIONS.checkins).map((c) => [c._id as string, c]))
  // HR's on-behalf claims share the collection: they carry `claimDay` and no status
  const held = coll(COLLECTIONS.makeups) as (MakeupDoc | ClaimDoc)[]
  const claims = held.filter((m): m is ClaimDoc => 'claimDay' in m)
  const makeups = held.filter((m): m is MakeupDoc => !('claimDay' in m))
  const byId = new Map(makeups.map((m) => [m._id, m]))

  // one effective record per member per day: the _id is member+day, and no other document claims that pair
  for (const [id, c] of checkins)
    if (id !== checkinId(c.memberId, c.day))
      breach('one record per member per day', `${id} holds ${c.memberId} ${c.day}`)

  // every request holds exactly the keys its status holds (its day while open or approved, a unit while charged
  // and not refunded), and every HR claim its record: the unique indexes then count each unit and day once
  for (const m of makeups) {
    const policy = policies.get(m.companyId)
    if (!policy) {
      breach('quota', `${m._id}: no company policy`)
      continue
    }
    const holdsDay = isOpen(m.status) || m.status === 'approved'
    if (
      (m.dayKey === dayKeyOf(m.memberId, m.day)) !== holdsDay ||
      (!holdsDay && m.dayKey !== releasedKey(m._id))
    )
      breach('request holds its day while open or approved', `${m._id}: ${m.status} ${m.dayKey}`)
    const unit = m.charged && holdsQuota(m.status, policy)
    if (m.slotKey?.startsWith(`q:${quotaId(m.memberId, m.cycle)}_`) !== unit)
      breach('quota used = charged requests holding quota', `${m._id}: ${m.status} ${m.slotKey}`)
  }
  for (const c of claims)
    if (!checkins.has(checkinId(c.memberId, c.claimDay))) breach('an HR claim has its record', `${c._id}`)

  // every approved request has its effective record (unless the deciding call stopped before writing it: then
  // `recordDue` says the notify timer still checks it)
  for (const m of makeups) {
    if (m.status !== 'approved' || m.recordDue) continue
    const c = checkins.get(checkinId(m.memberId, m.day))
    if (!c || c.source !== 'makeup' || c.requestId !== m._id)
      breach('approved request has its record', `${m._id}: ${c ? `${c.source} ${c.requestId}` : 'none'}`)
  }

  // a revoked request's day is missed again: no effective record of it remains
  const recordOf = new Map([...checkins.values()].map((c) => [c.requestId as string | undefined, c]))
  for (const m of makeups)
    if (m.status === 'revoked' && !m.recordDue && recordOf.has(m._id))
      breach('revoked request has no record', `${m._id}: ${recordOf.get(m._id)!._id}`)

  // the audit trail replays to each request's status, and there is one notice per event that causes one; events
  // still in their request (not yet moved by the notify timer) count as moved, each once
  const events = makeups.flatMap((m) => (m.events ?? []).map((e) => ({ doc: m, e })))
  const waiting = events.map(({ doc, e }) => auditOfEvent(doc, e) as Doc)
  const moved = new Set(coll(COLLECTIONS.audit).map((a) => a._id))
  const auditOf = groupBy(
    [...coll(COLLECTIONS.audit), ...waiting.filter((a) => !moved.has(a._id))].filter(
      (a) => a.subject === 'makeup',
    ),
    (a) => a.subjectId as string,
  )
  const queued = new Set(coll(OUTBOX).map((n) => n._id))
  const waitingNotices = events
    .flatMap(({ doc, e }) =>
      e.notice
        ? [e.notice as Doc | Doc[]].flat()
        : e.noticeBy
          ? [{ kind: 'requestDecided', key: `bulk ${doc._id} ${e.id}`, values: { requestId: doc._id } }]
          : [],
    )
    .filter((n): n is Doc => Boolean(n) && !queued.has(n!.key as string))
  const noticesOf = groupBy(
    [...coll(OUTBOX), ...waitingNotices].filter(
      (n) => typeof n.values?.requestId === 'string' && !String(n._id ?? n.key).includes('.'),
    ),
    (n) => `${n.kind} ${n.values.requestId}`,
  )
  for (const m of makeups) {
    const trail = [...(auditOf.get(m._id) ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime())
    const replayed = trail.reduce<string | null>(
      (from, e) => (e.from === from ? e.to : `broken at ${e.action}`),
      null,
    )
    if (replayed !== m.status)
      breach('audit trail replays to the status', `${m._id}: ${replayed} ≠ ${m.status}`)
    // each time a request reaches someone who decides it, they are told: a submit (with review off it is approved
    // at once and tells nobody), a resubmit, the next step of its chain, a step handed or added before (not after)
    const submitted = trail.filter(
      (e, i) =>
        ((e.action === 'submit' || e.action === 'resubmit') && trail[i + 1]?.action !== 'autoApprove') ||
        e.action === 'advance' ||
        e.action === 'transfer' ||
        (e.action === 'addSigner' && e.reason !== 'after'),
    ).length
    const decided = trail.filter((e) => DECISIONS.includes(e.action)).length
    const notices = (kind: string) => noticesOf.get(`${kind} ${m._id}`)?.length ?? 0
    if (notices('reviewNeeded') !== submitted)
      breach('one reviewers’ notice per submit', `${m._id}: ${notices('reviewNeeded')} ≠ ${submitted}`)
    if (notices('requestDecided') !== decided)
      breach('one employee notice per decision', `${m._id}: ${notices('requestDecided')} ≠ ${decided}`)
    const revoked = trail.filter((e) => e.action === 'revoke').length
    if (notices('requestRevoked') !== revoked)
      breach('one employee notice per revocation', `${m._id}: ${notices('requestRevoked')} ≠ ${revoked}`)
  }
  for (const key of noticesOf.keys()) {
    const requestId = key.slice(key.indexOf(' ') + 1)
    if (!byId.has(requestId)) breach('notice of an existing request', key)
  }

  if (acked) breaches.push(...missingAcknowledged(acked, checkins, byId))
  return breaches
}

/** No acknowledged write is missing: each check-in, request and decision a client saw succeed is in the data. */
function missingAcknowledged(
  acked: Acknowledged,
  checkins: Map<string, Doc>,
  makeups: Map<string, MakeupDoc>,
): Breach[] {
  const out: Breach[] = []
  for (const a of acked.checkins) {
    const c = checkins.get(a.id)
    if (!c || c.clientRequestId !== a.clientRequestId)
      out.push({ rule: 'acknowledged check-in', detail: a.id })
  }
  for (const a of acked.makeups)
    if (!makeups.has(a.id)) out.push({ rule: 'acknowledged make-up request', detail: a.id })
  for (const a of acked.decisions) {
    const m = makeups.get(a.id)
    if (!m || m.status !== a.status || m.decidedBy !== a.by)
      out.push({ rule: 'acknowledged decision', detail: `${a.id}: ${m?.status} by ${m?.decidedBy}` })
  }
  return out
}
