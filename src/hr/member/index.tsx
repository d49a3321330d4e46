import { Button, Picker, Text, Textarea, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { AdminMemberView } from '@core/admin'
import type { AskedField, HealthReport } from '@core/health'
import type { AuditEntryView, RecordView, ReportChannel } from '@core/review'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import ReportForm, { emptyDraft, toReport, type ReportDraft } from '@/components/report-form'
import { reportSummary } from '@/components/report-form/summary'
import { dayWithWeekday, shanghaiTime, STATUS_LABEL } from '../labels'
import { on } from '../ui'
import '../hr.css'

const CHANNELS: [ReportChannel, string][] = [
  ['phone', '电话'],
  ['email', '邮件'],
  ['other', '其他'],
]
const ACTION_LABEL: Record<string, string> = {
  submit: '提交补卡',
  autoApprove: '自动通过',
  approve: '审核通过',
  reject: '驳回',
  return: '退回修改',
  withdraw: '撤回',
  resubmit: '重新提交',
  correct: '更正记录',
  onBehalf: '代为登记',
  revoke: '撤销补卡',
  grant: '准予特殊补卡',
  deny: '拒绝特殊补卡',
  requestSpecial: '申请特殊处理',
  bind: '绑定身份',
  refused: '越权操作被拒绝',
  delegate: '设置代审',
}

/** request statuses in Chinese; other states (codes, 'corrected') as stored */
const statusWord = (s: string) => STATUS_LABEL[s as keyof typeof STATUS_LABEL] ?? s

const FIELD_LABEL: Record<keyof HealthReport, string> = {
  status: '健康状况',
  temperature: '体温',
  region: '所在地区',
  healthCode: '健康码',
  note: '备注',
}

// HR on one employee: correct a day's record (old and new values kept), enter a day reported by phone or e-mail,
// and the employee's audit trail.
export default function MemberRecords() {
  const [memberId, setMemberId] = useState('')
  const [name, setName] = useState('')
  const [day, setDay] = useState('')
  const [form, setForm] = useState<ReportDraft>(emptyDraft())
  const [channel, setChannel] = useState<ReportChannel>('phone')
  const [fields, setFields] = useState<AskedField[] | undefined>(undefined)
  // an entry on behalf is a make-up: charged to the member's quota unless HR waives it (maintenance days never are)
  const [waived, setWaived] = useState(false)
  const [note, setNote] = useState('')
  const [hint, setHint] = useState('')
  const [result, setResult] = useState<RecordView | null>(null)
  // the picked day has no record yet (HR can enter it on behalf)
  const [noRecord, setNoRecord] = useState(false)
  const [trail, setTrail] = useState<AuditEntryView[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [busy, setBusy] = useState(false)
  // HR may start here without a member: pick one from the company's list (by department, then name)
  const [roster, setRoster] = useState<AdminMemberView[]>([])

  const loadRoster = async () => {
    const res = await call('admin', 'members', {})
    if (res.ok) setRoster(res.data.items)
  }

  const pick = (m: AdminMemberView) => {
    setMemberId(m.id)
    setName(m.name)
    setResult(null)
    setTrail([])
    loadTrail(m.id)
    showRecord(m.id, day)
  }

  /** The day's record as it stands, with every correction (read-only); the view is logged for the member. */
  const showRecord = async (id: string, d: string) => {
    setNoRecord(false)
    setResult(null)
    if (!id || !d) return
    const res = await call('review', 'record', { memberId: id, day: d })
    if (!res.ok) return setRefused(res)
    setResult(res.data)
    setNoRecord(res.data === null)
  }

  const pickDay = (d: string) => {
    setDay(d)
    showRecord(memberId, d)
  }

  const loadTrail = async (id: string, cursor?: string) => {
    const res = await call('review', 'audit', { memberId: id, ...(cursor ? { cursor } : {}) })
    if (!res.ok) return setRefused(res)
    setTrail((t) => (cursor ? [...t, ...res.data.items] : res.data.items))
    setNext(res.data.next)
  }

  useLoad((params: Record<string, string>) => {
    setMemberId(params.memberId ?? '')
    setName(decodeURIComponent(params.name ?? ''))
    if (params.memberId) loadTrail(params.memberId)
    else loadRoster()
    // the company's policy decides which health fields are asked, for HR's entries as for the member's own
    call('checkin', 'me', {}).then((me) => me.ok && setFields(me.data.member?.reportFields))
  })

  const send = async (action: 'correct' | 'onBehalf') => {
    const report = toReport(form, fields)
    if (!memberId) return setHint('请先选择员工')
    if (!day) return setHint('请选择日期')
    if (typeof report === 'string') return setHint(report)
    if (!note.trim()) return setHint(action === 'correct' ? '请填写更正原因' : '请填写报备说明')
    setHint('')
    setRefused(null)
    setBusy(true)
    const res =
      action === 'correct'
        ? await call('review', 'correct', { memberId, day, report, note: note.trim() })
        : await call('review', 'onBehalf', {
            memberId,
            day,
            report,
            channel,
            note: note.trim(),
            ...(waived ? { charged: false } : {}),
          })
    setBusy(false)
    if (!res.ok) return setRefused(res)
    setResult(res.data)
    setNoRecord(false)
    setNote('')
    loadTrail(memberId)
  }

  return (
    <View className='hr-page member-records'>
      {roster.length > 0 && (
        <View className='hr-card'>
          <View className='hr-row hr-line'>
            <Text>员工</Text>
            <Picker
              mode='selector'
              range={roster.map((m) => `${m.name} · ${m.dept}（${m.employeeNo}）`)}
              onChange={(e) => pick(roster[Number(e.detail.value)])}
            >
              <Text className='hr-chip record-member'>{name || '选择员工'}</Text>
            </Picker>
          </View>
        </View>
      )}
      <View className='hr-card'>
        <Text className='hr-card__title'>{memberId ? `${name || memberId} 的打卡记录` : '请先选择员工'}</Text>
        <View className='hr-row hr-line'>
          <Text>日期</Text>
          <Picker mode='date' value={day} onChange={(e) => pickDay(e.detail.value)}>
            <Text className='hr-chip record-day'>{day ? dayWithWeekday(day) : '选择日期'}</Text>
          </Picker>
        </View>
        <ReportForm value={form} onChange={setForm} disabled={busy} fields={fields} />
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
            onClick={() => setWaived((w) => !w)}
          >
            代为登记不计入补卡次数
          </Text>
        </View>
        <Textarea
          className='hr-textarea record-note'
          placeholder='更正原因，或员工报备的方式与内容（必填）'
          maxlength={300}
          value={note}
          onInput={(e) => setNote(e.detail.value)}
        />
        {hint && <Text className='hr-line hr-muted'>{hint}</Text>}
        <View className='hr-row'>
          <Button
            className='hr-button hr-button--primary correct-button'
            disabled={on(busy)}
            onClick={() => send('correct')}
          >
            更正已有记录
          </Button>
          <Button className='hr-button on-behalf-button' disabled={on(busy)} onClick={() => send('onBehalf')}>
            代为登记
          </Button>
        </View>
      </View>

      {refused && <RefusalNotice refusal={refused} />}

      {noRecord && (
        <Text className='hr-card hr-line hr-muted record-empty'>当天没有打卡记录，可代为登记</Text>
      )}
      {result && (
        <View className='hr-card record-result'>
          <Text className='hr-card__title'>
            {dayWithWeekday(result.day)}：{reportSummary(result.report)}
          </Text>
          {result.onBehalf && (
            <Text className='hr-line'>
              HR 代为登记（{CHANNELS.find(([c]) => c === result.onBehalf!.channel)?.[1]}报备）：
              {result.onBehalf.note}
              {result.onBehalf.charged === false ? '（不计入补卡次数）' : ''}
            </Text>
          )}
          {result.corrections.length > 0 && <Text className='hr-line hr-muted'>更正记录（原内容保留）</Text>}
          {result.corrections.map((c) => (
            <Text key={c.at} className='hr-line correction'>
              {shanghaiTime(c.at)} 更正：{reportSummary(c.before)} → {reportSummary(c.after)}（{c.note}）
            </Text>
          ))}
        </View>
      )}

      <View className='hr-card'>
        <Text className='hr-card__title'>审计记录</Text>
        {trail.length === 0 && <Text className='hr-line hr-muted'>暂无记录</Text>}
        {trail.map((a) => (
          <View
            key={a.id}
            className='audit-entry'
            // an entry about a day's record opens that record with its corrections
            onClick={() => a.subject === 'checkin' && pickDay(a.subjectId.slice(a.subjectId.length - 10))}
          >
            <Text className='hr-line'>
              {shanghaiTime(a.at)} · {a.actor.name ?? a.actor.id} · {ACTION_LABEL[a.action] ?? a.action}
            </Text>
            <Text className='hr-line hr-muted'>
              {a.subjectId}
              {a.from ? ` ${statusWord(a.from)} → ${statusWord(a.to)}` : ` → ${statusWord(a.to)}`}
              {a.fields?.length ? ` 更改：${a.fields.map((f) => FIELD_LABEL[f]).join('、')}` : ''}
              {a.reason ? `（${a.reason}）` : ''}
            </Text>
          </View>
        ))}
        {next && (
          <Button className='hr-button' onClick={() => loadTrail(memberId, next)}>
            更早的记录
          </Button>
        )}
      </View>
    </View>
  )
}
