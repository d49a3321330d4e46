// Binding guesses are limited: failed binds (wrong invite code, employee number or name, or an employee number
// bound to someone else) are counted per WeChat user and per company in fixed windows; past the limit every bind
// is refused with BIND_RATE_LIMITED before anything is looked up, until the window ends.
import { DomainError } from '@core/shared'
import { COLLECTIONS } from '@core/makeup'
import { find, getById, insert, type Db } from '../sdk'
import { auditRefusalOnce, recordSecurityEvent } from '../security-log'

const BIND_ATTEMPTS = 'bind_attempts'
export const BIND_WINDOW_MS = 15 * 60_000
/** failed binds per WeChat user and window: a typo or two, not a search */
export const BIND_FAILURES_PER_OPENID = 5
/** failed binds per company and window, whoever makes them: many accounts guessing one roster */
export const BIND_FAILURES_PER_COMPANY = 50

interface AttemptDoc {
  _id: string
  failures: number
  windowStart: Date
}

const windowOf = (now: Date) => Math.floor(now.getTime() / BIND_WINDOW_MS)
const keys = (openid: string, companyId: string | null, now: Date) => ({
  openid: `o_${openid}_${windowOf(now)}`,
  company: companyId ? `c_${companyId}_${windowOf(now)}` : null,
})

export async function companyIdOfInvite(db: Db, inviteCode: string): Promise<string | null> {
  const [company] = await find<{ _id: string }>(db, COLLECTIONS.companies, { inviteCode }, { limit: 1 })
  return company?._id ?? null
}

/** BIND_RATE_LIMITED, recorded (recordBindRefusal), past either limit. */
export async function requireBindAllowed(db: Db, openid: string, companyId: string | null, now: Date) {
  const k = keys(openid, companyId, now)
  const [mine, company] = await Promise.all([
    getById<AttemptDoc>(db, BIND_ATTEMPTS, k.openid),
    k.company ? getById<AttemptDoc>(db, BIND_ATTEMPTS, k.company) : null,
  ])
  const over =
    (mine?.failures ?? 0) >= BIND_FAILURES_PER_OPENID || (company?.failures ?? 0) >= BIND_FAILURES_PER_COMPANY
  if (!over) return
  await recordBindRefusal(db, openid, companyId, 'BIND_RATE_LIMITED', now)
  throw new DomainError('BIND_RATE_LIMITED')
}

/**
 * Records a refused bind (server/security-log.ts): in the company's audit log when the invite code names one (once
 * per WeChat user, code and hour; the attempts are counted here), else in the platform's security log. Ids and
 * codes only: what the user typed is not kept. Never throws.
 */
export async function recordBindRefusal(
  db: Db,
  openid: string,
  companyId: string | null,
  code: 'BIND_FAILED' | 'EMPLOYEE_ALREADY_BOUND' | 'BIND_RATE_LIMITED',
  now: Date,
): Promise<void> {
  if (companyId)
    await auditRefusalOnce(
      db,
      `bind.${code}_${companyId}_${openid}`,
      { companyId, subject: 'member', subjectId: '', memberId: '', to: code, actorId: '', reason: 'bind' },
      now,
    )
  else
    await recordSecurityEvent(
      db,
      {
        kind: code === 'BIND_RATE_LIMITED' ? 'bindRateLimited' : 'unknownInvite',
        fn: 'checkin',
        openid,
        code,
      },
      now,
    )
}

/** Drops the counters of windows that ended a day ago or more (the retention timer): they decide nothing now. */
export async function dropOldBindAttempts(db: Db, now: Date): Promise<void> {
  const _ = db.command as unknown as { lt(v: unknown): unknown }
  await (db.collection(BIND_ATTEMPTS) as unknown as { where(q: object): { remove(): Promise<unknown> } })
    .where({ windowStart: _.lt(new Date(now.getTime() - 86_400_000)) })
    .remove()
}

/** Counts a failed bind for the user and the company. */
export async function countFailedBind(db: Db, openid: string, companyId: string | null, now: Date) {
  const k = keys(openid, companyId, now)
  await Promise.all(
    [k.openid, k.company].filter((id): id is string => id !== null).map((id) => bump(db, id, now)),
  )
}

async function bump(db: Db, id: string, now: Date): Promise<void> {
  const _ = db.command
  for (let tries = 0; tries < 3; tries++) {
    const res = await db
      .collection(BIND_ATTEMPTS)
      .doc(id)
      .update({ data: { failures: _.inc(1) } })
    if (res.stats.updated > 0) return
    try {
      await insert<AttemptDoc>(db, BIND_ATTEMPTS, {
        _id: id,
        failures: 1,
        windowStart: new Date(Math.floor(now.getTime() / BIND_WINDOW_MS) * BIND_WINDOW_MS),
      })
      return
    } catch (e) {
      // created by a concurrent failure meanwhile: count on it
      if (!/duplicate/i.test(String((e as Error)?.message))) throw e
    }
  }
}
