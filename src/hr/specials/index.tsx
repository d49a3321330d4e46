import { Button, Image, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { ReviewSpecialItem } from '@core/review'
import type { SpecialStatus } from '@core/makeup'
import { EVIDENCE_LABEL } from '@core/policy'
import { call } from '@/cloud'
import { openDocumentAt } from '@/components/open-file'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { dayWithWeekday, shanghaiTime, SPECIAL_LABEL } from '../labels'
import { on } from '../ui'
import '../hr.css'

const STATUSES: SpecialStatus[] = ['pending', 'granted', 'denied']
const isPdf = (fileID: string) => fileID.toLowerCase().endsWith('.pdf')

interface Draft {
  deadline: string
  charged: boolean
  reason: string
}

/** Today in Shanghai as YYYY-MM-DD (the device clock, only as the picker's starting point). */
const todayLocal = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

// Special-handling requests ("超时"): grant a day with a deadline (and whether it counts against the quota), or deny.
export default function Specials() {
  const [status, setStatus] = useState<SpecialStatus>('pending')
  const [items, setItems] = useState<ReviewSpecialItem[] | null>(null)
  const [drafts, setDrafts] = useState<Record<string, Draft>>({})
  const [refused, setRefused] = useState<Refused | null>(null)
  const [busyId, setBusyId] = useState<string | null>(null)

  const load = async (s: SpecialStatus) => {
    setRefused(null)
    const res = await call('review', 'specials', { status: s })
    if (!res.ok) return setRefused(res)
    setItems(res.data.items)
  }

  useDidShow(() => {
    load(status)
  })

  const draftOf = (id: string): Draft => drafts[id] ?? { deadline: '', charged: true, reason: '' }
  const edit = (id: string, patch: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [id]: { ...draftOf(id), ...patch } }))

  const decide = async (s: ReviewSpecialItem, decision: 'grant' | 'deny') => {
    const d = draftOf(s.id)
    setRefused(null)
    setBusyId(s.id)
    const res = await call('review', 'decideSpecial', {
      id: s.id,
      decision,
      ...(decision === 'grant' ? { deadline: d.deadline, charged: d.charged } : {}),
      ...(d.reason.trim() ? { reason: d.reason.trim() } : {}),
    })
    setBusyId(null)
    if (!res.ok) return setRefused(res)
    // the decision's answer has no preview links: the list's stay
    setItems((list) => list?.map((x) => (x.id === s.id ? { ...res.data, previews: x.previews } : x)) ?? null)
  }

  // the links are short-lived (10 minutes): an expired one is renewed by reloading the list
  const preview = async (s: ReviewSpecialItem, url: string | null, fileID: string) => {
    if (!url) return
    if (isPdf(fileID)) {
      if (!(await openDocumentAt(url, 'pdf'))) {
        Taro.showToast({ title: '打开失败，请稍后重试', icon: 'none' })
        load(status)
      }
      return
    }
    const urls = (s.previews ?? []).filter((p) => p.url && !isPdf(p.fileID)).map((p) => p.url as string)
    Taro.previewImage({ current: url, urls })
  }

  return (
    <View className='hr-page specials'>
      <View className='hr-chips'>
        {STATUSES.map((s) => (
          <Text
            key={s}
            className={`hr-chip ${status === s ? 'hr-chip--on' : ''}`}
            onClick={() => {
              setStatus(s)
              load(s)
            }}
          >
            {SPECIAL_LABEL[s]}
          </Text>
        ))}
      </View>
      {refused && <RefusalNotice refusal={refused} />}
      {items?.length === 0 && <Text className='hr-empty'>没有特殊情况申请</Text>}
      {items?.map((s) => {
        const d = draftOf(s.id)
        return (
          <View key={s.id} className='hr-card special-item' data-id={s.id}>
            <View className='hr-row'>
              <Text className='hr-card__title'>
                {s.member.name} · {s.member.dept}
              </Text>
              <Text className={`hr-tag hr-tag--${s.status}`}>{SPECIAL_LABEL[s.status]}</Text>
            </View>
            <Text className='hr-line'>申请补卡：{dayWithWeekday(s.day)}</Text>
            <Text className='hr-line'>理由：{s.reason}</Text>
            <Text className='hr-line hr-muted'>提交于 {shanghaiTime(s.submittedAt)}</Text>
            {(s.previews ?? []).length > 0 && (
              <View className='hr-line special-evidence'>
                <Text>
                  {EVIDENCE_LABEL.failureScreenshot}（{s.previews!.length}）
                </Text>
                <View className='special__photos'>
                  {s.previews!.map((p) =>
                    isPdf(p.fileID) ? (
                      <Text
                        key={p.fileID}
                        className='special__file evidence-file'
                        onClick={() => preview(s, p.url, p.fileID)}
                      >
                        PDF（点击查看）
                      </Text>
                    ) : (
                      <Image
                        key={p.fileID}
                        className='special__photo evidence-photo'
                        src={p.url ?? ''}
                        mode='aspectFill'
                        onClick={() => preview(s, p.url, p.fileID)}
                      />
                    ),
                  )}
                </View>
              </View>
            )}
            {s.grantDeadline && (
              <Text className='hr-line'>
                补卡截止：{shanghaiTime(s.grantDeadline)}
                {s.charged === false ? '（不计入次数）' : ''}
              </Text>
            )}
            {s.decisionNote && s.status !== 'pending' && (
              <Text className='hr-line'>意见：{s.decisionNote}</Text>
            )}
            {s.status === 'pending' && (
              <View>
                <View className='hr-row hr-line'>
                  <Text>补卡截止日期</Text>
                  <Picker
                    mode='date'
                    value={d.deadline || todayLocal()}
                    start={todayLocal()}
                    onChange={(e) => edit(s.id, { deadline: e.detail.value })}
                  >
                    <Text className='hr-chip grant-deadline'>{d.deadline || '选择日期'}</Text>
                  </Picker>
                </View>
                <View className='hr-row hr-line'>
                  <Text>计入补卡次数</Text>
                  <Switch
                    checked={d.charged}
                    color='#16a34a'
                    onChange={(e) => edit(s.id, { charged: e.detail.value })}
                  />
                </View>
                <Textarea
                  className='hr-textarea special-note'
                  placeholder='说明（拒绝时必填）'
                  maxlength={300}
                  value={d.reason}
                  onInput={(e) => edit(s.id, { reason: e.detail.value })}
                />
                <View className='hr-row'>
                  <Button
                    className='hr-button hr-button--primary grant-button'
                    disabled={on(busyId !== null || !d.deadline)}
                    loading={busyId === s.id}
                    onClick={() => decide(s, 'grant')}
                  >
                    准予补卡
                  </Button>
                  <Button
                    className='hr-button hr-button--danger deny-button'
                    disabled={on(busyId !== null || !d.reason.trim())}
                    onClick={() => decide(s, 'deny')}
                  >
                    拒绝
                  </Button>
                </View>
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
}
