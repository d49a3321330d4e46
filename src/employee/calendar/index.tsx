import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { DayState, MonthView } from '@core/checkin'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { DAY_LABEL } from '../labels'
import { CalendarCard, type CalendarCardDay } from '@/kit'
import './index.css'

const pad = (n: number) => String(n).padStart(2, '0')
/** the current month in Asia/Shanghai (UTC+8, no DST), whatever the device's zone */
const shanghaiMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)

const LEGEND: DayState[] = ['checked', 'madeUp', 'pending', 'missed', 'granted', 'leave', 'trip', 'exempt']

export default function Calendar() {
  const [view, setView] = useState<MonthView | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)

  const load = async (month: string) => {
    setRefused(null)
    const res = await call('checkin', 'month', { month })
    if (!res.ok) return setRefused(res)
    setView(res.data)
  }

  useLoad(() => {
    load(shanghaiMonth())
  })

  const states = new Map(view?.days.map((d) => [d.day, d.state]))
  const keyOf = (d: CalendarCardDay) => `${d.year}-${pad(d.month)}-${pad(d.date)}`
  const stateOf = (d: CalendarCardDay) => states.get(keyOf(d))
  const missed = view?.days.filter((d) => d.state === 'missed').length ?? 0

  return (
    <View className='calendar'>
      <View className='calendar__summary'>
        <Text>{view ? `${view.month} 漏打卡 ${missed} 天` : '加载中…'}</Text>
        {missed > 0 && (
          <Text className='calendar__go' onClick={() => Taro.navigateTo({ url: '/employee/makeup/index' })}>
            去补卡 ›
          </Text>
        )}
      </View>
      {view?.summary && (
        <View className='calendar__numbers'>
          {(
            [
              ['已打卡', view.summary.checked, 'checked'],
              ['已补卡', view.summary.madeUp, 'madeUp'],
              ['漏打卡', view.summary.missed, 'missed'],
              ['请假/出差/免打卡', view.summary.onLeave, 'onLeave'],
              ['补卡次数', view.summary.makeupsUsed, 'makeupsUsed'],
            ] as const
          ).map(([label, n, key]) => (
            <View key={key} className={`calendar__number calendar__number--${key}`}>
              <Text className='calendar__count'>{n}</Text>
              <Text className='calendar__label'>{label}</Text>
            </View>
          ))}
        </View>
      )}
      <View className='calendar__card'>
        <CalendarCard
          firstDayOfWeek={1}
          onPageChange={({ year, month }) => load(`${year}-${pad(month)}`)}
          onDayClick={(d) => {
            // a missed (or specially granted) day opens the make-up page on that day
            const s = d.type === 'current' ? stateOf(d) : undefined
            if (s === 'missed' || s === 'granted') {
              Taro.navigateTo({ url: `/employee/makeup/index?day=${keyOf(d)}` })
            }
          }}
          renderDayBottom={(d) => {
            const s = d.type === 'current' ? stateOf(d) : undefined
            return s ? <Text className={`day-state day-state--${s}`}>{DAY_LABEL[s]}</Text> : null
          }}
        />
      </View>
      <View className='calendar__legend'>
        {LEGEND.map((s) => (
          <Text key={s} className={`day-state day-state--${s}`}>
            {DAY_LABEL[s]}
          </Text>
        ))}
      </View>
      {refused && <RefusalNotice refusal={refused} />}
    </View>
  )
}
