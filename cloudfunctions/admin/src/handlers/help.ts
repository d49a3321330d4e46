// Help centre content per company: contacts (HR, platform hotline, WeChat customer service, emergency) and FAQ.
// Every bound member reads it; HR admins edit it.
import { ADMIN_COLLECTIONS, type HelpDoc } from '@core/admin'
import type { Api } from '@core/api'
import { requireCaller } from '@server/repositories/members'
import type { Context } from '@server/router'
import { getById, replace } from '@server/sdk'
import { audit, requireHr } from '../access'

type A = Api['admin']

export async function help(_: A['help'][0], { db, openid }: Context): Promise<A['help'][1]> {
  const { member, company } = await requireCaller(db, openid)
  const doc = await getById<HelpDoc>(db, ADMIN_COLLECTIONS.help, company._id)
  return { contacts: doc?.contacts ?? [], faq: doc?.faq ?? [], canEdit: member.roles.includes('hr') }
}

export async function saveHelp(
  input: A['saveHelp'][0],
  { db, openid, now }: Context,
): Promise<A['saveHelp'][1]> {
  const caller = await requireHr(db, openid)
  const companyId = caller.company._id
  await replace<HelpDoc>(db, ADMIN_COLLECTIONS.help, { _id: companyId, companyId, ...input, updatedAt: now })
  await audit(db, caller, now, {
    subject: 'help',
    subjectId: companyId,
    action: 'saveHelp',
    to: `${input.contacts.length} contacts, ${input.faq.length} FAQ`,
  })
  return { ...input, canEdit: true }
}
