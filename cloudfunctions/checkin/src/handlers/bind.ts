import type { Api } from '@core/api'
import { DomainError, type ErrorCode } from '@core/shared'
import { bindMember, findCaller, findRosterEntry, memberView } from '@server/repositories/members'
import {
  companyIdOfInvite,
  countFailedBind,
  recordBindRefusal,
  requireBindAllowed,
} from '@server/repositories/bind-attempts'
import type { Context } from '@server/router'

type In = Api['checkin']['bind'][0]
type Out = Api['checkin']['bind'][1]

const GUESSES: ErrorCode[] = ['BIND_FAILED', 'EMPLOYEE_ALREADY_BOUND']

export async function bind(input: In, { db, openid, now }: Context): Promise<Out> {
  if (await findCaller(db, openid)) throw new DomainError('ALREADY_BOUND')
  const companyId = await companyIdOfInvite(db, input.inviteCode)
  await requireBindAllowed(db, openid, companyId, now)
  try {
    const entry = await findRosterEntry(db, input.inviteCode, input.employeeNo, input.name)
    await bindMember(db, openid, entry, now)
    return memberView({ ...entry, member: { ...entry.member, openid } })
  } catch (e) {
    // a wrong guess counts against the user and the company, and is recorded (an unknown invite code with the platform)
    if (e instanceof DomainError && GUESSES.includes(e.code)) {
      await countFailedBind(db, openid, companyId, now)
      await recordBindRefusal(db, openid, companyId, e.code as 'BIND_FAILED' | 'EMPLOYEE_ALREADY_BOUND', now)
    }
    throw e
  }
}
