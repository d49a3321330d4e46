import { Label, Radio, RadioGroup, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { AttachmentKind, MakeupRequestView, MemberView, SlotsView } from '@core/api'
import { call, uploadFile, type LocalFile } from '../../cloud'
import { memberFilePath, randomId } from '../../cloud/ids'
import RefusalNotice, { explain, type Refused } from '../../components/refusal-notice'
import ReportForm, { draftOf, emptyDraft, toReport, type ReportDraft } from '../../components/report-form'
import { clearDraft, loadDraft, type CheckinDraft } from '../../offline/checkin-draft'
import { dayWithWeekday, shanghaiTime, shortDeadline, STATUS_LABEL } from '../labels'
import { Button, TextArea, Uploader, type UploaderFileItem } from '../ui'
import './index.css'

/** What NutUI's Taro Uploader hands to `upload`: a chooseMedia temp file (with the File itself on H5). */
interface PickedFile {
  tempFilePath: string
  originalFileObj?: File
}

const KINDS: [AttachmentKind, string][] = [
  ['healthCode', '健康码截图'],
  ['testReport', '检测报告'],
]

export default function Makeup() {
  const [member, setMember] = useState<MemberView | null>(null)
  const [slots, setSlots] = useState<SlotsView | null>(null)
  const [day, setDay] = useState<string | null>(null)
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft())
  const [reason, setReason] = useState('')
  const [files, setFiles] = useState<UploaderFileItem[]>([])
  const [kind, setKind] = useState<AttachmentKind>('healthCode')
  // fileID of each uploaded pick, keyed by the picked file NutUI keeps in its list item
  const [fileIds, setFileIds] = useState<Map<unknown, string>>(new Map())
  const [hint, setHint] = useState('')
  const [refused, setRefused] = useState<Refused | null>(null)
  const [busy, setBusy] = useState(false)
  const [submitted, setSubmitted] = useState<MakeupRequestView | null>(null)
  const [requestId] = useState(randomId)

  // a daily check-in the network swallowed: its day, report and recorded failures carry over as evidence
  const [fromDraft, setFromDraft] = useState<CheckinDraft | null>(null)

  const load = async (wanted?: string) => {
    const [me, s] = await Promise.all([
      call('checkin', 'me', {}),
      call('makeup', 'slots', { clientVersion: APP_VERSION }),
    ])
    if (!me.ok) return setRefused(me)
    if (!s.ok) return setRefused(s)
    setMember(me.data.member)
    setSlots(s.data)
    const d = loadDraft()
    const carried = d && d.day === wanted ? d : null
    setFromDraft(carried)
    setDraft(carried ? draftOf(carried.report) : emptyDraft(me.data.member?.region ?? ''))
    if (carried) setReason('当天网络故障，打卡未能提交（已附失败记录）')
    setDay(s.data.slots.find((x) => x.day === wanted)?.day ?? s.data.slots[0]?.day ?? null)
  }

  useLoad((options: Record<string, string | undefined>) => {
    load(options.fromDraft ? options.day : undefined)
  })

  const upload = async (picked: PickedFile): Promise<UploaderFileItem> => {
    if (!member) throw new Error('member not loaded')
    const local: LocalFile = picked.originalFileObj ?? picked.tempFilePath
    const name = picked.originalFileObj?.name ?? picked.tempFilePath
    const res = await uploadFile(local, memberFilePath(member.companyId, member.memberId, name))
    if (!res.ok) {
      setRefused(res)
      throw new Error(res.code)
    }
    setFileIds((ids) => new Map(ids).set(picked, res.data))
    return { url: picked.tempFilePath }
  }

  const attachments = files.flatMap((f) => fileIds.get(f.file) ?? [])
  const uploading = files.some((f) => f.status === 'uploading')

  const submit = async () => {
    const report = toReport(draft)
    if (!day) return setHint('请选择要补卡的日期')
    if (typeof report === 'string') return setHint(report)
    if (!reason.trim()) return setHint('请填写补卡原因')
    if (uploading) return setHint('图片上传中，请稍候再提交')
    setHint('')
    setRefused(null)
    setBusy(true)
    const res = await call('makeup', 'submit', {
      day,
      report,
      reason: reason.trim(),
      attachments,
      ...(attachments.length ? { attachmentKind: kind } : {}),
      ...(fromDraft ? { failures: fromDraft.failures } : {}),
      clientRequestId: requestId,
      clientVersion: APP_VERSION,
    })
    setBusy(false)
    if (!res.ok) return setRefused(res)
    if (fromDraft) clearDraft()
    setSubmitted(res.data)
  }

  if (submitted) {
    return (
      <View className='makeup'>
        <View className='makeup__done'>
          <Text className='makeup__done-title'>补卡申请已提交</Text>
          <Text className='makeup__done-day'>{dayWithWeekday(submitted.day)}</Text>
          <Text className={`makeup__done-status status-${submitted.status}`}>
            {STATUS_LABEL[submitted.status]}
          </Text>
          <Button
            className='view-requests'
            type='primary'
            block
            onClick={() => Taro.redirectTo({ url: '/employee/requests/index' })}
          >
            查看我的申请
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='makeup'>
      {slots && (
        <View className='makeup__quota'>
          {slots.quota.map((q) => (
            <Text key={q.cycle} className='makeup__quota-item'>
              {q.cycle} 剩余 <Text className='makeup__quota-num'>{q.remaining}</Text> / {q.cap} 次
            </Text>
          ))}
        </View>
      )}

      <View className='makeup__section'>
        <Text className='makeup__section-title'>可补卡的日期</Text>
        {slots && slots.slots.length === 0 && <Text className='makeup__empty'>目前没有可以补卡的日期</Text>}
        {slots?.slots.map((s) => (
          <View
            key={s.day}
            className={`makeup__slot slot ${day === s.day ? 'makeup__slot--on' : ''}`}
            data-day={s.day}
            onClick={() => setDay(s.day)}
          >
            <Text className='makeup__slot-day'>{dayWithWeekday(s.day)}</Text>
            <Text className='makeup__slot-deadline'>截止 {shortDeadline(s.deadline)}</Text>
          </View>
        ))}
        {slots?.blocked.map((b) => (
          <View key={b.day} className='makeup__slot makeup__slot--blocked blocked' data-code={b.code}>
            <Text className='makeup__slot-day'>{dayWithWeekday(b.day)}</Text>
            <Text className='makeup__slot-reason'>{explain({ code: b.code }).message}</Text>
          </View>
        ))}
      </View>

      {slots && slots.slots.length > 0 && (
        <View className='makeup__section'>
          <Text className='makeup__section-title'>当天的健康信息</Text>
          <ReportForm value={draft} onChange={setDraft} disabled={busy} />
          {fromDraft && (
            <View className='makeup__evidence failures'>
              <Text className='makeup__evidence-title'>已自动附上网络失败记录：</Text>
              {fromDraft.failures.map((f) => (
                <Text key={f.at} className='makeup__evidence-item'>
                  {shanghaiTime(f.at)} · {explain({ code: f.error }).message}
                </Text>
              ))}
            </View>
          )}
          <Text className='makeup__section-title'>补卡原因</Text>
          <View className='makeup__card'>
            <TextArea
              className='reason-input'
              placeholder='如：当天网络故障未能提交'
              maxLength={200}
              showCount
              value={reason}
              onChange={(v: string) => setReason(v)}
            />
          </View>
          <Text className='makeup__section-title'>证明材料</Text>
          <View className='makeup__card'>
            <RadioGroup
              name='attachmentKind'
              className='makeup__kinds'
              onChange={(e) => setKind(e.detail.value as AttachmentKind)}
            >
              {KINDS.map(([v, label]) => (
                <Label key={v} className='makeup__kind'>
                  <Radio value={v} checked={kind === v} color='#16a34a' />
                  {label}
                </Label>
              ))}
            </RadioGroup>
            <Uploader
              maxCount={3}
              maxFileSize={5 * 1024 * 1024}
              accept='image/*'
              value={files}
              onChange={setFiles}
              upload={upload as unknown as (file: File) => Promise<UploaderFileItem>}
              uploadLabel='上传图片'
            />
          </View>
          {hint && <Text className='makeup__hint'>{hint}</Text>}
          {refused && <RefusalNotice refusal={refused} />}
          <View className='makeup__actions'>
            <Button
              className='submit-makeup'
              type='primary'
              block
              loading={busy}
              disabled={busy}
              onClick={submit}
            >
              提交补卡申请
            </Button>
          </View>
        </View>
      )}
      {refused && !(slots && slots.slots.length > 0) && <RefusalNotice refusal={refused} />}
    </View>
  )
}
