import { Button, Picker, Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { DeptNode } from '@core/admin'
import type { ExportFormat, MonthlyReportRow } from '@core/review'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { ExportRun, FormatChips } from '@/components/export-run'
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

// The monthly report: every active member's month in numbers (the same numbers as on their own calendar), filtered
// by department, 50 a page, exported as CSV or Excel. Counts only: the files hold no health values.
export default function MonthlyReport() {
  const [month, setMonth] = useState(shanghaiMonth())
  const [depts, setDepts] = useState<string[]>([])
  const [dept, setDept] = useState('')
  const [rows, setRows] = useState<MonthlyReportRow[]>([])
  const [next, setNext] = useState<number | null>(null)
  const [format, setFormat] = useState<ExportFormat>('csv')
  const [refused, setRefused] = useState<Refused | null>(null)

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
    load(m, d)
  }

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
        <FormatChips value={format} onChange={setFormat} />
        <ExportRun
          key={`${month}/${dept}`}
          input={{
            kind: 'monthly',
            format,
            from: `${month}-01`,
            to: lastDay(month),
            ...(dept ? { dept } : {}),
          }}
          fileName={(j) => `月度报表-${j.from.slice(0, 7)}.${j.format}`}
        />
      </View>
    </View>
  )
}
