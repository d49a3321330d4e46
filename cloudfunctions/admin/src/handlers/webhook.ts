// The company's integration webhook: where to send, the secret that signs, which events; and the delivery log.
import { ADMIN_COLLECTIONS, type DeliveryDoc, type WebhookDoc, type WebhookView } from '@core/admin'
import type { Api } from '@core/api'
import { isoShanghai } from '@core/calendar'
import type { Context } from '@server/router'
import { find, getById, replace, type Db } from '@server/sdk'
import { audit, refused, requireHr } from '../access'
import { judgeWebhookUrl, loopbackHttpAllowed } from '../webhook/address'

type A = Api['admin']

async function view(db: Db, companyId: string, hook: WebhookDoc | null): Promise<WebhookView> {
  const log = await find<DeliveryDoc>(
    db,
    ADMIN_COLLECTIONS.deliveries,
    { companyId },
    { orderBy: ['createdAt', 'desc'], limit: 30 },
  )
  return {
    url: hook?.url ?? '',
    events: hook?.events ?? [],
    enabled: hook?.enabled ?? false,
    hasSecret: Boolean(hook?.secret),
    deliveries: log.map((d) => ({
      id: d._id,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      createdAt: isoShanghai(d.createdAt),
      deliveredAt: d.deliveredAt ? isoShanghai(d.deliveredAt) : null,
    })),
  }
}

export async function webhook(_: A['webhook'][0], { db, openid }: Context): Promise<WebhookView> {
  const { company } = await requireHr(db, openid)
  return view(db, company._id, await getById<WebhookDoc>(db, ADMIN_COLLECTIONS.webhooks, company._id))
}

export async function saveWebhook(
  input: A['saveWebhook'][0],
  { db, openid, now }: Context,
): Promise<WebhookView> {
  const caller = await requireHr(db, openid)
  const companyId = caller.company._id
  const before = await getById<WebhookDoc>(db, ADMIN_COLLECTIONS.webhooks, companyId)
  const secret = input.secret ?? before?.secret
  // judged as the socket will see it; the connect-time check repeats this on the resolved address
  if (!judgeWebhookUrl(input.url, loopbackHttpAllowed()).ok || !secret)
    throw await refused(db, caller, now, 'saveWebhook', 'WEBHOOK_INVALID')
  const hook: WebhookDoc = {
    _id: companyId,
    companyId,
    url: input.url,
    secret,
    events: [...new Set(input.events)],
    enabled: input.enabled,
    // a newly enabled webhook sends what happens from now on, not the company's history
    cursor: before?.enabled ? before.cursor : now,
    ...(before?.enabled && before.cursors ? { cursors: before.cursors } : {}),
    updatedAt: now,
  }
  await replace(db, ADMIN_COLLECTIONS.webhooks, hook)
  await audit(db, caller, now, {
    subject: 'company',
    subjectId: companyId,
    action: 'saveWebhook',
    to: `${input.enabled ? 'on' : 'off'} ${input.url} [${hook.events.join(', ')}]`,
    changes: input.secret && before?.secret ? ['secret: rotated'] : [],
  })
  return view(db, companyId, hook)
}
