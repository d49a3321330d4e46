// Derived copies of a member's records. This version writes none with free text: audit entries, notices and webhook
// payloads carry ids, statuses and categories only. Older versions copied the make-up reason and the reviewer's note
// into them, so a purge clears those copies in its scope as well:
// - audit entries of requests and records keep their ids, actions and statuses; their `reason` is emptied;
// - notices: a deleted member's own, and the reviewers' notices about them, lose their values' texts and body;
//   with retention, notices and finished webhook deliveries older than the cutoff are removed;
// - webhook deliveries about a deleted member lose the reason in their payload;
// - a deleted member's deletion request loses the reason they gave.
// Each is one where-update (or remove) per collection, and matches nothing once done.
import { startOfLocalDay } from '@core/calendar'
import { ADMIN_COLLECTIONS } from '@core/admin'
import { COLLECTIONS } from '@core/makeup'
import { OUTBOX } from '../notices/records'
import type { Db } from '../sdk'
import type { Scope } from './purge'
import { PRIVACY_LOG } from './records'

interface Cmd {
  lt(v: unknown): unknown
  in(v: unknown[]): unknown
  nin(v: unknown[]): unknown
  neq(v: unknown): unknown
  exists(v: boolean): unknown
  or(c: object[]): unknown
  and(...c: unknown[]): unknown
  remove(): unknown
}

interface Writable {
  where(q: object): {
    update(o: { data: object }): Promise<unknown>
    remove(): Promise<unknown>
  }
}

const coll = (db: Db, name: string) => db.collection(name) as unknown as Writable

/** Subjects whose audit entries once carried a member's or reviewer's words. */
const RECORD_SUBJECTS = ['makeup', 'special', 'checkin']
/** Notices not yet settled are left to the sender. */
const UNSETTLED = ['pending', 'sending']

export async function scrubCopies(db: Db, scope: Scope): Promise<void> {
  const _ = db.command as unknown as Cmd
  const companyId = scope.companyId
  if ('memberId' in scope) {
    const memberId = scope.memberId
    await coll(db, COLLECTIONS.audit)
      .where({ companyId, memberId, subject: _.in(RECORD_SUBJECTS), reason: _.neq('') })
      .update({ data: { reason: '' } })
    await coll(db, OUTBOX)
      .where(
        _.and(
          { companyId },
          _.or([{ memberId }, { about: memberId }, { 'audience.memberId': memberId }]),
        ) as object,
      )
      .update({
        data: {
          'values.reason': _.remove(),
          'values.note': _.remove(),
          'values.reply': _.remove(),
          body: '',
        },
      })
    await coll(db, ADMIN_COLLECTIONS.deliveries)
      .where({ companyId, 'payload.data.memberId': memberId })
      .update({ data: { 'payload.data.reason': _.remove() } })
    await coll(db, PRIVACY_LOG)
      .where({ companyId, memberId, reason: _.exists(true) })
      .update({ data: { reason: _.remove() } })
    return
  }
  const cutoff = startOfLocalDay(scope.beforeDay)
  await coll(db, COLLECTIONS.audit)
    .where({ companyId, at: _.lt(cutoff), subject: _.in(RECORD_SUBJECTS), reason: _.neq('') })
    .update({ data: { reason: '' } })
  await coll(db, OUTBOX)
    .where({ companyId, at: _.lt(cutoff), status: _.nin(UNSETTLED) })
    .remove()
  await coll(db, ADMIN_COLLECTIONS.deliveries)
    .where({ companyId, createdAt: _.lt(cutoff), status: _.neq('pending') })
    .remove()
}
