// HR revokes an approved make-up: the request becomes `revoked` (its approval stays in the timeline), the day's
// effective record is removed and the day is no longer made up, the unit of quota returns when the company's
// policy says so (quota.revokeRefunds, default yes), and the employee is notified, all in one transaction on
// the request document: of two concurrent revocations, or a revocation and a decision, exactly one applies first.
import type { Api } from '@core/api'
import { assertMayRevoke, revocationNote, REVOKE_REASONS, roleOf, type RevokeReason } from '@core/review'
import type { MakeupRequestView } from '@core/makeup'
import { DomainError } from '@core/shared'
import { requestView, transitionRequest } from '@server/repositories/makeups'
import { revokedNotice } from '@server/notices/events'
import { enqueueNotice } from '@server/notices/outbox'
import { membersByIds, withRequests, type RequestsRow } from '@server/repositories/review'
import { reviewAction, type ReviewContext } from '../reviewer'

type In = Api['review']['revoke'][0]

async function revokeOne(rc: ReviewContext, row: RequestsRow, input: In): Promise<MakeupRequestView> {
  const found = row.requests.find((r) => r._id === input.id)
  if (!found || !row.owners.some((m) => m._id === found.memberId)) throw new DomainError('REQUEST_NOT_FOUND')
  const code = input.reasonCode as RevokeReason
  const actor = { kind: 'reviewer' as const, id: rc.member._id, role: roleOf(rc.member) }
  try {
    assertMayRevoke(rc.member, found)
    const note = revocationNote(code, input.note ?? '')
    const updated = await transitionRequest(
      rc.db,
      input.id,
      'revoke',
      actor,
      rc.now,
      // the audit entry carries the listed reason only: HR's note stays on the request
      REVOKE_REASONS[code],
      // a revocation is decided now: today's policy says whether the unit returns
      rc.company.policy,
      // re-checked on the document the transaction read: a concurrent revocation or decision shows here
      (doc) => assertMayRevoke(rc.member, doc),
      { revokedAt: rc.now, revokedBy: rc.member._id, revokeCode: code, revokeNote: note },
      (tx, revoked) => enqueueNotice(tx, revokedNotice(revoked, rc.member)),
    )
    return requestView(updated)
  } catch (e) {
    if (e instanceof DomainError && e.code === 'ALREADY_REVOKED') {
      const [by] = e.detail ? await membersByIds(rc.db, rc.company._id, [e.detail]) : []
      throw new DomainError('ALREADY_REVOKED', e.detail, by ? { by: by.name } : {})
    }
    throw e
  }
}

export const revoke = reviewAction<In, MakeupRequestView, RequestsRow>(
  'revoke',
  (input, rc, row) => revokeOne(rc, row, input),
  (input, db) => (p) => withRequests(db, p, [input.id]),
)
