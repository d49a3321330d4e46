// Sends one notice to its recipient and settles it: delivered, fallen back to the in-app list (no authorisation,
// not bound; a reviewer's delegate or the HR admins are tried instead), failed with a reason (configuration,
// retries used up), or pending again after a back-off. Fan-out notices are expanded here into one per recipient.
import { localDay } from '@core/calendar'
import { bindingFor, buildMessage, type NoticeSettings, type SubscribeMessage } from '@core/notices'
import { COLLECTIONS, type CompanyDoc, type MemberDoc } from '@core/makeup'
import { isDelegationActive, reviewersFor, type DelegationDoc } from '@core/review'
import { DELEGATIONS, hrAdmins, membersByIds } from '../repositories/review'
import { find, getById, type Db } from '../sdk'
import { consume, exhaust, subscriptionId } from './ledger'
import { insertOnce, settle } from './outbox'
import { deployedNoticeSettings } from './templates'
import { SUBSCRIPTIONS, type NoticeReason, type OutboxDoc, type SubscriptionDoc } from './records'
import { sendMessage, type SendOutcome } from './send'

/** Sends per notice at most (the first try included) before it fails with `retriesExhausted`. */
export const MAX_ATTEMPTS = 5
/** How long a sender holds a notice; after that another run may take it over. */
export const LEASE_MS = 60_000
const BACKOFF_BASE_MS = 30_000
const BACKOFF_CAP_MS = 30 * 60_000

/** Wait before attempt n + 1 after n failed ones: 30 s, 1 min, 2 min … at most 30 min. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1))
}

type Company = CompanyDoc & { notices?: Partial<NoticeSettings> }

/** What one run of the notify function reads more than once: companies and members, cached for the run. */
export class Run {
  private companies = new Map<string, Promise<Company | null>>()
  private members = new Map<string, Promise<MemberDoc | null>>()
  readonly tally = { delivered: 0, fallenBack: 0, failed: 0, retried: 0 }
  /** sends to take off the ledger at the next `flush` (one write per page instead of one per send) */
  private used: { memberId: string; templateId: string }[] = []

  constructor(
    readonly db: Db,
    readonly now: Date,
    /** the emulator and tests may want the send itself replaced; production uses the SDK */
    readonly send: (touser: string, msg: SubscribeMessage) => Promise<SendOutcome> = sendMessage,
  ) {}

  company(id: string): Promise<Company | null> {
    if (!this.companies.has(id)) this.companies.set(id, getById<Company>(this.db, COLLECTIONS.companies, id))
    return this.companies.get(id)!
  }

  member(id: string): Promise<MemberDoc | null> {
    if (!this.members.has(id)) this.members.set(id, getById<MemberDoc>(this.db, COLLECTIONS.members, id))
    return this.members.get(id)!
  }

  remember(m: MemberDoc): void {
    this.members.set(m._id, Promise.resolve(m))
  }

  markUsed(memberId: string, templateId: string): void {
    this.used.push({ memberId, templateId })
  }

  /** Writes the ledger changes of the sends so far; a crash before it leaves the ledger high, never low. */
  async flush(): Promise<void> {
    const used = this.used
    this.used = []
    await consume(this.db, used, this.now)
  }

  lease(): Date {
    return new Date(this.now.getTime() + LEASE_MS)
  }
}

/**
 * Handles a notice this run holds (claimed, or inserted as 'sending'); `remaining` skips the ledger read. A
 * database failure midway leaves it 'sending': a later run takes it over when the lease ends. One notice never
 * stops the others.
 */
export async function deliver(run: Run, doc: OutboxDoc, remaining?: number): Promise<void> {
  try {
    await handle(run, doc, remaining)
  } catch (e) {
    console.error(`notice ${doc._id} left for a later run`, e)
  }
}

async function handle(run: Run, doc: OutboxDoc, remaining?: number): Promise<void> {
  if (!doc.memberId) return expand(run, doc)
  const [member, company] = await Promise.all([run.member(doc.memberId), run.company(doc.companyId)])
  let msg: SubscribeMessage
  try {
    msg = buildMessage(doc.values, bindingFor(doc.kind, deployedNoticeSettings(company ?? {})))
  } catch (e) {
    return finish(run, doc, 'failed', { reason: 'format', detail: String((e as Error).message) })
  }
  const page = msg.page
  if (!member?.openid || member.status !== 'active')
    return finish(run, doc, 'fallenBack', { reason: 'notBound', page })
  const left =
    remaining ??
    (await getById<SubscriptionDoc>(run.db, SUBSCRIPTIONS, subscriptionId(member._id, msg.templateId)))
      ?.remaining ??
    0
  if (left <= 0) return noAuthorisation(run, doc, page, 'ledger: none left')
  const outcome = await run.send(member.openid, msg)
  switch (outcome.kind) {
    case 'sent':
      await finish(run, doc, 'delivered', {
        msgid: outcome.msgid,
        sentAt: run.now,
        page,
        attempts: doc.attempts + 1,
      })
      return run.markUsed(member._id, msg.templateId)
    case 'noAuthorisation':
      await exhaust(run.db, member._id, msg.templateId, run.now)
      return noAuthorisation(run, doc, page, outcome.detail)
    case 'configError':
    case 'invalidRecipient':
      return finish(run, doc, 'failed', {
        reason: outcome.kind,
        detail: outcome.detail,
        page,
        attempts: doc.attempts + 1,
      })
    case 'transient': {
      const attempts = doc.attempts + 1
      if (attempts >= MAX_ATTEMPTS)
        return finish(run, doc, 'failed', {
          reason: 'retriesExhausted',
          detail: outcome.detail,
          page,
          attempts,
        })
      run.tally.retried++
      return settle(run.db, doc._id, {
        status: 'pending',
        attempts,
        dueAt: new Date(run.now.getTime() + backoffMs(attempts)),
        detail: outcome.detail,
        page,
      })
    }
  }
}

async function finish(
  run: Run,
  doc: OutboxDoc,
  status: 'delivered' | 'fallenBack' | 'failed',
  fields: Partial<OutboxDoc> & { reason?: NoticeReason },
): Promise<void> {
  run.tally[status]++
  await settle(run.db, doc._id, { status, dueAt: run.now, ...fields })
}

/** In-app only for this recipient; a reviewer's notice goes on to their delegate, else to the HR admins. */
async function noAuthorisation(run: Run, doc: OutboxDoc, page: string, detail: string): Promise<void> {
  await finish(run, doc, 'fallenBack', { reason: 'noAuthorisation', detail, page })
  if (doc.fallback || (doc.kind !== 'reviewNeeded' && doc.kind !== 'reviewPending')) return
  const alternates = await alternatesOf(run, doc)
  await Promise.all(
    alternates.map((m) =>
      sendToOther(run, { ...doc, fallback: true }, m, `${doc._id}.${m._id}`, alternates.length),
    ),
  )
}

async function alternatesOf(run: Run, doc: OutboxDoc): Promise<MemberDoc[]> {
  const exclude = new Set([doc.memberId, doc.about])
  const delegation = await getById<DelegationDoc>(run.db, DELEGATIONS, doc.memberId!)
  if (
    delegation &&
    delegation.companyId === doc.companyId &&
    isDelegationActive(delegation, localDay(run.now))
  ) {
    const to = await run.member(delegation.to)
    if (to && to.status === 'active' && !exclude.has(to._id)) return [to]
  }
  // other reviewers of the same request were notified already; the HR admins step in for a lone reviewer
  if ((doc.fanout ?? 1) > 1) return []
  return (await hrAdmins(run.db, doc.companyId)).filter((m) => !exclude.has(m._id))
}

/** A copy of the notice for another recipient, inserted as held by this run (its key keeps it single). */
async function sendToOther(
  run: Run,
  base: OutboxDoc,
  m: MemberDoc,
  id: string,
  fanout: number,
): Promise<void> {
  run.remember(m)
  const { audience: _fanoutOnly, ...rest } = base
  const doc: OutboxDoc = {
    ...rest,
    _id: id,
    memberId: m._id,
    status: 'sending',
    dueAt: run.lease(),
    attempts: 0,
    read: false,
    fanout,
    reason: undefined,
    detail: undefined,
  }
  if (await insertOnce(run.db, doc)) await deliver(run, doc)
}

/** One notice per recipient of a fan-out; the fan-out document itself ends 'expanded'. */
async function expand(run: Run, doc: OutboxDoc): Promise<void> {
  const recipients = await audienceOf(run, doc)
  if (recipients.length === 0) {
    run.tally.failed++
    return settle(run.db, doc._id, { status: 'failed', reason: 'noRecipient', dueAt: run.now })
  }
  const a = doc.audience
  const about = a?.kind === 'reviewersOf' ? a.memberId : a && 'about' in a ? a.about : undefined
  await Promise.all(
    recipients.map((m) => sendToOther(run, { ...doc, about }, m, `${doc._id}.${m._id}`, recipients.length)),
  )
  await settle(run.db, doc._id, { status: 'expanded', dueAt: run.now })
}

async function audienceOf(run: Run, doc: OutboxDoc): Promise<MemberDoc[]> {
  const a = doc.audience
  if (!a) return []
  if (a.kind === 'member') {
    const m = await run.member(a.memberId)
    return m ? [m] : []
  }
  if (a.kind === 'hrAdmins') return (await hrAdmins(run.db, doc.companyId)).filter((m) => m._id !== a.about)
  if (a.kind === 'members')
    return (await membersByIds(run.db, doc.companyId, a.memberIds)).filter(
      (m) => m.status === 'active' && m._id !== a.about,
    )
  const requester = await run.member(a.memberId)
  if (!requester) return []
  return reviewersFor(requester, await reviewersOfCompany(run.db, doc.companyId))
}

function reviewersOfCompany(db: Db, companyId: string): Promise<MemberDoc[]> {
  return find<MemberDoc>(
    db,
    COLLECTIONS.members,
    { companyId, status: 'active', roles: db.command.in(['reviewer', 'hr']) },
    { limit: 1000 },
  )
}
