import { Button, Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { AccessRequestAdminView } from '@core/admin'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { shortTime } from '../labels'
import '../admin.css'

type Status = AccessRequestAdminView['status']
const TABS: [Status, string][] = [
  ['pending', '待处理'],
  ['granted', '已开通'],
  ['declined', '未通过'],
]

// 申请开通: members whose make-up is not enabled ask for it; HR grants (their make-up is switched on) or declines,
// with an optional note; the member is notified either way.
export default function AccessRequests() {
  const [status, setStatus] = useState<Status>('pending')
  const [items, setItems] = useState<AccessRequestAdminView[] | null>(null)
  const [notes, setNotes] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState('')
  const [refused, setRefused] = useState<Refused | null>(null)
  const [done, setDone] = useState('')

  const load = async (s: Status) => {
    setRefused(null)
    const res = await call('admin', 'accessRequests', { status: s })
    if (!res.ok) return setRefused(res)
    setItems(res.data)
  }
  useDidShow(() => {
    void load(status)
  })

  const decide = async (r: AccessRequestAdminView, decision: 'grant' | 'decline') => {
    setBusy(r.member.id)
    setRefused(null)
    const note = notes[r.member.id]?.trim()
    const res = await call('admin', 'decideAccess', {
      memberId: r.member.id,
      decision,
      ...(note ? { note } : {}),
    })
    setBusy('')
    if (!res.ok) return setRefused(res)
    setDone(`${r.member.name}：${decision === 'grant' ? '已开通补打卡' : '已拒绝'}，已通知本人`)
    void load(status)
  }

  return (
    <View className='ad-page access-page'>
      <View className='ad-chips'>
        {TABS.map(([s, label]) => (
          <Text
            key={s}
            className={`ad-chip access-tab--${s} ${status === s ? 'ad-chip--on' : ''}`}
            onClick={() => {
              setStatus(s)
              setDone('')
              void load(s)
            }}
          >
            {label}
          </Text>
        ))}
      </View>
      {done && <Text className='ad-notice access-done'>{done}</Text>}
      {refused && <RefusalNotice refusal={refused} />}
      {items && items.length === 0 && <Text className='ad-empty access-empty'>没有开通申请</Text>}
      {items?.map((r) => (
        <View key={r.member.id} className='ad-card access-item' data-member={r.member.id}>
          <View className='ad-row'>
            <Text className='ad-title'>
              {r.member.name} · {r.member.dept}
            </Text>
            <Text className='ad-muted'>{r.member.employeeNo}</Text>
          </View>
          <Text className='ad-line'>申请于 {shortTime(r.requestedAt)}</Text>
          {r.reason && <Text className='ad-line'>说明：{r.reason}</Text>}
          {r.decidedAt && (
            <Text className='ad-line ad-muted'>
              处理于 {shortTime(r.decidedAt)}
              {r.note ? ` · ${r.note}` : ''}
            </Text>
          )}
          {r.status === 'pending' && (
            <>
              <Input
                className='ad-input ad-input--wide access-note'
                placeholder='备注（可选，会告知本人）'
                maxlength={200}
                value={notes[r.member.id] ?? ''}
                onInput={(e) => setNotes({ ...notes, [r.member.id]: e.detail.value })}
              />
              <View className='ad-row'>
                <Button
                  className='ad-button ad-button--primary grant-access'
                  size='mini'
                  loading={busy === r.member.id}
                  onClick={() => decide(r, 'grant')}
                >
                  开通
                </Button>
                <Button className='ad-button decline-access' size='mini' onClick={() => decide(r, 'decline')}>
                  不予开通
                </Button>
              </View>
            </>
          )}
        </View>
      ))}
    </View>
  )
}
