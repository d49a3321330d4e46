// Refusals are recorded so that an attack can be seen, without letting the attacker fill the database:
// - a refusal naming a company (a forged timer call by one of its members, a failed or rate-limited bind with its
//   invite code) goes to that company's audit log, at most once per caller, kind and hour (the entry's id says
//   which; the attempts themselves are counted in bind_attempts);
// - a refusal naming no company (a forged timer call by someone who is no member or has no identity, a bind with
//   an invite code no company has) goes to the platform's `security_log`, which operators read in the database
//   console (no client may read it). One entry per kind, function, caller and hour holds a count and the first and
//   last time; past SECURITY_CALLERS_PER_HOUR callers in an hour, further callers are counted in one overflow entry
//   per kind and function. The retention timer drops entries older than SECURITY_LOG_DAYS.
// Entries hold ids and error codes only: never what the caller typed (an invite code, a name).
import { COLLECTIONS } from '@core/makeup'
import { insert, type Db } from './sdk'

export const SECURITY_LOG = 'security_log'
export const SECURITY_CALLERS_PER_HOUR = 200
export const SECURITY_LOG_DAYS = 90
const HOUR_MS = 3_600_000

export type SecurityKind = 'forgedTimer' | 'unknownInvite' | 'bindRateLimited'

export interface SecurityEntry {
  _id: string
  kind: SecurityKind
  /** the function that refused */
  fn: string
  /** the caller's openid; null when the call had none, or for the overflow entry */
  openid: string | null
  /** the refusal's error code */
  code: string
  /** the hour (epoch hours, UTC) the entry counts */
  hour: number
  count: number
  firstAt: Date
  lastAt: Date
}

const hourOf = (at: Date) => Math.floor(at.getTime() / HOUR_MS)
const isDuplicate = (e: unknown) => /duplicate/i.test(String((e as Error)?.message))

interface Cmd {
  inc(n: number): unknown
}

/** Adds one to a counting document; false when it does not exist. */
async function bump(db: Db, collection: string, id: string, data: object): Promise<boolean> {
  const _ = db.command as unknown as Cmd
  const res = await db
    .collection(collection)
    .doc(id)
    .update({ data: { count: _.inc(1), ...data } })
  return res.stats.updated > 0
}

/** Creates the counting document, or counts on it when a concurrent refusal created it first. */
async function createOrBump(
  db: Db,
  collection: string,
  doc: { _id: string } & Record<string, unknown>,
  at: Date,
) {
  if (await bump(db, collection, doc._id, { lastAt: at })) return
  try {
    await insert(db, collection, doc)
  } catch (e) {
    if (!isDuplicate(e)) throw e
    await bump(db, collection, doc._id, { lastAt: at })
  }
}

/** Counts a refusal that names no company in the platform's security log. Never throws. */
export async function recordSecurityEvent(
  db: Db,
  event: { kind: SecurityKind; fn: string; openid: string | null; code: string },
  at: Date,
): Promise<void> {
  try {
    const hour = hourOf(at)
    const prefix = `${event.kind}_${event.fn}_${hour}_`
    const id = `${prefix}${event.openid ?? '-'}`
    if (await bump(db, SECURITY_LOG, id, { lastAt: at })) return
    // a caller new this hour takes a place under the hour's cap, or is counted with the overflow
    const places = `callers_${hour}`
    await createOrBump(
      db,
      SECURITY_LOG,
      { _id: places, kind: 'callers', hour, count: 1, firstAt: at, lastAt: at },
      at,
    )
    const taken = (await db.collection(SECURITY_LOG).doc(places).get()).data as unknown as { count: number }
    const over = taken.count > SECURITY_CALLERS_PER_HOUR
    const entry: SecurityEntry = {
      _id: over ? `${prefix}overflow` : id,
      kind: event.kind,
      fn: event.fn,
      openid: over ? null : event.openid,
      code: event.code,
      hour,
      count: 1,
      firstAt: at,
      lastAt: at,
    }
    await createOrBump(db, SECURITY_LOG, { ...entry }, at)
  } catch (e) {
    console.warn(`${event.fn}: could not record a refusal (${event.kind})`, e)
  }
}

/**
 * A refusal in the company's audit log, at most once per `key` (caller and kind) and hour: later ones in the same
 * hour are already counted elsewhere (bind_attempts) or add nothing a reader needs. Never throws.
 */
export async function auditRefusalOnce(
  db: Db,
  key: string,
  entry: {
    companyId: string
    subject: string
    subjectId: string
    memberId: string
    to: string
    actorId: string
    reason: string
  },
  at: Date,
): Promise<void> {
  try {
    await insert<Record<string, unknown>>(db, COLLECTIONS.audit, {
      _id: `refused_${key}_${hourOf(at)}`,
      companyId: entry.companyId,
      subject: entry.subject,
      subjectId: entry.subjectId,
      memberId: entry.memberId,
      action: 'refused',
      from: null,
      to: entry.to,
      actor: { kind: 'member', id: entry.actorId },
      at,
      reason: entry.reason,
    })
  } catch (e) {
    if (!isDuplicate(e)) console.warn(`could not record a refusal (${entry.reason})`, e)
  }
}

/** Drops entries whose last refusal is older than SECURITY_LOG_DAYS, and old hours' caller counts (the retention timer). */
export async function dropOldSecurityLog(db: Db, at: Date): Promise<void> {
  const _ = db.command as unknown as { lt(v: unknown): unknown }
  const before = new Date(at.getTime() - SECURITY_LOG_DAYS * 86_400_000)
  await (db.collection(SECURITY_LOG) as unknown as { where(q: object): { remove(): Promise<unknown> } })
    .where({ lastAt: _.lt(before) })
    .remove()
}
