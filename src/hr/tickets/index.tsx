import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { TICKET_CATEGORY_LABELS, TICKET_TEXT_MAX, type TicketView } from '@core/help'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { Button, TextArea } from '@/kit'
import { shanghaiTime } from '../labels'
import '../hr.css'
import './index.css'

// HR admins: the company's open help tickets, oldest first; a reply answers one (and may close it) and notifies
// its author.
export default function TicketQueue() {
  const [list, setList] = useState<TicketView[] | null>(null)
  const [drafts, setDrafts] = useState<Record<string, string>>({})
  const [busyId, setBusyId] = useState<string | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)

  useDidShow(async () => {
    const res = await call('help', 'queue', {})
    if (!res.ok) return setRefused(res)
    setList(res.data)
  })

  const reply = async (id: string, close: boolean) => {
    const text = (drafts[id] ?? '').trim()
    if (!text) return
    setRefused(null)
    setBusyId(id)
    const res = await call('help', 'reply', { id, text, ...(close ? { close } : {}) })
    setBusyId(null)
    if (!res.ok) return setRefused(res)
    // answered tickets leave the open queue
    setList((l) => l?.filter((t) => t.id !== id) ?? null)
  }

  return (
    <View className='hr-tickets'>
      {refused && <RefusalNotice refusal={refused} />}
      {list?.length === 0 && <Text className='hr-tickets__empty'>没有待回复的工单</Text>}
      {list?.map((t) => (
        <View key={t.id} className='hr-tickets__card ticket'>
          <Text className='hr-tickets__head'>
            {TICKET_CATEGORY_LABELS[t.category]} · {t.memberName}
          </Text>
          <Text className='hr-tickets__text'>{t.text}</Text>
          <Text className='hr-tickets__meta'>{shanghaiTime(t.createdAt)}</Text>
          <TextArea
            className='reply-text'
            placeholder='回复内容'
            maxLength={TICKET_TEXT_MAX}
            value={drafts[t.id] ?? ''}
            onChange={(v: string) => setDrafts((d) => ({ ...d, [t.id]: v }))}
          />
          <View className='hr-tickets__actions'>
            <Button
              className='reply-ticket'
              type='primary'
              size='small'
              disabled={busyId === t.id || !(drafts[t.id] ?? '').trim()}
              onClick={() => reply(t.id, false)}
            >
              回复
            </Button>
            <Button
              className='reply-close-ticket'
              size='small'
              disabled={busyId === t.id || !(drafts[t.id] ?? '').trim()}
              onClick={() => reply(t.id, true)}
            >
              回复并关闭
            </Button>
          </View>
        </View>
      ))}
    </View>
  )
}
