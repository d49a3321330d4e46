import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { MAKEUP_REASONS, type MakeupRequestView } from '@core/makeup'
import { call } from '@/cloud'
import { reportSummary } from '@/components/report-form/summary'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { dayWithWeekday, shanghaiTime, STATUS_LABEL, STATUS_TAG } from '../labels'
import { Button, Tag } from '@/kit'
import './index.css'

export default function Requests() {
  const [list, setList] = useState<MakeupRequestView[] | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [busyId, setBusyId] = useState<string | null>(null)

  const load = async () => {
    const res = await call('makeup', 'list', {})
    if (!res.ok) return setRefused(res)
    setList(res.data)
  }

  useDidShow(() => {
    load()
  })

  const withdraw = async (id: string) => {
    setRefused(null)
    setBusyId(id)
    const res = await call('makeup', 'withdraw', { id })
    setBusyId(null)
    if (!res.ok) return setRefused(res)
    setList((l) => l?.map((r) => (r.id === id ? res.data : r)) ?? null)
  }

  return (
    <View className='requests'>
      {refused && <RefusalNotice refusal={refused} />}
      {list?.length === 0 && <Text className='requests__empty'>还没有补卡申请</Text>}
      {list?.map((r) => (
        <View
          key={r.id}
          className={`requests__item request request--${r.status}`}
          data-id={r.id}
          onClick={() => Taro.navigateTo({ url: `/employee/request/index?id=${r.id}` })}
        >
          <View className='requests__head'>
            <Text className='requests__day'>{dayWithWeekday(r.day)}</Text>
            <Tag type={STATUS_TAG[r.status]} className='request-status'>
              {STATUS_LABEL[r.status]}
            </Tag>
          </View>
          <Text className='requests__line'>
            原因：{MAKEUP_REASONS[r.reasonKind]} · {r.reason}
          </Text>
          <Text className='requests__line'>
            {[reportSummary(r.report), `附件 ${r.attachments.length} 个`].filter(Boolean).join(' · ')}
          </Text>
          <Text className='requests__line requests__meta'>提交于 {shanghaiTime(r.submittedAt)}</Text>
          {r.decisionNote && <Text className='requests__line'>审核意见：{r.decisionNote}</Text>}
          {r.status === 'pending' && (
            <View className='requests__actions'>
              <Button
                className='withdraw-button'
                size='small'
                fill='outline'
                loading={busyId === r.id}
                disabled={busyId !== null}
                onClick={(e) => {
                  e.stopPropagation()
                  withdraw(r.id)
                }}
              >
                撤回
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
