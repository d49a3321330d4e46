import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { type ComponentType, useCallback, useEffect, useState } from 'react'
import type { OutputOf } from '@core/api'
import type { LeaveKind } from '@core/leave'
import { ERRORS, type ErrorCode } from '@core/shared'
import { call, isTransportFailure } from '@/cloud'
import { randomId } from '@/cloud/ids'
import BindForm from '@/components/bind-form'
import NextStepButton, { ACCESS_LABEL } from '@/components/next-step'
import { NoticesPanel } from '@/components/notices'
import PrivacySheet from '@/components/privacy'
import HealthConsent from '@/components/privacy/consent'
import { useHealthConsent } from '@/components/privacy/use-health-consent'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import ReportForm, { emptyDraft, toReport, type ReportDraft } from '@/components/report-form'
import { clearDraft, loadDraft, recordFailure, type CheckinDraft } from '@/offline/checkin-draft'
import { onReconnect } from '@/offline/network'
import './index.css'

type Today = OutputOf<'checkin', 'me'>

/** '2026-11-28T22:00:00+08:00' → '11月28日 22:00' (the instant is written in Shanghai time) */
// kept here (not @core/leave's labels): the main package does not load the calendar rules
const LEAVE_TEXT: Record<LeaveKind, string> = { leave: '请假', trip: '出差', exempt: '免打卡' }

const clock = (iso: string) => {
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(iso)
  return m ? `${Number(m[1])}月${Number(m[2])}日 ${m[3]}` : iso
}

// Local development only: the H5 build's identity switcher. Required in a build-time branch so that webpack drops it
// (and the gateway calls it makes) from the weapp bundle.
const DevIdentityBar: ComponentType<{ onSwitch: () => void }> | null =
  process.env.TARO_ENV === 'h5' ? require('@/components/dev-identity-bar').default : null

/**
 * Why the 补打卡 entry cannot be used right now (as the policy of the member's region decides: enablement, client
 * version, region verification), or null when it can; with the state of a request to have it enabled.
 */
function makeupUnavailable(t: Today | null): { code: ErrorCode; text: string } | null {
  if (!t) return null
  const code = !t.member ? 'NOT_BOUND' : (t.makeup?.code ?? null)
  if (!code) return null
  const access = t.makeup?.access
  if (code === 'MAKEUP_NOT_ENABLED' && access && access.status !== 'granted')
    return {
      code,
      text: `${ERRORS[code].message}。${ACCESS_LABEL[access.status]}${access.note ? `：${access.note}` : ''}`,
    }
  return { code, text: `${ERRORS[code].message}：${ERRORS[code].next}` }
}

export default function Home() {
  const [today, setToday] = useState<Today | null>(null)
  const [form, setForm] = useState<ReportDraft>(emptyDraft())
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [hint, setHint] = useState('')
  const [done, setDone] = useState<string | null>(null)
  // a check-in that did not reach the function (kept in storage, retried, or evidence for a make-up)
  const [pending, setPending] = useState<CheckinDraft | null>(loadDraft)
  // one id per attempt at today's check-in, so a retried submit is recognised as the same one
  const [requestId, setRequestId] = useState(randomId)

  const deliver = useCallback(async (d: Omit<CheckinDraft, 'failures'>) => {
    setRefused(null)
    setBusy(true)
    const res = await call('checkin', 'submit', { report: d.report, clientRequestId: d.clientRequestId })
    setBusy(false)
    // not delivered (network, or a maintenance window that began after the page loaded): kept and retried
    if (!res.ok && (isTransportFailure(res.code) || res.code === 'MAINTENANCE_ACTIVE')) {
      setPending(recordFailure(d, res.code))
      return setRefused(res)
    }
    // delivered or refused by the function: either way there is nothing left to retry
    clearDraft()
    setPending(null)
    setRequestId(randomId())
    if (!res.ok) return setRefused(res)
    setDone(res.data.day)
    setToday((t) => (t ? { ...t, checkedInToday: true } : t))
  }, [])

  const load = useCallback(async () => {
    setRefused(null)
    const res = await call('checkin', 'me', { clientVersion: APP_VERSION })
    if (!res.ok) return setRefused(res)
    setToday(res.data)
    setDone(null)
    setForm((f) => (f.region ? f : emptyDraft(res.data.member?.region ?? '')))
    const d = loadDraft()
    if (d?.day === res.data.today) {
      if (res.data.checkedInToday) clearDraft()
      else if (!res.data.maintenance?.active) return deliver(d)
    }
    setPending(loadDraft())
  }, [deliver])

  useDidShow(() => {
    load()
  })
  useEffect(() => onReconnect(load), [load])

  const submit = () => {
    const report = toReport(form, today?.member?.reportFields)
    if (typeof report === 'string') return setHint(report)
    if (!today) return
    setHint('')
    const attempt = { day: today.today, report, clientRequestId: pending?.clientRequestId ?? requestId }
    // during maintenance the check-in waits as a draft, delivered when the app next opens after the window
    if (today.maintenance?.active) return setPending(recordFailure(attempt, 'MAINTENANCE_ACTIVE'))
    deliver(attempt)
  }

  const go = (url: string) => Taro.navigateTo({ url })
  const member = today?.member
  const unavailable = makeupUnavailable(today)
  const checked = today?.checkedInToday ?? false
  // separate consent to health-data processing before the first check-in (and after a withdrawal)
  const consent = useHealthConsent(member && !checked ? member.memberId : null, refused?.code)

  return (
    <View className='home'>
      {/* a new identity starts from a clean page: nothing typed by the previous user carries over */}
      {DevIdentityBar && <DevIdentityBar onSwitch={() => window.location.reload()} />}
      <PrivacySheet askNow />
      <View className='home__header'>
        <Text className='home__title'>今日健康打卡</Text>
        <Text className='home__sub'>
          {today ? `${today.today}${member ? ` · ${member.companyName} · ${member.name}` : ''}` : '加载中…'}
        </Text>
        {member && <NoticesPanel />}
      </View>

      {today?.maintenance && (
        <View className={`home__maintenance ${today.maintenance.active ? 'home__maintenance--active' : ''}`}>
          <Text>
            {today.maintenance.active ? '系统维护中' : '系统即将维护'}（{clock(today.maintenance.start)} 至{' '}
            {clock(today.maintenance.end)}）{today.maintenance.note ? `：${today.maintenance.note}` : ''}
            {today.maintenance.active ? '。现在填写的打卡会保存为草稿，维护结束后自动提交。' : ''}
          </Text>
        </View>
      )}

      {today && member && (
        <View className={`home__status ${checked ? 'home__status--done' : 'home__status--todo'}`}>
          <Text className='home__status-text'>
            {checked
              ? `✓ 今日已打卡${done ? `（${done}）` : ''}`
              : today.todayLeave
                ? `今天已登记为${LEAVE_TEXT[today.todayLeave]}，无需打卡，也可自愿填报`
                : today.todayIsWorkday === false
                  ? '今天是休息日，无需打卡，也可自愿填报'
                  : '今天还没有打卡'}
          </Text>
          {!checked && today.checkinClosesAt && (
            <Text className='home__closes'>今日打卡截止 {clock(today.checkinClosesAt)}</Text>
          )}
        </View>
      )}

      {today && member && !checked && consent.text && (
        <HealthConsent text={consent.text} busy={consent.busy} onAgree={consent.agree} />
      )}

      {today && member && !checked && !consent.text && (
        <View className='home__form'>
          <ReportForm value={form} onChange={setForm} disabled={busy} fields={member.reportFields} />
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

      {today && !member && <BindForm onBound={() => load()} />}

      {refused && <RefusalNotice refusal={refused} />}

      {pending && today && pending.day === today.today && !checked && (
        <View className='home__draft draft-today'>
          <Text className='home__draft-text'>
            今日打卡尚未送达（已记录 {pending.failures.length} 次失败），
            {today.maintenance?.active ? '维护结束后会自动提交' : '网络恢复后会自动重试'}
          </Text>
          {!today.maintenance?.active && (
            <Button
              className='home__draft-retry'
              size='mini'
              disabled={busy}
              onClick={() => deliver(pending)}
            >
              立即重试
            </Button>
          )}
        </View>
      )}
      {pending && today && pending.day < today.today && (
        <View
          className='home__draft draft-past'
          onClick={() => go(`/employee/makeup/index?day=${pending.day}&fromDraft=1`)}
        >
          <Text className='home__draft-text'>
            {pending.day} 的打卡因网络问题未送达，已记录 {pending.failures.length} 次失败作为证明。去补卡 ›
          </Text>
        </View>
      )}

      <View className='home__entries'>
        <View
          className={`home__entry makeup-entry ${unavailable ? 'home__entry--off' : ''}`}
          data-code={unavailable?.code ?? ''}
          onClick={() => !unavailable && go('/employee/makeup/index')}
        >
          <Text className='home__entry-title'>补打卡</Text>
          <Text className='home__entry-desc makeup-unavailable'>
            {unavailable?.text ?? '漏打的日子，在规定时间内补上'}
          </Text>
          {/* a pending request needs nothing more; otherwise the next step, as a tap */}
          {unavailable && today?.makeup?.access?.status !== 'pending' && (
            <NextStepButton
              code={unavailable.code}
              onAccess={(access) =>
                setToday((t) => (t?.makeup ? { ...t, makeup: { ...t.makeup, access } } : t))
              }
            />
          )}
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
        {member?.roles.includes('hr') && (
          <View className='home__entry admin-entry' onClick={() => go('/admin/index')}>
            <Text className='home__entry-title'>企业管理</Text>
            <Text className='home__entry-desc'>成员、补卡规则、维护公告</Text>
          </View>
        )}
        {member?.roles.includes('operator') && (
          <View className='home__entry operator-entry' onClick={() => go('/admin/operator/index')}>
            <Text className='home__entry-title'>平台运营</Text>
            <Text className='home__entry-desc'>企业开通、安全日志</Text>
          </View>
        )}
        <View className='home__entry privacy-entry' onClick={() => member && go('/privacy/index')}>
          <Text className='home__entry-title'>隐私与数据</Text>
          <Text className='home__entry-desc'>同意与撤回、保存期限、查看记录、导出</Text>
        </View>
        <View className='home__entry help-entry' onClick={() => member && go('/admin/help/index')}>
          <Text className='home__entry-title'>帮助中心</Text>
          <Text className='home__entry-desc'>联系 HR、常见问题</Text>
        </View>
      </View>
    </View>
  )
}
