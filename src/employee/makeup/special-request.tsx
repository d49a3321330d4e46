import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SpecialRequestView } from '@core/makeup'
import type { MemberView } from '@core/checkin'
import { EVIDENCE_LABEL, SPECIAL_EVIDENCE_MAX } from '@core/policy'
import { call } from '@/cloud'
import { randomId } from '@/cloud/ids'
import PrivacyGate from '@/components/privacy/gate'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { Button, TextArea, Uploader } from '@/kit'
import { useUploads } from '../use-uploads'

const SPECIAL_LABEL: Record<SpecialRequestView['status'], string> = {
  pending: '特殊情况申请已提交，等待 HR 处理',
  granted: 'HR 已特批，可在截止前补卡',
  denied: '特殊情况申请未通过',
}

/** Past the window ("超时"): ask HR to open this one day. Shows the request's state once there is one. */
export default function SpecialRequest({
  day,
  member,
  maxBytes,
  existing,
  onSent,
}: {
  day: string
  /** the uploads go to the member's own folder */
  member: MemberView | null
  /** the policy's size limit of one picture */
  maxBytes: number
  existing?: SpecialRequestView
  onSent: (s: SpecialRequestView) => void
}) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [requestId] = useState(randomId)
  // screenshots of the failure (the app's error, no network): optional, images only
  const shots = useUploads(member, setRefused)

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
    // the button waits for the uploads; a tap in the same frame must not send a partial list
    if (shots.uploading) return
    setBusy(true)
    setRefused(null)
    const res = await call('makeup', 'special', {
      day,
      reason: reason.trim(),
      evidence: shots.fileIDs,
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
      <Text className='special__evidence-label'>
        {EVIDENCE_LABEL.failureScreenshot}（选填，最多 {SPECIAL_EVIDENCE_MAX} 张，每张不超过{' '}
        {Math.round(maxBytes / 1024 / 102.4) / 10} MB）
      </Text>
      <PrivacyGate>
        <Uploader
          className='special-evidence'
          maxCount={SPECIAL_EVIDENCE_MAX}
          maxFileSize={maxBytes}
          onOversize={() => setRefused({ code: 'ATTACHMENT_INVALID', message: '图片太大，请重新选择' })}
          // WeChat compresses the picked photo before we upload it
          sizeType={['compressed']}
          mediaType={['image']}
          accept='image/jpeg,image/png'
          value={shots.files}
          onChange={shots.setFiles}
          upload={shots.upload}
          uploadLabel='上传截图'
        />
      </PrivacyGate>
      {refused && <RefusalNotice refusal={refused} />}
      <Button
        className='special-submit'
        type='primary'
        size='small'
        loading={busy}
        disabled={busy || shots.uploading}
        onClick={send}
      >
        提交给 HR
      </Button>
    </View>
  )
}
