import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { DeptNode } from '@core/admin'
import type { ExportFormat, ExportJobView, MonthlyReportRow } from '@core/review'
import { call } from '@/cloud'
import { downloadToPhone, openDocumentAt } from '@/components/open-file'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { on } from '../ui'
import '../hr.css'
import './index.css'

const pad = (n: number) => String(n).padStart(2, '0')
/** the current month in Asia/Shanghai (UTC+8, no DST), whatever the device's zone */
const shanghaiMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number)
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`
}
const flatten = (nodes: DeptNode[]): string[] => nodes.flatMap((n) => [n.name, ...flatten(n.children)])

const COLUMNS: [keyof MonthlyReportRow['summary'], string][] = [
  ['checked', '已打卡'],
  ['madeUp', '已补卡'],
  ['missed', '漏打卡'],
  ['onLeave', '请假/出差/免打卡'],
  ['makeupsUsed', '补卡次数'],
]

const FORMATS: [ExportFormat, string][] = [
  ['csv', 'CSV'],
  ['xlsx', 'Excel'],
]

// The monthly report: every active member's month in numbers (the same numbers as on their own calendar), filtered
// by department, 50 a page, exported as CSV or Excel. Counts only: the files hold no health values.
export default function MonthlyReport() {
  const [month, setMonth] = useState(shanghaiMonth())
  const [depts, setDepts] = useState<string[]>([])
  const [dept, setDept] = useState('')
  const [rows, setRows] = useState<MonthlyReportRow[]>([])
  const [next, setNext] = useState<number | null>(null)
  const [format, setFormat] = useState<ExportFormat>('csv')
  const [job, setJob] = useState<ExportJobView | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  // weapp: the downloaded CSV, waiting for the tap that sends it to a chat
  const [onPhone, setOnPhone] = useState<string | null>(null)
  const running = job?.status === 'running'

  const load = async (m: string, d: string, offset = 0) => {
    setRefused(null)
    const res = await call('review', 'monthly', { month: m, ...(d ? { dept: d } : {}), offset })
    if (!res.ok) return setRefused(res)
    setRows((prev) => (offset ? [...prev, ...res.data.items] : res.data.items))
    setNext(res.data.next)
  }

  useLoad(() => {
    load(month, dept)
    call('admin', 'departments', {}).then((r) => r.ok && setDepts(flatten(r.data.tree)))
  })

  const choose = (m: string, d: string) => {
    setMonth(m)
    setDept(d)
    setJob(null)
    load(m, d)
  }

  const exportFile = async () => {
    setRefused(null)
    setOnPhone(null)
    const range = { from: `${month}-01`, to: lastDay(month), ...(dept ? { dept } : {}) }
    let res = await call('review', 'export', { kind: 'monthly', format, ...range })
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

  // H5 opens the link. WeChat: an .xlsx opens in the document viewer; a CSV (which the viewer cannot show) is
  // downloaded, then sent to a chat by a second tap (shareFileMessage works only inside a tap), as on the dashboard
  const deliver = async (done: ExportJobView) => {
    if (process.env.TARO_ENV === 'h5' || done.format === 'xlsx') {
      if (!(await openDocumentAt(done.url!, 'xlsx')))
        Taro.showToast({ title: '打开失败，请重新导出后再试', icon: 'none' })
      return
    }
    const path = await downloadToPhone(done.url!)
    if (!path) return Taro.showToast({ title: '下载失败，请重新导出后再试', icon: 'none' })
    setOnPhone(path)
  }
  const share = (done: ExportJobView) =>
    onPhone &&
    Taro.shareFileMessage({
      filePath: onPhone,
      fileName: `月度报表-${done.from.slice(0, 7)}.csv`,
      fail: () => Taro.showToast({ title: '未发送，可再次点击', icon: 'none' }),
    })

  return (
    <View className='hr-page monthly'>
      <View className='hr-card'>
        <View className='hr-row hr-line'>
          <Text>月份</Text>
          <Picker mode='date' fields='month' value={month} onChange={(e) => choose(e.detail.value, dept)}>
            <Text className='hr-chip monthly-month'>{month}</Text>
          </Picker>
        </View>
        <View className='hr-chips'>
          {['', ...depts].map((d) => (
            <Text
              key={d || 'all'}
              className={`hr-chip monthly-dept ${dept === d ? 'hr-chip--on' : ''}`}
              onClick={() => choose(month, d)}
            >
              {d || '全部'}
            </Text>
          ))}
        </View>
      </View>

      {refused && <RefusalNotice refusal={refused} />}

      <View className='hr-card'>
        <View className='monthly__row monthly__head'>
          <Text className='monthly__name'>员工</Text>
          {COLUMNS.map(([k, label]) => (
            <Text key={k} className='monthly__cell'>
              {label}
            </Text>
          ))}
        </View>
        {rows.length === 0 && <Text className='hr-empty'>没有成员</Text>}
        {rows.map((r) => (
          <View key={r.member.id} className='monthly__row monthly-row' data-member={r.member.id}>
            <Text className='monthly__name'>
              {r.member.name}
              {'\n'}
              <Text className='hr-muted'>{r.member.dept}</Text>
            </Text>
            {COLUMNS.map(([k]) => (
              <Text key={k} className={`monthly__cell monthly-${k}`}>
                {r.summary[k]}
              </Text>
            ))}
          </View>
        ))}
        {next !== null && (
          <Button className='hr-button monthly-more' onClick={() => load(month, dept, next)}>
            加载更多
          </Button>
        )}
      </View>

      <View className='hr-card export-card'>
        <Text className='hr-card__title'>导出本月报表</Text>
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
        <Button
          className='hr-button hr-button--primary export-start'
          disabled={on(running)}
          loading={running}
          onClick={exportFile}
        >
          {running ? `正在导出 ${job!.rows} / ${job!.total} 行` : '开始导出'}
        </Button>
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
              {process.env.TARO_ENV === 'h5' ? '下载' : job.format === 'xlsx' ? '打开 Excel' : '下载到手机'}
            </Text>
            {onPhone && (
              <Text className='detail__file export-share' onClick={() => share(job)}>
                发送到聊天
              </Text>
            )}
          </View>
        )}
      </View>
    </View>
  )
}
