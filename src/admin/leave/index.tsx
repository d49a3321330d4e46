import { Button, Picker, Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { AdminMemberView } from '@core/admin'
import type { MonthView } from '@core/checkin'
import type { LeaveImportView, LeaveKind } from '@core/leave'
import { ERRORS, isErrorCode } from '@core/shared'
import { call, uploadFile } from '@/cloud'
import { randomId } from '@/cloud/ids'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { pickFile } from '@/components/pick-file'
import PrivacySheet from '@/components/privacy'
import { FIELD_LABEL } from '../labels'
import '../admin.css'
import './index.css'

// kept here (not from @core/leave's values) so that the page does not bundle the schema library
const KINDS: [LeaveKind, string][] = [
  ['leave', '请假'],
  ['trip', '出差'],
  ['exempt', '免打卡'],
]
const STATE_LABEL: Partial<Record<string, string>> = {
  leave: '请假',
  trip: '出差',
  exempt: '免打卡',
  checked: '已打卡',
  madeUp: '已补卡',
  missed: '漏打卡',
  pending: '审核中',
  open: '待打卡',
  granted: '可特批',
}
const LEAVE_FIELDS: Record<string, string> = { kind: '类型', from: '开始日期', to: '结束日期' }

const pad = (n: number) => String(n).padStart(2, '0')
/** the current month in Asia/Shanghai (UTC+8, no DST), whatever the device's zone */
const shanghaiMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
const shiftMonth = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number)
  const t = y * 12 + (m - 1) + n
  return `${Math.floor(t / 12)}-${pad((t % 12) + 1)}`
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']
/** cells before the 1st in a Monday-first week ('YYYY-MM-DD' read as a calendar date, no time zone involved) */
const mondayOffset = (day: string) => {
  const [y, m, d] = day.split('-').map(Number)
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7
}

const rowError = (e: LeaveImportView['errors'][number]) =>
  `第 ${e.line} 行${e.employeeNo ? `（${e.employeeNo}）` : ''}：${isErrorCode(e.code) ? ERRORS[e.code].message : e.code}` +
  (e.field ? `（${LEAVE_FIELDS[e.field] ?? FIELD_LABEL[e.field] ?? e.field}）` : '')

// HR records leave (请假), business trips (出差) and exempt days (免打卡) for a member, by hand or from a sheet; the
// member's month shows them. Only the kind and the dates are kept: no free text (it could hold health details).
export default function LeavePage() {
  const [roster, setRoster] = useState<AdminMemberView[]>([])
  const [member, setMember] = useState<AdminMemberView | null>(null)
  const [month, setMonth] = useState(shanghaiMonth())
  const [view, setView] = useState<MonthView | null>(null)
  const [kind, setKind] = useState<LeaveKind>('leave')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [done, setDone] = useState('')
  const [imported, setImported] = useState<LeaveImportView | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [busy, setBusy] = useState(false)

  const loadMonth = async (memberId: string, m: string) => {
    setRefused(null)
    const res = await call('admin', 'leaves', { memberId, month: m })
    if (!res.ok) return setRefused(res)
    setView(res.data.month)
  }

  useLoad(async () => {
    const res = await call('admin', 'members', {})
    if (!res.ok) return setRefused(res)
    setRoster(res.data.items)
  })

  const pick = (m: AdminMemberView) => {
    setMember(m)
    setDone('')
    loadMonth(m.id, month)
  }

  const goMonth = (n: number) => {
    const m = shiftMonth(month, n)
    setMonth(m)
    if (member) loadMonth(member.id, m)
  }

  const send = async (action: 'recordLeave' | 'removeLeave') => {
    if (!member || !from) return
    setBusy(true)
    setRefused(null)
    setDone('')
    const range = { memberId: member.id, from, to: to || from }
    const res =
      action === 'recordLeave'
        ? await call('admin', 'recordLeave', { ...range, kind })
        : await call('admin', 'removeLeave', range)
    setBusy(false)
    if (!res.ok) return setRefused(res)
    setDone(
      'days' in res.data
        ? `已登记${KINDS.find(([k]) => k === kind)?.[1]} ${res.data.days} 天`
        : `已取消 ${res.data.removed} 天`,
    )
    loadMonth(member.id, month)
  }

  const importSheet = async () => {
    setRefused(null)
    const picked = await pickFile(['csv', 'xlsx'])
    if (!picked) return
    setBusy(true)
    const me = await call('admin', 'me', {})
    if (!me.ok) return (setBusy(false), setRefused(me))
    const ext = picked.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv'
    const up = await uploadFile(picked.file, `companies/${me.data.company.id}/admin/${randomId()}.${ext}`)
    if (!up.ok) return (setBusy(false), setRefused(up))
    const res = await call('admin', 'importLeaves', { fileID: up.data })
    setBusy(false)
    if (!res.ok) return setRefused(res)
    setImported(res.data)
    if (member) loadMonth(member.id, month)
  }

  return (
    <View className='ad-page leave-page'>
      <View className='ad-card'>
        <View className='ad-row'>
          <Text>员工</Text>
          <Picker
            mode='selector'
            range={roster.map((m) => `${m.name} · ${m.dept}（${m.employeeNo}）`)}
            onChange={(e) => pick(roster[Number(e.detail.value)])}
          >
            <Text className='ad-chip leave-member'>{member ? member.name : '选择员工'}</Text>
          </Picker>
        </View>
        <View className='ad-chips'>
          {KINDS.map(([k, label]) => (
            <Text
              key={k}
              className={`ad-chip leave-kind leave-kind--${k} ${kind === k ? 'ad-chip--on' : ''}`}
              onClick={() => setKind(k)}
            >
              {label}
            </Text>
          ))}
        </View>
        <View className='ad-row'>
          <Text>开始</Text>
          <Picker mode='date' value={from} onChange={(e) => setFrom(e.detail.value)}>
            <Text className='ad-chip leave-from'>{from || '选择日期'}</Text>
          </Picker>
        </View>
        <View className='ad-row'>
          <Text>结束</Text>
          <Picker mode='date' value={to || from} onChange={(e) => setTo(e.detail.value)}>
            <Text className='ad-chip leave-to'>{to || from || '同开始日期'}</Text>
          </Picker>
        </View>
        <Text className='ad-line ad-muted'>只记录类型与日期，请勿填写病情等健康信息。</Text>
        <View className='ad-row'>
          <Button
            className='ad-button ad-button--primary leave-record'
            disabled={busy || !member || !from || undefined}
            onClick={() => send('recordLeave')}
          >
            登记
          </Button>
          <Button
            className='ad-button leave-remove'
            disabled={busy || !member || !from || undefined}
            onClick={() => send('removeLeave')}
          >
            取消登记
          </Button>
        </View>
        {done && <Text className='ad-line leave-done'>{done}</Text>}
      </View>

      {refused && <RefusalNotice refusal={refused} />}

      {member && view && (
        <View className='ad-card'>
          <View className='ad-row'>
            <Text className='ad-link month-prev' onClick={() => goMonth(-1)}>
              ‹ 上月
            </Text>
            <Text className='ad-title leave-month'>
              {member.name} · {view.month}
            </Text>
            <Text className='ad-link month-next' onClick={() => goMonth(1)}>
              下月 ›
            </Text>
          </View>
          <Text className='ad-line leave-summary'>
            已打卡 {view.summary.checked} · 已补卡 {view.summary.madeUp} · 漏打卡 {view.summary.missed} ·
            请假/出差/免打卡 {view.summary.onLeave}
          </Text>
          <View className='leave-grid'>
            {WEEKDAYS.map((w) => (
              <Text key={w} className='leave-day leave-day--head'>
                {w}
              </Text>
            ))}
            {/* Monday first: blank cells up to the month's first weekday */}
            {Array.from({ length: mondayOffset(view.days[0].day) }, (_, i) => (
              <View key={`blank-${i}`} className='leave-day' />
            ))}
            {view.days.map((d) => (
              <View key={d.day} className={`leave-day leave-day--${d.state}`} data-day={d.day}>
                <Text className='leave-day__date'>{Number(d.day.slice(8))}</Text>
                <Text className='leave-day__state'>{STATE_LABEL[d.state] ?? ''}</Text>
              </View>
            ))}
          </View>
        </View>
      )}

      <View className='ad-card'>
        <Text className='ad-title'>批量导入</Text>
        <Text className='ad-line ad-muted'>
          CSV 或 XLSX，列：工号、类型（请假 / 出差 /
          免打卡）、开始日期、结束日期。同一天再次登记以最后一次为准。
        </Text>
        <Button
          className='ad-button ad-button--primary leave-import'
          loading={busy}
          disabled={busy || undefined}
          onClick={importSheet}
        >
          选择文件导入
        </Button>
        {imported && (
          <View className='import-result'>
            <Text className='ad-line leave-import-result'>
              共 {imported.total} 行，登记 {imported.recorded} 行（{imported.days} 天），有误{' '}
              {imported.errors.length}
            </Text>
            {imported.errors.slice(0, 50).map((e) => (
              <Text key={e.line} className='ad-line ad-muted import-error'>
                {rowError(e)}
              </Text>
            ))}
          </View>
        )}
      </View>
      {/* picking the sheet from a chat is a privacy API: WeChat asks through our sheet on this page too */}
      <PrivacySheet />
    </View>
  )
}
