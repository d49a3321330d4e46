// What the app calls: record accepted subscriptions, read the in-app notices, mark them read.
import type { Api } from '@core/api'
import {
  bindingFor,
  type InboxPage,
  NOTICE_KINDS,
  type NoticeSettings,
  SUBSCRIBE_ON,
  type SubscriptionsView,
  templateIdsFor,
} from '@core/notices'
import { deployedNoticeSettings } from '@server/notices/templates'
import { isHrAdmin, isReviewer } from '@core/review'
import { requireCaller, type Caller } from '@server/repositories/members'
import { remainingOf, topUp } from '@server/notices/ledger'
import {
  configProblems,
  inboxPage,
  markRead as markNoticesRead,
  noticeView,
  unreadCount,
} from '@server/notices/outbox'
import type { Context } from '@server/router'

/** Below this many "new request" sends left a reviewer is prompted to top up. */
const LOW_WATER = 2

const settingsOf = (c: Caller) => deployedNoticeSettings(c.company as { notices?: Partial<NoticeSettings> })

function subscriptionsView(caller: Caller, remaining: Record<string, number>): SubscriptionsView {
  const settings = settingsOf(caller)
  const reviews = isReviewer(caller.member) || isHrAdmin(caller.member)
  const newRequest = bindingFor('reviewNeeded', settings).templateId
  return {
    remaining,
    ask: {
      submit: templateIdsFor(SUBSCRIBE_ON.submit, settings),
      review: templateIdsFor(SUBSCRIBE_ON.review, settings),
    },
    low: reviews && (remaining[newRequest] ?? 0) < LOW_WATER,
  }
}

export async function subscribed(input: Api['notify']['subscribed'][0], { db, openid, now }: Context) {
  const caller = await requireCaller(db, openid)
  // only this company's templates count: an unknown id cannot be sent anyway
  const known = new Set(NOTICE_KINDS.map((k) => bindingFor(k, settingsOf(caller)).templateId))
  const accepted = input.templateIds.filter((id) => known.has(id))
  await topUp(db, caller.company._id, caller.member._id, accepted, now)
  return subscriptionsView(caller, await remainingOf(db, caller.company._id, caller.member._id))
}

export async function inbox(input: Api['notify']['inbox'][0], { db, openid }: Context): Promise<InboxPage> {
  const caller = await requireCaller(db, openid)
  const { company, member } = caller
  const [page, unread, remaining, problems] = await Promise.all([
    inboxPage(db, company._id, member._id, input.cursor, input.limit ?? 20),
    unreadCount(db, company._id, member._id),
    remainingOf(db, company._id, member._id),
    isHrAdmin(member) ? configProblems(db, company._id) : Promise.resolve([]),
  ])
  return {
    items: page.docs.map(noticeView),
    unread,
    next: page.next,
    subscriptions: subscriptionsView(caller, remaining),
    problems,
  }
}

export async function markRead(input: Api['notify']['markRead'][0], { db, openid }: Context) {
  const { company, member } = await requireCaller(db, openid)
  await markNoticesRead(db, company._id, member._id, input.all ? 'all' : (input.ids ?? []))
  return { unread: await unreadCount(db, company._id, member._id) }
}
