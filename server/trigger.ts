// Scheduled work runs only when the platform says so: the timer trigger (source wx_trigger) or a call from
// another function (source "…,scf"). An event saying `Type: 'Timer'` can come from any client; only the context
// the platform sets counts.
import * as cloud from 'wx-server-sdk'
import { refusal } from '@core/shared'
import { findCaller } from './repositories/members'
import { callerOpenid, type Db } from './sdk'
import { auditRefusalOnce, recordSecurityEvent } from './security-log'

export function platformScheduled(): boolean {
  const source = String(
    (cloud as unknown as { getWXContext(): { SOURCE?: string } }).getWXContext().SOURCE ?? '',
  )
  return source === 'wx_trigger' || source.endsWith(',scf')
}

/**
 * FORBIDDEN for scheduled work asked for by a client, recorded (server/security-log.ts): in the caller's company
 * audit log when they are a member (once per member, function and hour), else in the platform's security log
 * (counted per caller and hour). Nothing runs.
 */
export async function refuseForgedSchedule(db: Db, fn: string, at: Date) {
  const openid = callerOpenid() ?? ''
  let caller: Awaited<ReturnType<typeof findCaller>> = null
  try {
    caller = openid ? await findCaller(db, openid) : null
  } catch (e) {
    console.warn(`${fn}: could not look up the caller of a refused scheduled run`, e)
  }
  if (caller)
    await auditRefusalOnce(
      db,
      `${fn}.timer_${caller.company._id}_${caller.member._id}`,
      {
        companyId: caller.company._id,
        subject: 'company',
        subjectId: caller.company._id,
        memberId: caller.member._id,
        to: 'FORBIDDEN',
        actorId: caller.member._id,
        reason: `${fn}.timer`,
      },
      at,
    )
  else
    await recordSecurityEvent(db, { kind: 'forgedTimer', fn, openid: openid || null, code: 'FORBIDDEN' }, at)
  return refusal('FORBIDDEN')
}
