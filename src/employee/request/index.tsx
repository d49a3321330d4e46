import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { MAKEUP_REASONS, type MakeupRequestDetail, type TimelineEntry } from '@core/makeup'
import { call } from '@/cloud'
import { reportSummary } from '@/components/report-form/summary'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import ApprovalChain from '@/components/approval-chain'
import { dayWithWeekday, shanghaiTime, STATUS_LABEL, STATUS_TAG } from '../labels'
import { Button, Tag } from '@/kit'
import './index.css'

const ACTION_LABEL: Record<TimelineEntry['action'], string> = {
  submit: '提交申请',
  autoApprove: '自动通过',
  approve: '审核通过',
  reject: '审核驳回',
  return: '退回修改',
  withdraw: '撤回申请',
  resubmit: '修改后重新提交',
  revoke: 'HR 撤销',
  advance: '本步通过，进入下一步',
  transfer: '转交他人审批',
  addSigner: '加签',
}
/** changes of who decides: their `reason` is how (a code), shown by the chain above */
const CHAIN_ACTIONS: TimelineEntry['action'][] = ['transfer', 'addSigner']
const ACTOR_LABEL: Record<TimelineEntry['actor']['kind'], string> = {
  member: '本人',
  reviewer: '审核人',
  system: '系统',
}
const HEALTH = { well: '健康', unwell: '身体不适' }

export default function RequestDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [detail, setDetail] = useState<MakeupRequestDetail | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [busy, setBusy] = useState(false)

  const load = async () => {
    const res = await call('makeup', 'detail', { id })
    if (!res.ok) return setRefused(res)
    setDetail(res.data)
  }

  useDidShow(() => {
    load()
  })

  const withdraw = async () => {
    setRefused(null)
    setBusy(true)
    const res = await call('makeup', 'withdraw', { id })
    setBusy(false)
    if (!res.ok) return setRefused(res)
    load()
  }

  if (!detail) return <View className='detail'>{refused && <RefusalNotice refusal={refused} />}</View>
  const r = detail.report
  const previews = detail.previews.flatMap((p) => (p.url ? [p.url] : []))
  return (
    <View className='detail'>
      <View className='detail__card'>
        <View className='detail__head'>
          <Text className='detail__day'>{dayWithWeekday(detail.day)}</Text>
          <Tag type={STATUS_TAG[detail.status]} className='request-status'>
            {STATUS_LABEL[detail.status]}
          </Tag>
        </View>
        <Text className='detail__line'>
          {[HEALTH[r.status], reportSummary(r)].filter(Boolean).join(' · ')}
        </Text>
        <Text className='detail__line'>
          原因：{MAKEUP_REASONS[detail.reasonKind]} · {detail.reason}
        </Text>
        {detail.decisionNote && (
          <Text className='detail__line detail__note'>审核意见：{detail.decisionNote}</Text>
        )}
        {detail.revocation && (
          <Text className='detail__line detail__note revocation-reason'>
            撤销原因：{detail.revocation.label}
            {detail.revocation.note ? ` · ${detail.revocation.note}` : ''}（
            {shanghaiTime(detail.revocation.at)}）
          </Text>
        )}
        {previews.length > 0 && (
          <View className='detail__photos'>
            {previews.map((url) => (
              <Image
                key={url}
                className='detail__photo'
                src={url}
                mode='aspectFill'
                onClick={() => Taro.previewImage({ urls: previews, current: url })}
              />
            ))}
          </View>
        )}
      </View>

      {detail.chain && (detail.chain.steps.length > 1 || detail.chain.cc.length > 0) && (
        <>
          <Text className='detail__section'>审批流程</Text>
          <View className='detail__card'>
            <ApprovalChain chain={detail.chain} />
          </View>
        </>
      )}

      <Text className='detail__section'>处理记录</Text>
      <View className='detail__card timeline'>
        {detail.timeline.map((t, i) => (
          <View key={`${t.at}-${i}`} className='timeline__item'>
            <View className='timeline__dot' />
            <View className='timeline__body'>
              <Text className='timeline__title'>
                {ACTION_LABEL[t.action]} · {ACTOR_LABEL[t.actor.kind]}
              </Text>
              <Text className='timeline__time'>{shanghaiTime(t.at)}</Text>
              {t.reason && !CHAIN_ACTIONS.includes(t.action) && (
                <Text className='timeline__reason'>{t.reason}</Text>
              )}
            </View>
          </View>
        ))}
      </View>

      {refused && <RefusalNotice refusal={refused} />}
      <View className='detail__actions'>
        {detail.status === 'pending' && (
          <Button
            className='withdraw-button'
            block
            fill='outline'
            loading={busy}
            disabled={busy}
            onClick={withdraw}
          >
            撤回申请
          </Button>
        )}
        {detail.status === 'returned' && (
          <Button
            className='resubmit-button'
            type='primary'
            block
            onClick={() => Taro.navigateTo({ url: `/employee/makeup/index?resubmit=${detail.id}` })}
          >
            修改后重新提交
          </Button>
        )}
      </View>
    </View>
  )
}
