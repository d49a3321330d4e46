import { Button, Image, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type {
  HandOverMode,
  RejectReasonCode,
  ReviewDecision,
  ReviewDetail,
  RevokeReasonCode,
} from '@core/review'
import { MAKEUP_REASONS } from '@core/makeup'
import { call } from '@/cloud'
import { askToSubscribe, useSubscribeIds } from '@/components/notices'
import { openDocumentAt } from '@/components/open-file'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import ApprovalChain from '@/components/approval-chain'
import {
  dayWithWeekday,
  DAY_LABEL,
  REJECT_REASONS,
  REVOKE_REASONS,
  shanghaiTime,
  STATUS_LABEL,
} from '../labels'
import { on } from '../ui'
import '../hr.css'
import './index.css'

const ACTION_LABEL: Record<string, string> = {
  submit: '提交申请',
  autoApprove: '自动通过',
  approve: '审核通过',
  reject: '驳回',
  return: '退回修改',
  withdraw: '撤回',
  resubmit: '重新提交',
  revoke: '撤销',
  advance: '本步通过',
  transfer: '转交',
  addSigner: '加签',
}
const HAND_OVER: { mode: HandOverMode; label: string }[] = [
  { mode: 'transfer', label: '转交（由对方审批这一步）' },
  { mode: 'before', label: '加签：对方先审，再回到我' },
  { mode: 'after', label: '加签：我审后，再由对方审' },
]
const CODE_COLOUR = { green: '绿码', yellow: '黄码', red: '红码' }
const isPdf = (fileID: string) => fileID.toLowerCase().endsWith('.pdf')

type Mode = 'none' | 'reject' | 'return' | 'revoke' | 'handOver'

// One request as a reviewer sees it: what was submitted, proof, the member's month and quota, the timeline, and
// the decision (approve; reject with a listed reason and text; return with what to fix).
export default function ReviewDetailPage() {
  const [id, setId] = useState('')
  const [hr, setHr] = useState(false)
  const [detail, setDetail] = useState<ReviewDetail | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [mode, setMode] = useState<Mode>('none')
  const [reason, setReason] = useState<RejectReasonCode | null>(null)
  const [revokeReason, setRevokeReason] = useState<RevokeReasonCode | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState('')
  const [handOverMode, setHandOverMode] = useState<HandOverMode>('transfer')
  const [assignee, setAssignee] = useState<number | null>(null)
  const [assignees, setAssignees] = useState<{ id: string; name: string; dept: string }[]>([])
  // opened straight from a subscribe message too: the template ids to ask for on approve / reject
  useSubscribeIds()

  const load = useCallback(async (requestId: string) => {
    const res = await call('review', 'detail', { id: requestId })
    if (!res.ok) return setRefused(res)
    setDetail(res.data)
  }, [])

  useLoad((params: Record<string, string>) => {
    setId(params.id ?? '')
    setHr(params.hr === '1')
    if (params.id) load(params.id)
  })

  const decide = async (decision: ReviewDecision) => {
    void askToSubscribe('review') // inside the tap, never awaited: tops up "new request" notices
    setRefused(null)
    setBusy(true)
    const res = await call('review', 'decide', {
      id,
      decision,
      ...(decision === 'reject' && reason ? { reasonCode: reason } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    })
    setBusy(false)
    if (!res.ok) {
      setRefused(res)
      // someone else may have decided it: show the current state under the message
      return load(id)
    }
    // along a chain an approval that is not the last step leaves the request pending, with the next step
    setDone(
      res.data.status === 'pending'
        ? '本步已通过，等待下一步审批'
        : `处理完成：${STATUS_LABEL[res.data.status]}`,
    )
    setMode('none')
    load(id)
  }

  // 转交 / 加签: the chosen reviewer or HR admin decides this step instead, or one more step before / after it
  const handOver = async () => {
    const to = assignee === null ? undefined : assignees[assignee]
    if (!to) return
    void askToSubscribe('review')
    setRefused(null)
    setBusy(true)
    const res = await call('review', 'handOver', { id, to: to.id, mode: handOverMode })
    setBusy(false)
    if (!res.ok) {
      setRefused(res)
      return load(id)
    }
    setDone(handOverMode === 'transfer' ? `已转交给 ${to.name}` : `已加签：${to.name}`)
    setMode('none')
    setAssignee(null)
    load(id)
  }

  // the reviewers and HR admins the form offers, read when it opens
  const openHandOver = async () => {
    setRefused(null)
    const res = await call('review', 'assignees', { id })
    if (!res.ok) return setRefused(res)
    setAssignees(res.data.items)
    setAssignee(null)
    setMode('handOver')
  }

  // HR takes back an approval: the day is missed again, the member is told the listed reason (not the note)
  const revoke = async () => {
    if (!revokeReason) return
    setRefused(null)
    setBusy(true)
    const res = await call('review', 'revoke', {
      id,
      reasonCode: revokeReason,
      ...(note.trim() ? { note: note.trim() } : {}),
    })
    setBusy(false)
    if (!res.ok) {
      setRefused(res)
      return load(id)
    }
    setDone(`已撤销：${REVOKE_REASONS[revokeReason]}`)
    setMode('none')
    setNote('')
    load(id)
  }

  const preview = (url: string | null, fileID: string) => {
    if (!url) return
    if (isPdf(fileID)) {
      // in the app's document viewer; an expired link (they are short-lived) comes back with a fresh one on reload
      openDocumentAt(url, 'pdf').then((opened) => {
        if (!opened) {
          Taro.showToast({ title: '打开失败，请稍后重试', icon: 'none' })
          load(id)
        }
      })
      return
    }
    const urls = (detail?.previews ?? []).filter((p) => p.url && !isPdf(p.fileID)).map((p) => p.url as string)
    Taro.previewImage({ current: url, urls })
  }

  if (!detail)
    return (
      <View className='hr-page'>
        {refused ? <RefusalNotice refusal={refused} /> : <Text className='hr-empty'>加载中…</Text>}
      </View>
    )

  const d = detail
  const nameOf = (memberId: string) => d.chain?.steps.find((s) => s.memberId === memberId)?.label ?? '审批人'
  const firstWeekday = new Date(`${d.month.month}-01T00:00:00Z`).getUTCDay()
  return (
    <View className='hr-page review-detail'>
      {done && <Text className='hr-notice decided-notice'>{done}</Text>}
      {refused && <RefusalNotice refusal={refused} />}

      <View className='hr-card'>
        <View className='hr-row'>
          <Text className='hr-card__title'>
            {d.member.name} · {d.member.dept}
          </Text>
          <Text className={`hr-tag hr-tag--${d.status} detail-status`}>{STATUS_LABEL[d.status]}</Text>
        </View>
        <View className='hr-row'>
          <Text className='hr-line'>工号 {d.member.employeeNo}</Text>
          {hr && (
            <Text
              className='hr-line detail__file member-link'
              onClick={() =>
                Taro.navigateTo({
                  url: `/hr/member/index?memberId=${d.member.id}&name=${encodeURIComponent(d.member.name)}`,
                })
              }
            >
              记录与审计 ›
            </Text>
          )}
        </View>
        <Text className='hr-line'>补卡日期：{dayWithWeekday(d.day)}</Text>
        <Text className='hr-line'>提交于 {shanghaiTime(d.submittedAt)}</Text>
        <Text className='hr-line'>
          原因：{MAKEUP_REASONS[d.reasonKind]} · {d.reason}
        </Text>
        {d.decisionNote && <Text className='hr-line'>审核意见：{d.decisionNote}</Text>}
        {d.decidedByName && <Text className='hr-line hr-muted'>处理人：{d.decidedByName}</Text>}
        {d.revocation && (
          <Text className='hr-line revocation-reason'>
            撤销原因：{d.revocation.label}
            {d.revocation.note ? ` · ${d.revocation.note}` : ''} · {shanghaiTime(d.revocation.at)}
          </Text>
        )}
      </View>

      <View className='hr-card'>
        <Text className='hr-card__title'>健康信息</Text>
        <Text className='hr-line'>健康状况：{d.report.status === 'well' ? '良好' : '不适'}</Text>
        {d.report.temperature !== undefined && (
          <Text className='hr-line'>体温：{d.report.temperature}°C</Text>
        )}
        {d.report.region && <Text className='hr-line'>所在地区：{d.report.region}</Text>}
        {d.report.healthCode && <Text className='hr-line'>健康码：{CODE_COLOUR[d.report.healthCode]}</Text>}
        {d.report.note && <Text className='hr-line'>备注：{d.report.note}</Text>}
      </View>

      <View className='hr-card'>
        <Text className='hr-card__title'>证明材料（{d.previews.length}）</Text>
        {d.previews.length === 0 && <Text className='hr-line hr-muted'>未上传附件</Text>}
        <View className='detail__photos'>
          {d.previews.map((p) =>
            isPdf(p.fileID) ? (
              <Text
                key={p.fileID}
                className='detail__file pdf-evidence'
                onClick={() => preview(p.url, p.fileID)}
              >
                PDF 报告（点击查看）
              </Text>
            ) : (
              <Image
                key={p.fileID}
                className='detail__photo attachment-photo'
                src={p.url ?? ''}
                mode='aspectFill'
                onClick={() => preview(p.url, p.fileID)}
              />
            ),
          )}
        </View>
        {(d.failures ?? []).length > 0 && (
          <View>
            <Text className='hr-line'>应用记录的失败（{d.failures!.length} 次）：</Text>
            {d.failures!.map((f) => (
              <Text key={f.at} className='hr-line hr-muted'>
                {shanghaiTime(f.at)} {f.error}
              </Text>
            ))}
          </View>
        )}
      </View>

      <View className='hr-card'>
        <Text className='hr-card__title'>
          {d.month.month} 打卡情况 · 本周期已用 {d.quota.used}
          {d.quota.cap >= 0 ? ` / ${d.quota.cap} 次` : ' 次（不限）'}
        </Text>
        <View className='detail__month member-month'>
          {Array.from({ length: firstWeekday }, (_, i) => (
            <View key={`pad${i}`} className='detail__day' />
          ))}
          {d.month.days.map((x) => (
            <View
              key={x.day}
              className={`detail__day detail__day--${x.state} ${x.day === d.day ? 'detail__day--this' : ''}`}
            >
              <Text>{Number(x.day.slice(8))}</Text>
            </View>
          ))}
        </View>
        <Text className='detail__legend'>
          绿：{DAY_LABEL.checked} · 深绿：{DAY_LABEL.madeUp} · 蓝：{DAY_LABEL.pending} · 红：
          {DAY_LABEL.missed} · 紫：{DAY_LABEL.leave} / {DAY_LABEL.trip} / {DAY_LABEL.exempt}
        </Text>
      </View>

      {d.chain && (
        <View className='hr-card chain-card'>
          <Text className='hr-card__title'>审批流程</Text>
          <ApprovalChain chain={d.chain} />
          {d.status === 'pending' && !d.canDecide && (
            <Text className='hr-line hr-muted waiting-for'>
              当前由"{d.chain.steps.find((s) => s.state === 'current')?.label ?? '审批人'}"审批，你无需处理
            </Text>
          )}
        </View>
      )}

      <View className='hr-card'>
        <Text className='hr-card__title'>处理记录</Text>
        {d.timeline.map((t) => (
          <View key={`${t.at}${t.action}`} className='detail__step'>
            <Text className='hr-line'>
              {ACTION_LABEL[t.action] ?? t.action}
              {t.assignee ? ` → ${nameOf(t.assignee)}` : ''} · {shanghaiTime(t.at)}
            </Text>
            {t.reason && !t.assignee && <Text className='hr-line hr-muted'>{t.reason}</Text>}
          </View>
        ))}
        <Text className='hr-line hr-muted'>审核人：{d.reviewers.map((r) => r.name).join('、') || 'HR'}</Text>
      </View>

      {(d.canDecide || d.canHandOver) && (
        <View className='hr-card decide-panel'>
          {mode === 'none' && d.canDecide && (
            <View className='detail__actions'>
              <Button
                className='hr-button hr-button--primary approve-button'
                loading={busy}
                disabled={on(busy)}
                onClick={() => decide('approve')}
              >
                通过
              </Button>
              <Button className='hr-button hr-button--danger reject-button' onClick={() => setMode('reject')}>
                驳回
              </Button>
              <Button className='hr-button return-button' onClick={() => setMode('return')}>
                退回修改
              </Button>
            </View>
          )}
          {mode === 'none' && d.canHandOver && (
            <Text className='hr-line detail__file hand-over-button' onClick={openHandOver}>
              转交 / 加签 ›
            </Text>
          )}
          {mode === 'handOver' && (
            <View>
              <Text className='hr-card__title'>转交 / 加签</Text>
              <View className='hr-chips'>
                {HAND_OVER.map((h) => (
                  <Text
                    key={h.mode}
                    className={`hr-chip hand-over-mode hand-over-mode--${h.mode} ${handOverMode === h.mode ? 'hr-chip--on' : ''}`}
                    onClick={() => setHandOverMode(h.mode)}
                  >
                    {h.label}
                  </Text>
                ))}
              </View>
              <Picker
                className='assignee-picker'
                mode='selector'
                range={assignees.map((a) => `${a.name}（${a.dept}）`)}
                onChange={(e) => setAssignee(Number(e.detail.value))}
              >
                <Text className='hr-chip assignee'>
                  {assignee === null
                    ? '选择审核人或 HR ▾'
                    : `${assignees[assignee].name}（${assignees[assignee].dept}）▾`}
                </Text>
              </Picker>
              <Button
                className='hr-button hr-button--primary confirm-hand-over'
                disabled={on(busy || assignee === null)}
                loading={busy}
                onClick={handOver}
              >
                确认
              </Button>
              <Button className='hr-button' onClick={() => setMode('none')}>
                取消
              </Button>
            </View>
          )}
          {mode === 'reject' && (
            <View>
              <Text className='hr-card__title'>驳回原因</Text>
              <View className='hr-chips'>
                {(Object.keys(REJECT_REASONS) as RejectReasonCode[]).map((code) => (
                  <Text
                    key={code}
                    className={`hr-chip reject-reason reject-reason--${code} ${reason === code ? 'hr-chip--on' : ''}`}
                    onClick={() => setReason(code)}
                  >
                    {REJECT_REASONS[code]}
                  </Text>
                ))}
              </View>
              <Textarea
                className='hr-textarea decision-note'
                placeholder={reason === 'other' ? '请说明驳回原因（必填）' : '补充说明（选填）'}
                maxlength={300}
                value={note}
                onInput={(e) => setNote(e.detail.value)}
              />
              <Button
                className='hr-button hr-button--danger confirm-reject'
                disabled={on(busy || !reason || (reason === 'other' && !note.trim()))}
                loading={busy}
                onClick={() => decide('reject')}
              >
                确认驳回
              </Button>
              <Button className='hr-button' onClick={() => setMode('none')}>
                取消
              </Button>
            </View>
          )}
          {mode === 'return' && (
            <View>
              <Text className='hr-card__title'>需要员工修改的内容</Text>
              <Textarea
                className='hr-textarea decision-note'
                placeholder='例如：请重新上传当天的健康码截图'
                maxlength={300}
                value={note}
                onInput={(e) => setNote(e.detail.value)}
              />
              <Button
                className='hr-button hr-button--primary confirm-return'
                disabled={on(busy || !note.trim())}
                loading={busy}
                onClick={() => decide('return')}
              >
                退回给员工
              </Button>
              <Button className='hr-button' onClick={() => setMode('none')}>
                取消
              </Button>
            </View>
          )}
        </View>
      )}

      {d.canRevoke && (
        <View className='hr-card revoke-panel'>
          {mode !== 'revoke' ? (
            <Button
              className='hr-button hr-button--danger revoke-button'
              onClick={() => {
                setNote('')
                setMode('revoke')
              }}
            >
              撤销
            </Button>
          ) : (
            <View>
              <Text className='hr-card__title'>撤销原因</Text>
              <Text className='hr-line hr-muted'>
                撤销后这一天恢复为漏打卡，员工会收到通知（只含所选原因）
              </Text>
              <View className='hr-chips'>
                {(Object.keys(REVOKE_REASONS) as RevokeReasonCode[]).map((code) => (
                  <Text
                    key={code}
                    className={`hr-chip revoke-reason revoke-reason--${code} ${revokeReason === code ? 'hr-chip--on' : ''}`}
                    onClick={() => setRevokeReason(code)}
                  >
                    {REVOKE_REASONS[code]}
                  </Text>
                ))}
              </View>
              <Textarea
                className='hr-textarea revoke-note'
                placeholder={
                  revokeReason === 'other'
                    ? '请简要说明（必填，勿填健康信息）'
                    : '补充说明（选填，勿填健康信息）'
                }
                maxlength={100}
                value={note}
                onInput={(e) => setNote(e.detail.value)}
              />
              <Button
                className='hr-button hr-button--danger confirm-revoke'
                disabled={on(busy || !revokeReason || (revokeReason === 'other' && !note.trim()))}
                loading={busy}
                onClick={revoke}
              >
                确认撤销
              </Button>
              <Button className='hr-button' onClick={() => setMode('none')}>
                取消
              </Button>
            </View>
          )}
        </View>
      )}
    </View>
  )
}
