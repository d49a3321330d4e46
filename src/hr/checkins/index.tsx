import { Button, Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { CheckinReminderResult, NotCheckedInView } from '@core/review'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { on } from '../ui'
import '../hr.css'

// A department's members without today's check-in (from the dashboard), and one tap to remind them: by subscribe
// message where they authorised one, in the app otherwise; each member at most once a day.
export default function NotCheckedIn() {
  const [dept, setDept] = useState('')
  const [view, setView] = useState<NotCheckedInView | null>(null)
  const [done, setDone] = useState<CheckinReminderResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<Refused | null>(null)

  useLoad(async (params: Record<string, string>) => {
    const d = decodeURIComponent(params.dept ?? '')
    setDept(d)
    const res = await call('review', 'notCheckedIn', { dept: d })
    if (!res.ok) return setRefused(res)
    setView(res.data)
  })

  const remind = async () => {
    setRefused(null)
    setBusy(true)
    const res = await call('review', 'remindCheckin', { dept })
    setBusy(false)
    if (!res.ok) return setRefused(res)
    setDone(res.data)
  }

  const reachable = view?.members.filter((m) => m.bound).length ?? 0
  return (
    <View className='hr-page not-checked-in'>
      <View className='hr-card'>
        <Text className='hr-card__title'>
          {dept} · {view ? `${view.day} 未打卡 ${view.members.length} 人` : '加载中…'}
        </Text>
        {view?.members.length === 0 && <Text className='hr-line hr-muted'>全部已打卡</Text>}
        {view?.members.map((m) => (
          <View key={m.id} className='hr-row hr-line missing-member'>
            <Text>
              {m.name}（{m.employeeNo}）
            </Text>
            {!m.bound && <Text className='hr-tag'>未绑定微信</Text>}
          </View>
        ))}
        {view && reachable > 0 && (
          <Button
            className='hr-button hr-button--primary remind-checkin'
            disabled={on(busy || done !== null)}
            loading={busy}
            onClick={remind}
          >
            一键提醒（{reachable} 人）
          </Button>
        )}
        {done && (
          <Text className='hr-line remind-result'>
            已提醒 {done.queued} 人
            {done.alreadyReminded ? `；${done.alreadyReminded} 人今天已提醒过，不再重复` : ''}
            {done.unbound ? `；${done.unbound} 人未绑定微信，无法提醒` : ''}
          </Text>
        )}
        {refused && <RefusalNotice refusal={refused} />}
      </View>
    </View>
  )
}
