import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SpecialRequestView } from '@core/makeup'
import { call } from '@/cloud'
import { randomId } from '@/cloud/ids'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { Button, TextArea } from '@/kit'

const SPECIAL_LABEL: Record<SpecialRequestView['status'], string> = {
  pending: '特殊情况申请已提交，等待 HR 处理',
  granted: 'HR 已特批，可在截止前补卡',
  denied: '特殊情况申请未通过',
}

/** Past the window ("超时"): ask HR to open this one day. Shows the request's state once there is one. */
export default function SpecialRequest({
  day,
  existing,
  onSent,
}: {
  day: string
  existing?: SpecialRequestView
  onSent: (s: SpecialRequestView) => void
}) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [requestId] = useState(randomId)

  if (existing)
    return <Text className={`special special--${existing.status}`}>{SPECIAL_LABEL[existing.status]}</Text>
  if (!open) {
    return (
      <Text className='special special__open' onClick={() => setOpen(true)}>
        申请特殊处理 ›
      </Text>
    )
  }
  const send = async () => {
    if (!reason.trim()) return setRefused({ code: 'FIELD_REQUIRED', message: '请填写申请原因' })
    setBusy(true)
    const res = await call('makeup', 'special', {
      day,
      reason: reason.trim(),
      evidence: [],
      clientRequestId: requestId,
    })
    setBusy(false)
    if (!res.ok) return setRefused(res)
    onSent(res.data)
  }
  return (
    <View className='special__form'>
      <TextArea
        className='special-reason'
        placeholder='请说明未能按时补卡的原因，HR 会据此决定是否特批'
        maxLength={200}
        value={reason}
        onChange={(v: string) => setReason(v)}
      />
      {refused && <RefusalNotice refusal={refused} />}
      <Button
        className='special-submit'
        type='primary'
        size='small'
        loading={busy}
        disabled={busy}
        onClick={send}
      >
        提交给 HR
      </Button>
    </View>
  )
}
