import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { MemberView } from '@core/api'
import { ERRORS } from '@core/errors'
import { call, isTransportFailure } from '../../cloud'
import { randomId } from '../../cloud/ids'
import DevIdentityBar from '../../components/dev-identity-bar'
import RefusalNotice, { type Refused } from '../../components/refusal-notice'
import ReportForm, { emptyDraft, toReport, type ReportDraft } from '../../components/report-form'
import './index.css'

interface Today {
  member: MemberView | null
  today: string
  checkedInToday: boolean
}

const isH5 = process.env.TARO_ENV === 'h5'

/** Why the 补打卡 entry cannot be used right now, or null when it can. */
function makeupUnavailable(t: Today | null): string | null {
  if (!t) return null
  const code = !t.member ? 'NOT_BOUND' : !t.member.makeupEnabled ? 'MAKEUP_NOT_ENABLED' : null
  return code && `${ERRORS[code].message}：${ERRORS[code].next}`
}

export default function Home() {
  const [today, setToday] = useState<Today | null>(null)
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft())
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [hint, setHint] = useState('')
  const [done, setDone] = useState<string | null>(null)
  // one id per attempt at today's check-in, so a retried submit is recognised as the same one
  const [requestId, setRequestId] = useState(randomId)

  const load = useCallback(async () => {
    setRefused(null)
    const res = await call('checkin', 'me', {})
    if (!res.ok) return setRefused(res)
    setToday(res.data)
    setDone(null)
    setDraft(emptyDraft(res.data.member?.region ?? ''))
  }, [])

  useDidShow(() => {
    load()
  })

  const submit = async () => {
    const report = toReport(draft)
    if (typeof report === 'string') return setHint(report)
    setHint('')
    setRefused(null)
    setBusy(true)
    const res = await call('checkin', 'submit', { report, clientRequestId: requestId })
    setBusy(false)
    // keep the id only when the outcome is unknown (transport failure), so a retry cannot record twice
    if (!(res.ok === false && isTransportFailure(res.code))) setRequestId(randomId())
    if (!res.ok) return setRefused(res)
    setDone(res.data.day)
    setToday((t) => (t ? { ...t, checkedInToday: true } : t))
  }

  const go = (url: string) => Taro.navigateTo({ url })
  const member = today?.member
  const unavailable = makeupUnavailable(today)
  const checked = today?.checkedInToday ?? false

  return (
    <View className='home'>
      {isH5 && <DevIdentityBar onSwitch={load} />}
      <View className='home__header'>
        <Text className='home__title'>今日健康打卡</Text>
        <Text className='home__sub'>
          {today ? `${today.today}${member ? ` · ${member.companyName} · ${member.name}` : ''}` : '加载中…'}
        </Text>
      </View>

      {today && (
        <View className={`home__status ${checked ? 'home__status--done' : 'home__status--todo'}`}>
          <Text className='home__status-text'>
            {checked ? `✓ 今日已打卡${done ? `（${done}）` : ''}` : '今天还没有打卡'}
          </Text>
        </View>
      )}

      {today && member && !checked && (
        <View className='home__form'>
          <ReportForm value={draft} onChange={setDraft} disabled={busy} />
          {hint && <Text className='home__hint'>{hint}</Text>}
          <Button
            className='home__submit submit-checkin'
            type='primary'
            loading={busy}
            disabled={busy}
            onClick={submit}
          >
            提交今日打卡
          </Button>
        </View>
      )}

      {refused && <RefusalNotice refusal={refused} />}

      <View className='home__entries'>
        <View
          className={`home__entry makeup-entry ${unavailable ? 'home__entry--off' : ''}`}
          onClick={() => !unavailable && go('/employee/makeup/index')}
        >
          <Text className='home__entry-title'>补打卡</Text>
          <Text className='home__entry-desc'>{unavailable ?? '漏打的日子，在规定时间内补上'}</Text>
        </View>
        <View className='home__entry calendar-entry' onClick={() => member && go('/employee/calendar/index')}>
          <Text className='home__entry-title'>打卡月历</Text>
          <Text className='home__entry-desc'>查看每天的打卡状态</Text>
        </View>
        <View className='home__entry requests-entry' onClick={() => member && go('/employee/requests/index')}>
          <Text className='home__entry-title'>我的补卡申请</Text>
          <Text className='home__entry-desc'>审核进度、撤回</Text>
        </View>
        {member?.roles.some((r) => r === 'hr' || r === 'reviewer') && (
          <View className='home__entry hr-entry' onClick={() => go('/hr/index')}>
            <Text className='home__entry-title'>审核与管理</Text>
            <Text className='home__entry-desc'>HR 与审核人入口</Text>
          </View>
        )}
      </View>
    </View>
  )
}
