// The in-app notices: an unread badge for any page, and the list (every notice, whether or not its WeChat
// message went out). Plain Taro components: the main package uses the badge.
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { InboxPage, NoticeView } from '@core/notices'
import { call } from '@/cloud'
import { rememberSubscriptions } from './subscribe'
import './index.css'

export { askToSubscribe, rememberSubscriptions, useSubscribeIds, type SubscribeTap } from './subscribe'

/** Loads the first page of the caller's notices; `reload` after marking or on page show. */
export function useInbox(): { inbox: InboxPage | null; reload: () => Promise<void> } {
  const [inbox, setInbox] = useState<InboxPage | null>(null)
  const reload = useCallback(async () => {
    const res = await call('notify', 'inbox', {})
    if (!res.ok) return // notices are secondary: a page never fails because of them
    rememberSubscriptions(res.data.subscriptions)
    setInbox(res.data)
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  return { inbox, reload }
}

export function NoticesBadge({ unread, onTap }: { unread: number; onTap?: () => void }) {
  return (
    <View className='notices-badge' onClick={onTap} data-unread={unread}>
      <Text className='notices-badge__label'>通知</Text>
      {unread > 0 && <Text className='notices-badge__count'>{unread > 99 ? '99+' : unread}</Text>}
    </View>
  )
}

const STATUS_NOTE: Record<NoticeView['status'], string> = {
  pending: '发送中',
  delivered: '已发微信消息',
  fallenBack: '仅站内通知',
  failed: '微信消息未发出',
}

export function NoticesList({
  inbox,
  onRead,
}: {
  inbox: InboxPage
  onRead: (ids: string[] | 'all') => void
}) {
  const { items, subscriptions, problems } = inbox
  return (
    <View className='notices'>
      {subscriptions.low && (
        <Text className='notices__low'>
          剩余的新申请提醒不多了：审核时请在弹窗中选择"允许"，以便继续收到微信提醒
        </Text>
      )}
      {problems.length > 0 && (
        <View className='notices__problems'>
          <Text className='notices__problems-title'>订阅消息配置有误（{problems.length}）</Text>
          {problems.slice(0, 3).map((p) => (
            <Text key={p.id} className='notices__problem'>
              {p.kind}：{p.detail}
            </Text>
          ))}
        </View>
      )}
      {items.length === 0 && <Text className='notices__empty'>暂无通知</Text>}
      {items.map((n) => (
        <View
          key={n.id}
          className={`notices__item${n.read ? '' : ' notices__item--unread'}`}
          onClick={() => !n.read && onRead([n.id])}
        >
          <Text className='notices__title'>{n.title}</Text>
          <Text className='notices__body'>{n.body}</Text>
          <Text className='notices__meta'>
            {n.at.slice(0, 16).replace('T', ' ')} · {STATUS_NOTE[n.status]}
          </Text>
        </View>
      ))}
      {inbox.unread > 0 && (
        <Text className='notices__all-read' onClick={() => onRead('all')}>
          全部标为已读
        </Text>
      )}
    </View>
  )
}

/** The badge; a tap opens the list in place (the home page's one line for notices). */
export function NoticesPanel() {
  const { inbox, reload } = useInbox()
  const [open, setOpen] = useState(false)
  if (!inbox) return null
  return (
    <View className='notices-panel'>
      <NoticesBadge unread={inbox.unread} onTap={() => setOpen(!open)} />
      {open && <NoticesList inbox={inbox} onRead={(ids) => void markNoticesRead(ids, reload)} />}
    </View>
  )
}

/** Marks notices read and reloads the inbox. */
export async function markNoticesRead(ids: string[] | 'all', reload: () => Promise<void>): Promise<void> {
  const res = await call('notify', 'markRead', ids === 'all' ? { all: true } : { ids })
  if (res.ok) await reload()
}
