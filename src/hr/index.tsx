import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { BulkItemResult, ReviewQueueInput, ReviewQueueItem, ReviewQueuePage } from '@core/review'
import { MAKEUP_REASON_KINDS, MAKEUP_REASONS, type MakeupReasonKind, type MakeupStatus } from '@core/makeup'
import { call } from '../cloud'
import { reportSummary } from '../components/report-form/summary'
import RefusalNotice, { type Refused } from '../components/refusal-notice'
import { dayWithWeekday, shanghaiTime, STATUS_LABEL } from './labels'
import type { ChainView } from '@core/makeup'

/** Where a request of a chain stands, for the list: "审批流程 第 2/3 步：HR". */
function stepOf(chain: ChainView): string {
  const at = chain.steps.findIndex((s) => s.state === 'current')
  return `审批流程 第 ${at + 1}/${chain.steps.length} 步：${chain.steps[at]?.label ?? ''}`
}
import { on } from './ui'
import './hr.css'
import './index.css'

const STATUSES: MakeupStatus[] = ['pending', 'approved', 'rejected', 'returned', 'revoked']
const ALL = '全部部门'

interface Filters {
  status: MakeupStatus
  dept: string
  dayFrom: string
  dayTo: string
  hasAttachments: boolean
  reasonKind: MakeupReasonKind | ''
}

const initial: Filters = {
  status: 'pending',
  dept: '',
  dayFrom: '',
  dayTo: '',
  hasAttachments: false,
  reasonKind: '',
}
const ALL_REASONS = '全部原因'
const reasonOptions = [ALL_REASONS, ...Object.values(MAKEUP_REASONS)]

function queryOf(f: Filters, cursor?: string): ReviewQueueInput {
  return {
    status: f.status,
    ...(f.dept ? { dept: f.dept } : {}),
    ...(f.dayFrom ? { dayFrom: f.dayFrom } : {}),
    ...(f.dayTo ? { dayTo: f.dayTo } : {}),
    ...(f.hasAttachments ? { hasAttachments: true } : {}),
    ...(f.reasonKind ? { reasonKind: f.reasonKind } : {}),
    ...(cursor ? { cursor } : {}),
  }
}

// The review queue: pending requests in my scope, oldest first, with filters, a badge, paging and bulk approve.
export default function ReviewQueue() {
  const [filters, setFilters] = useState<Filters>(initial)
  const [page, setPage] = useState<ReviewQueuePage | null>(null)
  const [items, setItems] = useState<ReviewQueueItem[]>([])
  const [selected, setSelected] = useState<string[]>([])
  const [refused, setRefused] = useState<Refused | null>(null)
  const [notice, setNotice] = useState('')
  const [busy, setBusy] = useState(false)
  const [depts, setDepts] = useState<string[]>([])

  const load = useCallback(async (f: Filters, cursor?: string) => {
    setRefused(null)
    const res = await call('review', 'queue', queryOf(f, cursor))
    if (!res.ok) return setRefused(res)
    // later pages carry no count: keep the first page's badge
    setPage((prev) => ({ ...res.data, pendingCount: res.data.pendingCount ?? prev?.pendingCount ?? null }))
    setItems((prev) => (cursor ? [...prev, ...res.data.items] : res.data.items))
    if (!cursor) setSelected([])
    // departments to filter by: my scope, or for HR the departments seen so far
    setDepts((prev) => {
      const seen = res.data.scope === 'company' ? res.data.items.map((i) => i.member.dept) : res.data.scope
      return [...new Set([...prev, ...seen])].sort()
    })
  }, [])

  useDidShow(() => {
    setNotice('')
    load(filters)
  })

  const change = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch }
    setFilters(next)
    load(next)
  }

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]))

  const bulkApprove = async () => {
    setBusy(true)
    const res = await call('review', 'bulkApprove', { ids: selected })
    setBusy(false)
    if (!res.ok) return setRefused(res)
    const failed = res.data.results.filter((r: BulkItemResult) => !r.ok)
    setNotice(
      `已通过 ${res.data.results.length - failed.length} 条` +
        (failed.length ? `，${failed.length} 条未通过：${failed.map((f) => f.message).join('；')}` : ''),
    )
    load(filters)
  }

  const deptOptions = [ALL, ...depts]
  return (
    <View className='hr-page queue'>
      <View className='queue__badge'>
        <View>
          <Text className='queue__badge-count pending-count'>{page?.pendingCount ?? '…'}</Text>
          <Text className='queue__badge-text'> 条待审核</Text>
        </View>
        <Text
          className='queue__link delegate-link'
          onClick={() => Taro.navigateTo({ url: '/hr/delegate/index' })}
        >
          代审设置 ›
        </Text>
        {page?.scope === 'company' && (
          <View className='queue__links'>
            <Text
              className='queue__link dashboard-link'
              onClick={() => Taro.navigateTo({ url: '/hr/dashboard/index' })}
            >
              数据看板 ›
            </Text>
            <Text
              className='queue__link specials-link'
              onClick={() => Taro.navigateTo({ url: '/hr/specials/index' })}
            >
              特殊情况申请 ›
            </Text>
            <Text
              className='queue__link on-behalf-link'
              onClick={() => Taro.navigateTo({ url: '/hr/member/index' })}
            >
              代为登记 ›
            </Text>
            <Text
              className='queue__link batch-link'
              onClick={() => Taro.navigateTo({ url: '/hr/batch/index' })}
            >
              批量代为登记 ›
            </Text>
            <Text
              className='queue__link tickets-link'
              onClick={() => Taro.navigateTo({ url: '/hr/tickets/index' })}
            >
              帮助工单 ›
            </Text>
            <Text
              className='queue__link monthly-link'
              onClick={() => Taro.navigateTo({ url: '/hr/monthly/index' })}
            >
              月度报表 ›
            </Text>
          </View>
        )}
      </View>

      <View className='hr-card queue__filters'>
        <View className='hr-chips'>
          {STATUSES.map((s) => (
            <Text
              key={s}
              className={`hr-chip status-filter status-filter--${s} ${filters.status === s ? 'hr-chip--on' : ''}`}
              onClick={() => change({ status: s })}
            >
              {STATUS_LABEL[s]}
            </Text>
          ))}
        </View>
        <View className='queue__range'>
          <Picker
            mode='selector'
            range={deptOptions}
            onChange={(e) => {
              const v = deptOptions[Number(e.detail.value)]
              change({ dept: v === ALL ? '' : v })
            }}
          >
            <Text className='queue__range-value dept-filter'>{filters.dept || ALL}</Text>
          </Picker>
          <Picker
            mode='selector'
            range={reasonOptions}
            onChange={(e) => {
              const i = Number(e.detail.value)
              change({ reasonKind: i === 0 ? '' : MAKEUP_REASON_KINDS[i - 1] })
            }}
          >
            <Text className='queue__range-value reason-filter'>
              {filters.reasonKind ? MAKEUP_REASONS[filters.reasonKind] : ALL_REASONS}
            </Text>
          </Picker>
          <Text
            className={`hr-chip attachments-filter ${filters.hasAttachments ? 'hr-chip--on' : ''}`}
            onClick={() => change({ hasAttachments: !filters.hasAttachments })}
          >
            有附件
          </Text>
        </View>
        <View className='queue__range'>
          <Text>日期</Text>
          <Picker mode='date' value={filters.dayFrom} onChange={(e) => change({ dayFrom: e.detail.value })}>
            <Text className='queue__range-value day-from'>{filters.dayFrom || '开始'}</Text>
          </Picker>
          <Text>至</Text>
          <Picker mode='date' value={filters.dayTo} onChange={(e) => change({ dayTo: e.detail.value })}>
            <Text className='queue__range-value day-to'>{filters.dayTo || '结束'}</Text>
          </Picker>
          {(filters.dayFrom || filters.dayTo) && (
            <Text className='hr-muted' onClick={() => change({ dayFrom: '', dayTo: '' })}>
              清除
            </Text>
          )}
        </View>
      </View>

      {notice && <Text className='hr-notice bulk-notice'>{notice}</Text>}
      {refused && <RefusalNotice refusal={refused} />}
      {page && items.length === 0 && <Text className='hr-empty queue-empty'>没有符合条件的申请</Text>}

      {items.map((r) => (
        <View key={r.id} className='hr-card queue__item queue-item' data-id={r.id}>
          {r.status === 'pending' && (
            <Text
              className={`queue__check select-item ${selected.includes(r.id) ? 'queue__check--on' : ''}`}
              onClick={() => toggle(r.id)}
            >
              ✓
            </Text>
          )}
          <View
            className='queue__body open-item'
            onClick={() =>
              // HR admins also get the member's records and audit (the function checks the role again)
              Taro.navigateTo({
                url: `/hr/detail/index?id=${r.id}${page?.scope === 'company' ? '&hr=1' : ''}`,
              })
            }
          >
            <View className='hr-row'>
              <Text className='queue__name'>
                {r.member.name} · {r.member.dept}
              </Text>
              <Text className={`hr-tag hr-tag--${r.status}`}>{STATUS_LABEL[r.status]}</Text>
            </View>
            <Text className='hr-line'>补卡日期：{dayWithWeekday(r.day)}</Text>
            <Text className='hr-line'>
              原因：{MAKEUP_REASONS[r.reasonKind]} · {r.reason}
            </Text>
            <Text className='hr-line'>
              {[reportSummary(r.report), `附件 ${r.attachments.length} 个`].filter(Boolean).join(' · ')}
            </Text>
            <Text className='hr-line hr-muted'>提交于 {shanghaiTime(r.submittedAt)}</Text>
            {r.status === 'pending' && r.chain && r.chain.steps.length > 1 && (
              <Text className='hr-line hr-muted queue__step'>{stepOf(r.chain)}</Text>
            )}
          </View>
        </View>
      ))}

      {page?.next && (
        <Button className='hr-button load-more' onClick={() => load(filters, page.next ?? undefined)}>
          加载更多
        </Button>
      )}

      {selected.length > 0 && (
        <View className='queue__bulk'>
          <Button
            className='hr-button hr-button--primary bulk-approve'
            loading={busy}
            disabled={on(busy)}
            onClick={bulkApprove}
          >
            批量通过（{selected.length}）
          </Button>
        </View>
      )}
    </View>
  )
}
