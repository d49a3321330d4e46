import type { Api } from '@core/api'
import { DomainError } from '@core/shared'
import { bindMember, findCaller, findRosterEntry, memberView } from '@server/repositories/members'
import type { Context } from '@server/router'

type In = Api['checkin']['bind'][0]
type Out = Api['checkin']['bind'][1]

export async function bind(input: In, { db, openid, now }: Context): Promise<Out> {
  if (await findCaller(db, openid)) throw new DomainError('ALREADY_BOUND')
  const entry = await findRosterEntry(db, input.inviteCode, input.employeeNo, input.name)
  await bindMember(db, openid, entry, now)
  return memberView({ ...entry, member: { ...entry.member, openid } })
}
