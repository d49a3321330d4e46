import { Image, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { TICKET_CATEGORY_LABELS, TICKET_STATUS_LABELS, type TicketDetail } from '@core/help'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { shanghaiTime } from '@/employee/labels'
import '../index.css'

// One ticket: what I wrote, my screenshots (short-lived links), and HR's replies.
export default function Ticket() {
  const [ticket, setTicket] = useState<TicketDetail | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)

  useLoad(async (options: Record<string, string | undefined>) => {
    const res = await call('help', 'detail', { id: options.id ?? '' })
    if (!res.ok) return setRefused(res)
    setTicket(res.data)
  })

  if (!ticket) return <View className='tickets'>{refused && <RefusalNotice refusal={refused} />}</View>
  const urls = ticket.screenshots.flatMap((s) => s.url ?? [])
  return (
    <View className='tickets'>
      <View className='tickets__card'>
        <View className='tickets__head'>
          <Text className='tickets__category'>{TICKET_CATEGORY_LABELS[ticket.category]}</Text>
          <Text className='ticket-status'>{TICKET_STATUS_LABELS[ticket.status]}</Text>
        </View>
        <Text className='tickets__line'>{ticket.text}</Text>
        <View className='tickets__shots'>
          {urls.map((url) => (
            <Image
              key={url}
              className='tickets__shot'
              src={url}
              mode='aspectFill'
              onClick={() => Taro.previewImage({ urls, current: url })}
            />
          ))}
        </View>
        <Text className='tickets__meta'>提交于 {shanghaiTime(ticket.createdAt)}</Text>
      </View>
      <Text className='tickets__title'>回复</Text>
      {ticket.replies.length === 0 && <Text className='tickets__empty'>HR 尚未回复，回复后会通知您</Text>}
      {ticket.replies.map((r) => (
        <View key={r.at} className='tickets__card reply'>
          <Text className='tickets__line'>{r.text}</Text>
          <Text className='tickets__meta'>
            {r.byName} · {shanghaiTime(r.at)}
          </Text>
        </View>
      ))}
    </View>
  )
}
