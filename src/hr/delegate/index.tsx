import { Button, Picker, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { DelegationsView } from '@core/review'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { dayWithWeekday } from '../labels'
import { on } from '../ui'
import '../hr.css'

/** Today in Shanghai as YYYY-MM-DD (the device clock, only as the pickers' starting point). */
const todayLocal = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

// 代审: a reviewer away (leave, a trip) hands their review scope to a colleague for a date range, at most 90 days;
// the colleague sees those requests in their queue meanwhile. One hand-over at a time; a new one replaces it.
export default function Delegate() {
  const [view, setView] = useState<DelegationsView | null>(null)
  const [to, setTo] = useState<number | null>(null)
  const [start, setStart] = useState('')
  const [until, setUntil] = useState('')
  const [busy, setBusy] = useState(false)
  const [hint, setHint] = useState('')
  const [refused, setRefused] = useState<Refused | null>(null)

  const load = async () => {
    const res = await call('review', 'delegations', {})
    if (!res.ok) return setRefused(res)
    setView(res.data)
  }
  useDidShow(() => {
    load()
  })

  const save = async (end: boolean) => {
    setRefused(null)
    setHint('')
    setBusy(true)
    const colleague = to === null ? null : view?.colleagues[to]
    const res = end
      ? await call('review', 'delegate', { to: null })
      : await call('review', 'delegate', { to: colleague?.id ?? null, start, until })
    setBusy(false)
    if (!res.ok) return setRefused(res)
    setHint(end ? '已结束代审，您的审核由您本人处理' : '已设置代审')
    setTo(null)
    setStart('')
    setUntil('')
    load()
  }

  if (!view)
    return (
      <View className='hr-page'>
        {refused ? <RefusalNotice refusal={refused} /> : <Text className='hr-empty'>加载中…</Text>}
      </View>
    )

  const names = view.colleagues.map((c) => `${c.name}（${c.dept}）`)
  return (
    <View className='hr-page delegate'>
      <View className='hr-card delegation-mine'>
        <Text className='hr-card__title'>我的代审</Text>
        {view.mine ? (
          <View>
            <Text className='hr-line delegation-current'>
              由 {view.mine.to.name}（{view.mine.to.dept}）代为审核：{dayWithWeekday(view.mine.start)} 至{' '}
              {dayWithWeekday(view.mine.until)}
            </Text>
            <Button
              className='hr-button hr-button--danger end-delegation'
              disabled={on(busy)}
              onClick={() => save(true)}
            >
              结束代审
            </Button>
          </View>
        ) : (
          <Text className='hr-line hr-muted'>未设置：您的审核由您本人处理</Text>
        )}
      </View>

      <View className='hr-card delegation-form'>
        <Text className='hr-card__title'>{view.mine ? '改为' : '设置代审'}</Text>
        <Text className='hr-line hr-muted'>休假或出差时，把您的审核范围交给同事，最长 90 天。</Text>
        {view.colleagues.length === 0 ? (
          <Text className='hr-line hr-muted'>公司没有其他审核人或 HR 可以代审</Text>
        ) : (
          <View>
            <View className='hr-row hr-line'>
              <Text>代审人</Text>
              <Picker
                className='delegate-to-picker'
                mode='selector'
                range={names}
                onChange={(e) => setTo(Number(e.detail.value))}
              >
                <Text className='hr-chip delegate-to'>{to === null ? '选择同事' : names[to]}</Text>
              </Picker>
            </View>
            <View className='hr-row hr-line'>
              <Text>开始日期</Text>
              <Picker
                className='delegate-start-picker'
                mode='date'
                value={start || todayLocal()}
                start={todayLocal()}
                onChange={(e) => setStart(e.detail.value)}
              >
                <Text className='hr-chip delegate-start'>{start || '选择日期'}</Text>
              </Picker>
            </View>
            <View className='hr-row hr-line'>
              <Text>结束日期</Text>
              <Picker
                className='delegate-until-picker'
                mode='date'
                value={until || start || todayLocal()}
                start={start || todayLocal()}
                onChange={(e) => setUntil(e.detail.value)}
              >
                <Text className='hr-chip delegate-until'>{until || '选择日期'}</Text>
              </Picker>
            </View>
            <Button
              className='hr-button hr-button--primary save-delegation'
              disabled={on(busy || to === null || !start || !until)}
              loading={busy}
              onClick={() => save(false)}
            >
              确认代审
            </Button>
          </View>
        )}
        {hint && <Text className='hr-line delegation-hint'>{hint}</Text>}
        {refused && <RefusalNotice refusal={refused} />}
      </View>

      <View className='hr-card delegation-to-me'>
        <Text className='hr-card__title'>同事交给我的审核</Text>
        {view.toMe.length === 0 && <Text className='hr-line hr-muted'>暂无</Text>}
        {view.toMe.map((d) => (
          <Text key={d.from.id} className='hr-line delegated-item'>
            {d.from.name}（{d.from.dept}）：{dayWithWeekday(d.start)} 至 {dayWithWeekday(d.until)}
          </Text>
        ))}
      </View>
    </View>
  )
}
