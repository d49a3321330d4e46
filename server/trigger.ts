// Scheduled work runs only when the platform says so: the timer trigger (source wx_trigger) or a call from
// another function (source "…,scf"). An event saying `Type: 'Timer'` can come from any client; only the context
// the platform sets counts.
import * as cloud from 'wx-server-sdk'
import { refusal } from '@core/shared'
import { COLLECTIONS } from '@core/makeup'
import { findCaller } from './repositories/members'
import { callerOpenid, insert, type Db } from './sdk'

export function platformScheduled(): boolean {
  const source = String(
    (cloud as unknown as { getWXContext(): { SOURCE?: string } }).getWXContext().SOURCE ?? '',
  )
  return source === 'wx_trigger' || source.endsWith(',scf')
}

/**
 * FORBIDDEN for scheduled work asked for by a client, recorded: in the caller's company audit log when they are
 * a member, else in the function log (ids only). Nothing runs.
 */
export async function refuseForgedSchedule(db: Db, fn: string, at: Date) {
  const openid = callerOpenid() ?? ''
  try {
    const caller = openid ? await findCaller(db, openid) : null
    if (caller)
      await insert<Record<string, unknown>>(db, COLLECTIONS.audit, {
        companyId: caller.company._id,
        subject: 'company',
        subjectId: caller.company._id,
        memberId: caller.member._id,
        action: 'refused',
        from: null,
        to: 'FORBIDDEN',
        actor: { kind: 'member', id: caller.member._id },
        at,
        reason: `${fn}.timer`,
      })
    else
      console.warn(
        `${fn}: scheduled run refused for a client call (${openid ? 'unbound caller' : 'no identity'})`,
      )
  } catch (e) {
    console.warn(`${fn}: could not record a refused scheduled run`, e)
  }
  return refusal('FORBIDDEN')
}
