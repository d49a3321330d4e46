import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { DashboardView, ExportFormat, ExportJobView, ExportKind } from '@core/review'
import { MAKEUP_REASONS } from '@core/makeup'
import { call } from '@/cloud'
import { downloadToPhone, openDocumentAt } from '@/components/open-file'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { shanghaiTime } from '../labels'
import { on } from '../ui'
import '../hr.css'
import './index.css'

const pct = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 100) : 0)

const KINDS: [ExportKind, string][] = [
  ['checkins', '打卡记录'],
  ['makeups', '补卡申请'],
  ['audit', '审计日志'],
]

const FORMATS: [ExportFormat, string][] = [
  ['csv', 'CSV'],
  ['xlsx', 'Excel'],
]

/**
 * Gets the finished file to the HR user. H5 opens the link. In WeChat the file is downloaded to the phone: an .xlsx
 * opens in the document viewer (which can forward or save it); a CSV, which the viewer cannot show, is sent to a chat
 * by a second tap (shareFileMessage works only inside a tap). Never the clipboard: it is not a declared privacy type,
 * and the link leads to health data.
 */
const linkLabel = (format: ExportFormat) => {
  if (process.env.TARO_ENV === 'h5') return format === 'xlsx' ? '下载 Excel' : '下载 CSV'
  return format === 'xlsx' ? '打开 Excel' : '下载到手机'
}

/** Starts an export and keeps calling until the function has written every part; shows rows / total meanwhile. */
function ExportCard({ today }: { today: string }) {
  const [kind, setKind] = useState<ExportKind>('checkins')
  const [format, setFormat] = useState<ExportFormat>('csv')
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`)
  const [to, setTo] = useState(today)
  const [job, setJob] = useState<ExportJobView | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  // weapp: the downloaded file, waiting for the tap that sends it to a chat
  const [onPhone, setOnPhone] = useState<string | null>(null)
  const running = job?.status === 'running'

  const deliver = async (done: ExportJobView) => {
    const url = done.url!
    if (process.env.TARO_ENV === 'h5' || done.format === 'xlsx') {
      if (!(await openDocumentAt(url, 'xlsx')))
        Taro.showToast({ title: '打开失败，请重新导出后再试', icon: 'none' })
      return
    }
    const path = await downloadToPhone(url)
    if (!path) return Taro.showToast({ title: '下载失败，请重新导出后再试', icon: 'none' })
    setOnPhone(path)
  }
  // synchronous in the tap, as WeChat requires
  const share = (done: ExportJobView) =>
    onPhone &&
    Taro.shareFileMessage({
      filePath: onPhone,
      fileName: `${done.kind}-${done.from}-${done.to}.${done.format}`,
      fail: () => Taro.showToast({ title: '未发送，可再次点击', icon: 'none' }),
    })

  const start = async () => {
    setRefused(null)
    setOnPhone(null)
    let res = await call('review', 'export', { kind, from, to, format })
    while (res.ok && res.data.status === 'running') {
      setJob(res.data)
      res = await call('review', 'exportContinue', { jobId: res.data.jobId })
    }
    if (!res.ok) {
      setJob(null)
      return setRefused(res)
    }
    setJob(res.data)
  }

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
      <View className='hr-chips'>
        {FORMATS.map(([f, label]) => (
          <Text
            key={f}
            className={`hr-chip export-format export-format--${f} ${format === f ? 'hr-chip--on' : ''}`}
            onClick={() => setFormat(f)}
          >
            {label}
          </Text>
        ))}
      </View>
      <View className='hr-row hr-line'>
        <Picker mode='date' value={from} onChange={(e) => setFrom(e.detail.value)}>
          <Text className='hr-chip export-from'>{from}</Text>
        </Picker>
        <Text>至</Text>
        <Picker mode='date' value={to} onChange={(e) => setTo(e.detail.value)}>
          <Text className='hr-chip export-to'>{to}</Text>
        </Picker>
      </View>
      <Button
        className='hr-button hr-button--primary export-start'
        disabled={on(running)}
        loading={running}
        onClick={start}
      >
        {running ? `正在导出 ${job!.rows} / ${job!.total} 行` : '开始导出'}
      </Button>
      {refused && <RefusalNotice refusal={refused} />}
      {job?.status === 'done' && job.url && (
        <View className='hr-row hr-line'>
          <Text className='export-done' data-rows={job.rows}>
            已导出 {job.rows} 行
          </Text>
          <Text
            className='detail__file export-link'
            data-url={job.url}
            data-format={job.format}
            onClick={() => deliver(job)}
          >
            {linkLabel(job.format)}
          </Text>
          {onPhone && (
            <Text className='detail__file export-share' onClick={() => share(job)}>
              发送到聊天
            </Text>
          )}
        </View>
      )}
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
