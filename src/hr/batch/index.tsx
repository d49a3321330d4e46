import { Button, Picker, Text, Textarea, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { AdminMemberView, DeptNode } from '@core/admin'
import type { OutputOf, Result } from '@core/api'
import type { AskedField } from '@core/health'
import type { BatchEntryInput, BatchItemView, ReportChannel } from '@core/review'
import { call } from '@/cloud'
import { randomId } from '@/cloud/ids'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import ReportForm, { emptyDraft, toReport, type ReportDraft } from '@/components/report-form'
import { dayWithWeekday } from '../labels'
import { on } from '../ui'
import '../hr.css'

const CHANNELS: [ReportChannel, string][] = [
  ['phone', '电话'],
  ['email', '邮件'],
  ['other', '其他'],
]
/** the function's cap per call (core/review BATCH_MAX_ITEMS), repeated here to keep core's rules out of the page */
const MAX_ITEMS = 50
/** pages of one department's members read at most (the admin function pages members by offset, 50 a page) */
const ROSTER_PAGES = 20

/** A department's active members, all pages of them. */
async function membersOf(dept: string): Promise<Result<AdminMemberView[]>> {
  const all: AdminMemberView[] = []
  let offset: number | null = 0
  for (let page = 0; offset !== null && page < ROSTER_PAGES; page++) {
    const res: Result<OutputOf<'admin', 'members'>> = await call('admin', 'members', {
      dept,
      status: 'active',
      offset,
    })
    if (!res.ok) return res
    all.push(...res.data.items)
    offset = res.data.next
  }
  return { ok: true, data: all }
}

/** The department tree's names, parents before their children. */
const namesOf = (nodes: DeptNode[]): string[] => nodes.flatMap((n) => [n.name, ...namesOf(n.children)])
/** the days offered as chips: an outage is recent; older days come from the date picker */
const RECENT_DAYS = 14

/** 'YYYY-MM-DD' calendar arithmetic on the day itself (no time zone involved) */
const dayBefore = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10)

function itemLine(i: BatchItemView): string {
  if (!i.ok) return i.message ?? i.code ?? ''
  if (i.already) return '已登记（本批次之前已完成）'
  return i.charged ? '登记 · 计入补卡次数' : '登记 · 不计入补卡次数'
}

// HR after an outage: pick members (by department) and days, the report they gave by phone or e-mail, preview what
// will be entered (charged or not, refused and why), confirm, and read the result of each item.
export default function BatchEntry() {
  const [depts, setDepts] = useState<string[]>([])
  // the members of each department opened so far (a department's list is read when it is first opened)
  const [roster, setRoster] = useState<Record<string, AdminMemberView[]>>({})
  const [dept, setDept] = useState('')
  const [chosen, setChosen] = useState<string[]>([])
  const [days, setDays] = useState<string[]>([])
  const [today, setToday] = useState('')
  const [form, setForm] = useState<ReportDraft>(emptyDraft())
  const [fields, setFields] = useState<AskedField[] | undefined>(undefined)
  const [channel, setChannel] = useState<ReportChannel>('phone')
  const [waived, setWaived] = useState(false)
  const [note, setNote] = useState('')
  const [hint, setHint] = useState('')
  const [preview, setPreview] = useState<BatchItemView[] | null>(null)
  const [result, setResult] = useState<BatchItemView[] | null>(null)
  // one id per previewed batch: a retry of the same confirm enters nothing twice
  const [batchId, setBatchId] = useState(randomId)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [busy, setBusy] = useState(false)

  const open = async (name: string) => {
    setDept(name)
    if (roster[name]) return
    const res = await membersOf(name)
    if (!res.ok) return setRefused(res)
    setRoster((r) => ({ ...r, [name]: res.data }))
  }

  useLoad(() => {
    call('admin', 'departments', {}).then((res) => {
      if (!res.ok) return setRefused(res)
      const names = namesOf(res.data.tree)
      setDepts(names)
      if (names[0]) open(names[0])
    })
    // the policy decides which health fields are asked, for HR's entries as for the member's own
    call('checkin', 'me', {}).then((me) => {
      if (!me.ok) return
      setFields(me.data.member?.reportFields)
      setToday(me.data.today)
    })
  })

  const inDept = roster[dept] ?? []
  const changed = () => {
    setPreview(null)
    setResult(null)
  }
  const toggle = (id: string) => {
    changed()
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))
  }
  const allOfDept = () => {
    changed()
    const ids = inDept.map((m) => m.id)
    setChosen((c) =>
      ids.every((id) => c.includes(id)) ? c.filter((id) => !ids.includes(id)) : [...new Set([...c, ...ids])],
    )
  }
  const addDay = (day: string) => {
    changed()
    setDays((d) => (d.includes(day) ? d : [...d, day].sort()))
  }
  const toggleDay = (day: string) => {
    changed()
    setDays((d) => (d.includes(day) ? d.filter((x) => x !== day) : [...d, day].sort()))
  }
  const recent = today ? Array.from({ length: RECENT_DAYS }, (_, i) => dayBefore(today, i + 1)) : []
  const older = days.filter((d) => !recent.includes(d))
  const count = chosen.length * days.length

  const input = (): BatchEntryInput | null => {
    if (chosen.length === 0) return (setHint('请选择员工'), null)
    if (days.length === 0) return (setHint('请选择日期'), null)
    if (count > MAX_ITEMS) return (setHint(`一次最多 ${MAX_ITEMS} 条，请减少人员或日期`), null)
    const report = toReport(form, fields)
    if (typeof report === 'string') return (setHint(report), null)
    if (!note.trim()) return (setHint('请填写报备说明'), null)
    setHint('')
    return {
      memberIds: chosen,
      days,
      report,
      channel,
      note: note.trim(),
      ...(waived ? { charged: false } : {}),
    }
  }

  const runPreview = async () => {
    const batch = input()
    if (!batch) return
    setRefused(null)
    setBusy(true)
    const res = await call('review', 'batchPreview', batch)
    setBusy(false)
    if (!res.ok) return setRefused(res)
    setResult(null)
    setPreview(res.data.items)
    setBatchId(randomId())
  }

  const confirm = async () => {
    const batch = input()
    if (!batch) return
    setRefused(null)
    setBusy(true)
    const res = await call('review', 'batchOnBehalf', { ...batch, batchId })
    setBusy(false)
    if (!res.ok) return setRefused(res)
    setPreview(null)
    setResult(res.data.items)
  }

  const list = (items: BatchItemView[], cls: string) => (
    <View className={`hr-card ${cls}`}>
      <Text className='hr-card__title'>
        {cls === 'batch-result' ? '登记结果' : '预览'}：{items.filter((i) => i.ok).length} 条可登记 ·{' '}
        {items.filter((i) => !i.ok).length} 条不能登记
      </Text>
      {items.map((i) => (
        <View
          key={`${i.memberId}-${i.day}`}
          className={`hr-row batch-item batch-item--${i.ok ? (i.charged ? 'charged' : 'free') : 'refused'}`}
          data-member={i.memberId}
          data-day={i.day}
        >
          <Text className='hr-line'>
            {i.name || i.memberId} · {dayWithWeekday(i.day)}
          </Text>
          <Text className={`hr-line ${i.ok ? '' : 'hr-muted'}`}>{itemLine(i)}</Text>
        </View>
      ))}
    </View>
  )

  return (
    <View className='hr-page batch-entry'>
      <View className='hr-card'>
        <Text className='hr-card__title'>1. 选择员工（已选 {chosen.length} 人）</Text>
        <View className='hr-chips'>
          {depts.map((d) => (
            <Text
              key={d}
              className={`hr-chip batch-dept ${d === dept ? 'hr-chip--on' : ''}`}
              data-dept={d}
              onClick={() => open(d)}
            >
              {d}
            </Text>
          ))}
        </View>
        <View className='hr-chips'>
          <Text className='hr-chip batch-all-of-dept' onClick={allOfDept}>
            全选 / 取消本部门
          </Text>
          {inDept.map((m) => (
            <Text
              key={m.id}
              className={`hr-chip batch-member ${chosen.includes(m.id) ? 'hr-chip--on' : ''}`}
              data-id={m.id}
              onClick={() => toggle(m.id)}
            >
              {m.name}
            </Text>
          ))}
        </View>
      </View>

      <View className='hr-card'>
        <Text className='hr-card__title'>2. 选择日期（已选 {days.length} 天）</Text>
        <View className='hr-chips'>
          {[...recent, ...older].map((d) => (
            <Text
              key={d}
              className={`hr-chip batch-day ${days.includes(d) ? 'hr-chip--on' : ''}`}
              data-day={d}
              onClick={() => toggleDay(d)}
            >
              {dayWithWeekday(d)}
            </Text>
          ))}
          <Picker mode='date' value='' onChange={(e) => addDay(e.detail.value)}>
            <Text className='hr-chip batch-add-day'>＋ 其他日期</Text>
          </Picker>
        </View>
        <Text className='hr-line hr-muted batch-count'>
          共 {count} 条（人数 × 天数，一次最多 {MAX_ITEMS} 条）
        </Text>
      </View>

      <View className='hr-card'>
        <Text className='hr-card__title'>3. 员工报备的情况</Text>
        <ReportForm
          value={form}
          onChange={(f) => {
            changed()
            setForm(f)
          }}
          disabled={busy}
          fields={fields}
        />
        <View className='hr-chips'>
          {CHANNELS.map(([c, label]) => (
            <Text
              key={c}
              className={`hr-chip channel channel--${c} ${channel === c ? 'hr-chip--on' : ''}`}
              onClick={() => setChannel(c)}
            >
              {label}报备
            </Text>
          ))}
          <Text
            className={`hr-chip waive-charge ${waived ? 'hr-chip--on' : ''}`}
            onClick={() => {
              changed()
              setWaived((w) => !w)
            }}
          >
            均不计入补卡次数
          </Text>
        </View>
        <Textarea
          className='hr-textarea batch-note'
          placeholder='报备方式与情况说明（必填，例如：系统故障期间电话报备）'
          maxlength={300}
          value={note}
          onInput={(e) => setNote(e.detail.value)}
        />
        {hint && <Text className='hr-line hr-muted batch-hint'>{hint}</Text>}
        <View className='hr-row'>
          <Button className='hr-button batch-preview' disabled={on(busy)} loading={busy} onClick={runPreview}>
            预览
          </Button>
          <Button
            className='hr-button hr-button--primary batch-confirm'
            disabled={on(busy || !preview || !preview.some((i) => i.ok))}
            onClick={confirm}
          >
            确认登记
          </Button>
        </View>
        <Text className='hr-line hr-muted'>
          维护时段内的日子不计入补卡次数；未同意健康信息处理说明的员工不能登记。
        </Text>
      </View>

      {refused && <RefusalNotice refusal={refused} />}
      {preview && list(preview, 'batch-preview-list')}
      {result && list(result, 'batch-result')}
    </View>
  )
}
