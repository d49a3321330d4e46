import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { AuditFilter, AuditView } from '@core/admin'
import { addDays, localDay } from '@core/calendar'
import type { ExportFormat } from '@core/review'
import { call } from '@/cloud'
import { ExportRun, FormatChips } from '@/components/export-run'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { AUDIT_ACTIONS, shortTime } from '../labels'
import '../admin.css'

const ACTION_CHOICES: [string, string][] = [['', '全部操作'], ...AUDIT_ACTIONS]
// the export function's longest range
const EXPORT_DAYS = 366

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

  // the export follows the filter above; without days, the last year (the export's longest range)
  const exportTo = filter.to ?? today
  const { employeeNo, operation } = query(filter)
  const exportInput = {
    kind: 'audit' as const,
    from: filter.from ?? addDays(exportTo, -(EXPORT_DAYS - 1)),
    to: exportTo,
    format,
    ...(employeeNo ? { employeeNo } : {}),
    ...(operation ? { operation } : {}),
  }

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
        <FormatChips value={format} onChange={setFormat} look='ad' />
        <ExportRun input={exportInput} fileName={(j) => `audit-${j.from}-${j.to}.${j.format}`} look='ad' />
      </View>
    </View>
  )
}
