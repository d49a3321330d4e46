import { Button, Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { AuditFilter, AuditView } from '@core/admin'
import { addDays, localDay } from '@core/calendar'
import type { ExportFormat, ExportJobView } from '@core/review'
import { call } from '@/cloud'
import { downloadToPhone, openDocumentAt } from '@/components/open-file'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { AUDIT_ACTIONS, shortTime } from '../labels'
import '../admin.css'

const ACTION_CHOICES: [string, string][] = [['', '全部操作'], ...AUDIT_ACTIONS]
const FORMATS: [ExportFormat, string][] = [
  ['csv', 'CSV'],
  ['xlsx', 'Excel'],
]
// the export function's longest range
const EXPORT_DAYS = 366

const linkLabel = (format: ExportFormat) => {
  if (process.env.TARO_ENV === 'h5') return format === 'xlsx' ? '下载 Excel' : '下载 CSV'
  return format === 'xlsx' ? '打开 Excel' : '下载到手机'
}

/** The filter as the functions take it: empty fields left out. */
function query(f: AuditFilter): AuditFilter {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as AuditFilter
}

// The whole company audit log: newest first, 30 at a time, narrowed by 工号, action and days, and exported (CSV
// or Excel, with every admin edit's fields before → after) over the same filter.
export default function AuditLog() {
  const today = localDay(Date.now())
  const [filter, setFilter] = useState<AuditFilter>({})
  const [items, setItems] = useState<AuditView[]>([])
  const [next, setNext] = useState<string | null>(null)
  // the filter of the entries on screen (the form may have moved on)
  const [shown, setShown] = useState<AuditFilter | null>(null)
  const [loading, setLoading] = useState(false)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [format, setFormat] = useState<ExportFormat>('csv')
  const [job, setJob] = useState<ExportJobView | null>(null)
  // weapp: the downloaded CSV, waiting for the tap that sends it to a chat
  const [onPhone, setOnPhone] = useState<string | null>(null)
  const exporting = job?.status === 'running'

  const load = async (f: AuditFilter, cursor?: string) => {
    setRefused(null)
    setLoading(true)
    const res = await call('admin', 'audit', { ...query(f), ...(cursor ? { cursor } : {}) })
    setLoading(false)
    if (!res.ok) return setRefused(res)
    setShown(query(f))
    setItems((old) => (cursor ? [...old, ...res.data.items] : res.data.items))
    setNext(res.data.next)
  }
  useDidShow(() => load(filter))

  const set = (patch: AuditFilter) => setFilter({ ...filter, ...patch })
  const actionIndex = Math.max(
    0,
    ACTION_CHOICES.findIndex(([a]) => a === (filter.operation ?? '')),
  )

  const startExport = async () => {
    setRefused(null)
    setOnPhone(null)
    const { employeeNo, operation } = query(filter)
    const to = filter.to ?? today
    const from = filter.from ?? addDays(to, -(EXPORT_DAYS - 1))
    let res = await call('review', 'export', {
      kind: 'audit',
      from,
      to,
      format,
      ...(employeeNo ? { employeeNo } : {}),
      ...(operation ? { operation } : {}),
    })
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
      fileName: `audit-${done.from}-${done.to}.${done.format}`,
      fail: () => Taro.showToast({ title: '未发送，可再次点击', icon: 'none' }),
    })

  return (
    <View className='ad-page audit-page'>
      <View className='ad-card audit-filter'>
        <Text className='ad-title'>筛选</Text>
        <Input
          className='ad-input ad-input--wide audit-employee'
          placeholder='工号（不填为全部成员）'
          value={filter.employeeNo ?? ''}
          onInput={(e) => set({ employeeNo: e.detail.value.trim() || undefined })}
        />
        <Picker
          className='audit-action-picker'
          mode='selector'
          range={ACTION_CHOICES.map(([, label]) => label)}
          value={actionIndex}
          onChange={(e) => set({ operation: ACTION_CHOICES[Number(e.detail.value)][0] || undefined })}
        >
          <Text className='ad-chip audit-action'>{ACTION_CHOICES[actionIndex][1]}</Text>
        </Picker>
        <View className='ad-row'>
          <Picker
            className='audit-from-picker'
            mode='date'
            value={filter.from ?? today}
            onChange={(e) => set({ from: e.detail.value })}
          >
            <Text className='ad-chip audit-from'>{filter.from ?? '起始不限'}</Text>
          </Picker>
          <Text>至</Text>
          <Picker
            className='audit-to-picker'
            mode='date'
            value={filter.to ?? today}
            onChange={(e) => set({ to: e.detail.value })}
          >
            <Text className='ad-chip audit-to'>{filter.to ?? '截止不限'}</Text>
          </Picker>
        </View>
        <View className='ad-row'>
          <Button
            className='ad-button ad-button--primary audit-search'
            size='mini'
            onClick={() => load(filter)}
          >
            查询
          </Button>
          <Button
            className='ad-button audit-clear'
            size='mini'
            onClick={() => {
              setFilter({})
              load({})
            }}
          >
            清除筛选
          </Button>
        </View>
      </View>
      {refused && <RefusalNotice refusal={refused} />}
      <View className='ad-card audit-list' data-employee={shown?.employeeNo ?? ''}>
        {shown && items.length === 0 && <Text className='ad-empty audit-empty'>没有符合条件的记录</Text>}
        {items.map((a) => (
          <View key={a.id} className='audit-entry' data-action={a.action}>
            <Text className='ad-line'>
              {shortTime(a.at)} · {a.actor} · {a.action}
            </Text>
            <Text className='ad-line ad-muted'>
              {a.subject} · {a.summary}
            </Text>
            {a.changes.map((c) => (
              <Text key={c} className='ad-line ad-muted audit-change'>
                {c}
              </Text>
            ))}
          </View>
        ))}
        {next && (
          <Button
            className='ad-button audit-more'
            disabled={loading ? true : undefined}
            onClick={() => load(filter, next)}
          >
            加载更多
          </Button>
        )}
      </View>
      <View className='ad-card audit-export'>
        <Text className='ad-title'>导出</Text>
        <Text className='ad-line ad-muted'>
          按上方筛选导出（未选日期时为最近一年），每条管理员修改附字段的原值 → 新值。
        </Text>
        <View className='ad-chips'>
          {FORMATS.map(([f, label]) => (
            <Text
              key={f}
              className={`ad-chip export-format export-format--${f} ${format === f ? 'ad-chip--on' : ''}`}
              onClick={() => setFormat(f)}
            >
              {label}
            </Text>
          ))}
        </View>
        <Button
          className='ad-button ad-button--primary export-start'
          disabled={exporting ? true : undefined}
          loading={exporting}
          onClick={startExport}
        >
          {exporting ? `正在导出 ${job!.rows} / ${job!.total} 行` : '开始导出'}
        </Button>
        {job?.status === 'done' && job.url && (
          <View className='ad-row'>
            <Text className='export-done' data-rows={job.rows}>
              已导出 {job.rows} 行
            </Text>
            <Text
              className='ad-link export-link'
              data-url={job.url}
              data-format={job.format}
              onClick={() => deliver(job)}
            >
              {linkLabel(job.format)}
            </Text>
            {onPhone && (
              <Text className='ad-link export-share' onClick={() => share(job)}>
                发送到聊天
              </Text>
            )}
          </View>
        )}
      </View>
    </View>
  )
}
