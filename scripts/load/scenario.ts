// The morning peak: C concurrent clients work through the employees (each opens the app — checkin.me —, makes up
// the days they missed, then checks in today) while R reviewers page their department's queue and decide every
// pending request. Bounded by the member count (and, for throughput runs, a deadline). Every acknowledged write is
// recorded so the checker can look for it afterwards.
import { createHash } from 'node:crypto'
import { checkinId, type MakeupStatus, requestDocId } from '@core/makeup'
import { REPORT, TODAY, type PeakFixture, type PeakMember } from './fixture'
import { callFunction, CallFailed, type ClientOptions } from './gateway-client'

export interface Acknowledged {
  checkins: { id: string; clientRequestId: string }[]
  makeups: { id: string }[]
  decisions: { id: string; status: MakeupStatus; by: string }[]
}

export interface ScenarioOptions {
  clients: number
  /**
   * stop starting new work after this many seconds (what is left is reported as unfinished); unset, the run ends
   * when every member is through and every request decided, however long a busy machine takes (correctness tests)
   */
  seconds?: number
}

export interface ScenarioResult {
  acked: Acknowledged
  /** platform failures and unexpected refusals: must be empty */
  errors: string[]
  /** employees who never got through their morning (deadline or error) */
  unfinishedMembers: number
  /** requests submitted but never decided */
  undecided: number
  approved: number
  rejected: number
  /** calls that needed more than one attempt (after a kill) */
  retried: number
  seconds: number
}

const PAGE = 20
/** a reviewer with an empty queue looks again after this long */
const IDLE_MS = 300

/** One request in eight is rejected (quota refund path), the rest approved; fixed by the id, so reruns agree. */
function decisionFor(id: string): 'approve' | 'reject' {
  return createHash('sha1').update(id).digest()[0] % 8 === 0 ? 'reject' : 'approve'
}

export function emptyAcknowledged(): Acknowledged {
  return { checkins: [], makeups: [], decisions: [] }
}

export async function runScenario(
  fixture: PeakFixture,
  client: ClientOptions,
  opts: ScenarioOptions,
  acked: Acknowledged = emptyAcknowledged(),
): Promise<ScenarioResult> {
  const started = Date.now()
  const deadline = opts.seconds === undefined ? Infinity : started + opts.seconds * 1000
  const errors: string[] = []
  const todo = [...fixture.employees]
  let finished = 0
  let retried = 0
  let membersDone = false
  let approved = 0
  let rejected = 0

  const call = async (who: PeakMember, fn: string, data: { action: string } & Record<string, unknown>) => {
    const outcome = await callFunction(client, who.openid, fn, data)
    if (outcome.attempts > 1) retried++
    return outcome
  }
  const refused = (who: PeakMember, what: string, code?: string) =>
    new CallFailed(`${who.id} ${what} refused: ${code}`)

  async function morning(m: PeakMember): Promise<void> {
    const me = await call(m, 'checkin', { action: 'me' })
    if (!me.result.ok || !me.result.data.member) throw refused(m, 'checkin.me', me.result.code ?? 'not bound')
    for (const day of m.missed) {
      const clientRequestId = `peak-${m.id}-${day}`
      const { result } = await call(m, 'makeup', {
        action: 'submit',
        day,
        report: REPORT,
        reason: '前一天忘记打卡',
        attachments: [],
        clientRequestId,
      })
      if (!result.ok) throw refused(m, `makeup.submit ${day}`, result.code)
      acked.makeups.push({ id: requestDocId(m.id, clientRequestId) })
    }
    const clientRequestId = `peak-${m.id}-${TODAY}`
    const { result } = await call(m, 'checkin', { action: 'submit', report: REPORT, clientRequestId })
    if (!result.ok) throw refused(m, 'checkin.submit', result.code)
    acked.checkins.push({ id: checkinId(m.id, TODAY), clientRequestId })
  }

  async function memberClient(): Promise<void> {
    while (todo.length > 0 && Date.now() < deadline) {
      const m = todo.shift()!
      try {
        await morning(m)
        finished++
      } catch (e) {
        if (!(e instanceof CallFailed)) throw e
        errors.push(e.message)
      }
    }
  }

  async function decide(r: PeakMember, id: string): Promise<void> {
    const decision = decisionFor(id)
    const input =
      decision === 'reject' ? { id, decision, reasonCode: 'reasonInsufficient' } : { id, decision }
    const { result, attempts } = await call(r, 'review', { action: 'decide', ...input })
    // a retry after a kill finds its own first attempt committed
    const ownRetry = !result.ok && result.code === 'ALREADY_DECIDED' && attempts > 1
    if (!result.ok && !ownRetry) throw refused(r, `review.decide ${id}`, result.code)
    acked.decisions.push({ id, status: decision === 'approve' ? 'approved' : 'rejected', by: r.id })
    if (decision === 'approve') approved++
    else rejected++
  }

  async function reviewerClient(r: PeakMember): Promise<void> {
    while (Date.now() < deadline) {
      try {
        const { result } = await call(r, 'review', { action: 'queue', limit: PAGE })
        if (!result.ok) throw refused(r, 'review.queue', result.code)
        const items = result.data.items as { id: string }[]
        if (items.length === 0) {
          // the members' clients have finished: no request can arrive any more
          if (membersDone) return
          await new Promise((res) => setTimeout(res, IDLE_MS))
          continue
        }
        for (const item of items) await decide(r, item.id)
      } catch (e) {
        if (!(e instanceof CallFailed)) throw e
        errors.push(e.message)
        return
      }
    }
  }

  const reviewers = Promise.all(fixture.reviewers.map(reviewerClient))
  await Promise.all(Array.from({ length: opts.clients }, memberClient))
  membersDone = true
  await reviewers
  const decided = new Set(acked.decisions.map((d) => d.id))
  return {
    acked,
    errors,
    unfinishedMembers: fixture.employees.length - finished,
    undecided: acked.makeups.filter((m) => !decided.has(m.id)).length,
    approved,
    rejected,
    retried,
    seconds: (Date.now() - started) / 1000,
  }
}
