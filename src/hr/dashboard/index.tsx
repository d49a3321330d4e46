import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { DashboardView, ExportFormat, ExportKind } from '@core/review'
import { MAKEUP_REASONS } from '@core/makeup'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { shanghaiTime } from '../labels'
import { ExportRun, FormatChips } from '@/components/export-run'
import '../hr.css'
import './index.css'

const pct = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0)

const KINDS: [ExportKind, string][] = [
  ['checkins', '打卡记录'],
  ['makeups', '补卡申请'],
  ['audit', '审计日志'],
]

/** Chooses what to export; ExportRun runs it and hands the file over. */
function ExportCard({ today }: { today: string }) {
  const [kind, setKind] = useState<ExportKind>('checkins')
  const [format, setFormat] = useState<ExportFormat>('csv')
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`)
  const [to, setTo] = useState(today)

  return (
    <View className='hr-card export-card'>
      <Text className='hr-card__title'>导出</Text>
      <View className='hr-chips'>
        {KINDS.map(([k, label]) => (
          <Text
            key={k}
            className={`hr-chip export-kind export-kind--${k} ${kind === k ? 'hr-chip--on' : ''}`}
            onClick={() => setKind(k)}
          >
            {label}
          </Text>
        ))}
      </View>
      <FormatChips value={format} onChange={setFormat} />
      <View className='hr-row hr-line'>
        <Picker mode='date' value={from} onChange={(e) => setFrom(e.detail.value)}>
          <Text className='hr-chip export-from'>{from}</Text>
        </Picker>
        <Text>至</Text>
        <Picker mode='date' value={to} onChange={(e) => setTo(e.detail.value)}>
          <Text className='hr-chip export-to'>{to}</Text>
        </Picker>
      </View>
      <ExportRun
        input={{ kind, from, to, format }}
        fileName={(j) => `${j.kind}-${j.from}-${j.to}.${j.format}`}
      />
    </View>
  )
}

// The HR dashboard. The 30-day trend is drawn with plain Views (two stacked bars a day): a chart library would
// add 130–550 KB to the subpackage for one small chart.
export default function Dashboard() {
  const [d, setD] = useState<DashboardView | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)

  useDidShow(async () => {
    const res = await call('review', 'dashboard', {})
    if (!res.ok) return setRefused(res)
    setD(res.data)
  })

  if (!d)
    return (
      <View className='hr-page'>
        {refused ? <RefusalNotice refusal={refused} /> : <Text className='hr-empty'>加载中…</Text>}
      </View>
    )
  const peak = Math.max(1, ...d.trend.map((t) => t.checkins + t.makeups))
  return (
    <View className='hr-page dashboard'>
      <View className='hr-card'>
        <Text className='hr-card__title'>待审核</Text>
        <View className='hr-row'>
          <Text className='dash__figure dash-pending'>{d.pending.count}</Text>
          <Text className='hr-line hr-muted'>
            {d.pending.oldestSubmittedAt
              ? `最早一条已等待 ${d.pending.oldestAgeHours} 小时（${shanghaiTime(d.pending.oldestSubmittedAt)} 提交）`
              : '没有待审核的申请'}
          </Text>
        </View>
        {d.pending.overdue > 0 && (
          <Text className='hr-line dash-overdue'>其中 {d.pending.overdue} 条已超过提醒时限，请尽快处理</Text>
        )}
      </View>

      <View className='hr-card'>
        <Text className='hr-card__title'>今日打卡完成率（{d.today}）</Text>
        {d.depts.map((x) => (
          <View
            key={x.dept}
            className='dash__bar-row dept-completion'
            // a department's members without today's check-in, with a one-tap reminder
            onClick={() =>
              x.checked < x.members &&
              Taro.navigateTo({ url: `/hr/checkins/index?dept=${encodeURIComponent(x.dept)}` })
            }
          >
            <Text className='dash__bar-label'>{x.dept}</Text>
            <View className='dash__bar-track'>
              <View className='dash__bar-fill' style={{ width: `${pct(x.checked, x.members)}%` }} />
            </View>
            <Text>
              {x.checked}/{x.members}
              {x.checked < x.members ? ' ›' : ''}
            </Text>
          </View>
        ))}
      </View>

      <View className='hr-card'>
        <Text className='hr-card__title'>本月补卡原因</Text>
        {d.reasons.length === 0 && <Text className='hr-line hr-muted'>本月暂无补卡</Text>}
        {d.reasons.map((r) => (
          <View key={r.reason} className='hr-row hr-line'>
            <Text>{MAKEUP_REASONS[r.reason]}</Text>
            <Text>{r.count} 次</Text>
          </View>
        ))}
      </View>

      <View className='hr-card'>
        <Text className='hr-card__title'>近 30 天</Text>
        <View className='dash__trend trend-chart'>
          {d.trend.map((t) => (
            <View key={t.day} className='dash__trend-col'>
              <View className='dash__trend-makeups' style={{ height: `${(t.makeups / peak) * 100}%` }} />
              <View className='dash__trend-checkins' style={{ height: `${(t.checkins / peak) * 100}%` }} />
            </View>
          ))}
        </View>
        <View className='dash__legend'>
          <Text>{d.trend[0]?.day.slice(5)}</Text>
          <Text>浅绿：按时打卡 · 蓝：补卡</Text>
          <Text>{d.today.slice(5)}</Text>
        </View>
      </View>

      <ExportCard today={d.today} />
    </View>
  )
}
