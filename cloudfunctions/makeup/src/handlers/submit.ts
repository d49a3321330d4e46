import type { Api } from '@core/api'
import { DomainError } from '@core/shared'
import {
  checkFailureEvidence,
  freeSlots,
  type Holder,
  type MakeupDoc,
  requestDocId,
  submittedReasonKind,
} from '@core/makeup'
import { effectivePolicy, judgeSubmission, ruleFor, type MemberFacts } from '@core/policy'
import { startChain } from '@core/review'
import { acceptedReport } from '@core/privacy'
import { checkFiles, readFileHeads, type FileHead } from '@server/attachments'
import { factsOf, requireMemberDays } from '@server/facts'
import { createRequest, getRequest, type NewRequest, requestView } from '@server/repositories/makeups'
import { submittedNotice } from '@server/notices/events'
import { memberProfile, type Caller } from '@server/repositories/members'
import type { Context } from '@server/router'
import type { Db } from '@server/sdk'

type In = Api['makeup']['submit'][0]
type Out = Api['makeup']['submit'][1]

/**
 * One read (the caller and the day's facts, incl. whether this client request id already made a request and the
 * holders of the cycle's quota units), the file check (one storage call, overlapping the read), then one insert
 * that is the reservation: 3 round trips.
 */
export async function submit(input: In, { db, openid, now }: Context): Promise<Out> {
  // evidence of another day, of the future or past its bound is refused before anything is read or written
  checkFailureEvidence(input.day, input.failures, now)
  // The files' heads are read while the facts load. They are looked at only after core has checked that every
  // file lies in the caller's own folder, and nothing of a file ever leaves the function.
  const heads = settled(readFileHeads(input.attachments))
  const days = await requireMemberDays(db, openid, input.day, input.day, input.clientRequestId)
  // the same client request id again returns the first result, whatever happened since
  if (days.request) return requestView(days.request)
  const { caller } = days
  const id = requestDocId(caller.member._id, input.clientRequestId)
  try {
    const facts = factsOf(days, input.day, input.clientVersion)
    return requestView(await judgeAndCreate(db, caller, facts, days.holders, heads, id, input, now))
  } catch (e) {
    // A concurrent duplicate is refused by the insert (its twin holds the day, or has the same _id): then the
    // first request exists, and is the answer.
    const first = e instanceof DomainError ? await getRequest(db, id) : null
    if (first) return requestView(first)
    throw e
  }
}

async function judgeAndCreate(
  db: Db,
  caller: Caller,
  facts: MemberFacts,
  holders: Holder[],
  heads: () => Promise<(FileHead | null)[]>,
  id: string,
  input: In,
  now: Date,
): Promise<MakeupDoc> {
  const { member, company } = caller
  // minimised first (PRIVACY.md): a health field the policy does not require is neither judged nor stored
  const report = acceptedReport(input.report, company.policy)
  const accepted = judgeSubmission(
    { ...input, report },
    memberProfile(member, now),
    company.policy,
    now,
    facts,
  )
  const policy = effectivePolicy(ruleFor(company.policy, memberProfile(member, now)), member.region)
  checkFiles(input.attachments, await heads(), policy.attachments)
  const grantId = accepted.granted ? facts.grants.find((g) => g.day === input.day)?.id : undefined
  const doc: NewRequest['doc'] = {
    _id: id,
    companyId: company._id,
    memberId: member._id,
    dept: member.dept,
    day: accepted.day,
    status: 'pending',
    report,
    reason: input.reason,
    reasonKind: submittedReasonKind(input),
    attachments: input.attachments,
    attachmentKind: input.attachmentKind,
    failures: input.failures,
    cycle: accepted.cycle,
    charged: accepted.charged,
    granted: accepted.granted,
    policyVersion: accepted.policyVersion,
    submittedAt: now,
    updatedAt: now,
    // the chain it starts with and keeps (a chain changed later applies to later requests)
    ...startChain(policy.approval, member._id),
  }
  // the units it may take: the free ones of its cycle, lowest first (the insert arbitrates between submissions)
  const cycleHolders = holders.filter((h) => h.cycle === doc.cycle)
  const slots = doc.charged ? freeSlots(cycleHolders, policy.quota.cap) : [null]
  return createRequest(
    db,
    {
      doc,
      autoApprove: policy.review === 'auto',
      slots,
      grantId,
      // the reviewers' notice is an event of the same insert: it exists exactly when the request does
      notice: (stored) => submittedNotice(stored, member),
    },
    { kind: 'member', id: member._id },
  )
}

/** A promise started now whose failure only surfaces when (if ever) its value is asked for. */
function settled<T>(promise: Promise<T>): () => Promise<T> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )
  return async () => {
    const o = await outcome
    if ('error' in o) throw o.error
    return o.value
  }
}
