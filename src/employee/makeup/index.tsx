import { Label, Radio, RadioGroup, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { type AttachmentKind, EVIDENCE_LABEL } from '@core/policy'
import {
  failuresOn,
  MAKEUP_REASON_KINDS,
  MAKEUP_REASONS,
  type MakeupReasonKind,
  type MakeupRequestView,
  type SpecialRequestView,
} from '@core/makeup'
import type { MemberView } from '@core/checkin'
import type { OutputOf } from '@core/api'
import { call, uploadFile } from '@/cloud'
import { memberFilePath, randomId } from '@/cloud/ids'
import { askToNotify, templatesToAsk } from '@/cloud/subscribe'
import PrivacyGate from '@/components/privacy/gate'
import NextStepButton from '@/components/next-step'
import RefusalNotice, { explain, type Refused } from '@/components/refusal-notice'
import ReportForm, { draftOf, emptyDraft, toReport, type ReportDraft } from '@/components/report-form'
import { clearDraft, loadDraft, type CheckinDraft } from '@/offline/checkin-draft'
import { clearMakeupDraft, loadMakeupDraft, saveMakeupDraft } from '@/offline/makeup-draft'
import { onReconnect, watchOnline } from '@/offline/network'
import { dayWithWeekday, shanghaiTime, shortDeadline, STATUS_LABEL } from '../labels'
import { Button, TextArea, Uploader } from '@/kit'
import { pickFile } from '@/components/pick-file'
import { useUploads } from '../use-uploads'
import SpecialRequest from './special-request'
import './index.css'

/** '5 MB' */
const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
type Slots = OutputOf<'makeup', 'slots'>

const QUIET_CODES = ['DAY_ALREADY_CHECKED', 'DAY_NOT_REQUIRED']
// reasons shared by every day (the member's enablement, client, region checks): said once, above the days
const GATE_CODES = [
  'MAKEUP_NOT_ENABLED',
  'CLIENT_TOO_OLD',
  'IDENTITY_BINDING_REQUIRED',
  'EXTRA_VERIFICATION_REQUIRED',
]
// refusals that special handling by HR can overcome
const SPECIAL_CODES = ['MAKEUP_WINDOW_PASSED', 'MAKEUP_CUTOFF_PASSED']

const KINDS: [AttachmentKind, string][] = [
  ['healthCode', EVIDENCE_LABEL.healthCode],
  ['testReport', EVIDENCE_LABEL.testReport],
]

export default function Makeup() {
  const [member, setMember] = useState<MemberView | null>(null)
  const [slots, setSlots] = useState<Slots | null>(null)
  const [day, setDay] = useState<string | null>(null)
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft())
  const [reason, setReason] = useState('')
  const [reasonKind, setReasonKind] = useState<MakeupReasonKind>('forgot')
  const [kind, setKind] = useState<AttachmentKind>('healthCode')
  // fileID of each uploaded pick, keyed by the picked file NutUI keeps in its list item
  const [hint, setHint] = useState('')
  const [refused, setRefused] = useState<Refused | null>(null)
  // photos picked now, uploaded as they are chosen
  const photos = useUploads(member, setRefused)
  const [busy, setBusy] = useState(false)
  const [submitted, setSubmitted] = useState<MakeupRequestView | null>(null)
  const [requestId, setRequestId] = useState(randomId)
  // the member changed something: from then on the form is kept on the device until it is sent
  const [dirty, setDirty] = useState(false)
  // when the form was restored from a draft saved on the device
  const [restoredAt, setRestoredAt] = useState<string | null>(null)
  // the day of the report the form was prefilled from
  const [prefilledFrom, setPrefilledFrom] = useState<string | null>(null)

  // a daily check-in the network swallowed: its day, report and recorded failures carry over as evidence
  const [fromDraft, setFromDraft] = useState<CheckinDraft | null>(null)
  // a returned request being corrected: its day is fixed and its attachments are kept unless cleared
  const [returned, setReturned] = useState<MakeupRequestView | null>(null)
  const [kept, setKept] = useState<string[]>([])
  // test reports picked as PDF (from a WeChat chat, or the browser's file chooser), already uploaded
  const [pdfs, setPdfs] = useState<{ name: string; fileID: string }[]>([])
  const [specials, setSpecials] = useState<SpecialRequestView[]>([])
  // subscribe-message templates to offer when the user taps submit (the decision notice)
  const [askIds, setAskIds] = useState<string[]>([])
  // whether the device is online: a restored form is offered for sending (one tap) once it is
  const [online, setOnline] = useState(true)
  useEffect(() => watchOnline(setOnline), [])
  // one send at a time, whichever button was tapped (two taps in one frame both see busy as false)
  const sending = useRef(false)

  const load = async (options: Record<string, string | undefined>) => {
    const [me, s, sp] = await Promise.all([
      call('checkin', 'me', {}),
      call('makeup', 'slots', { clientVersion: APP_VERSION }),
      call('makeup', 'specials', {}),
    ])
    if (!me.ok) return setRefused(me)
    if (!s.ok) return setRefused(s)
    setMember(me.data.member)
    setSlots(s.data)
    setSpecials(sp.ok ? sp.data : [])
    templatesToAsk().then(setAskIds)
    // "one-click": start from the latest report; the member only changes what differs
    const last = s.data.lastReport
    setDraft(last ? draftOf(last.report) : emptyDraft(me.data.member?.region ?? ''))
    setPrefilledFrom(last?.day ?? null)
    if (options.resubmit) return loadReturned(options.resubmit)
    const d = loadDraft()
    const carried = options.fromDraft && d && d.day === options.day ? d : null
    setFromDraft(carried)
    if (carried) {
      setPrefilledFrom(null)
      setDraft(draftOf(carried.report))
      setReason('当天网络故障，打卡未能提交（已附失败记录）')
      setReasonKind('network')
    }
    setDay(s.data.slots.find((x) => x.day === options.day)?.day ?? s.data.slots[0]?.day ?? null)
    if (!carried) restoreSaved(s.data)
  }

  /** A form left unsent last time, while its day can still be made up (else it has gone through or expired). */
  const restoreSaved = (s: Slots) => {
    const saved = loadMakeupDraft()
    if (!saved) return
    if (!s.slots.some((x) => x.day === saved.day)) return clearMakeupDraft()
    setDay(saved.day)
    setDraft(saved.report)
    setPrefilledFrom(null)
    setReason(saved.reason)
    setReasonKind(saved.reasonKind ?? 'forgot')
    setKind(saved.kind)
    setKept(saved.attachments)
    setPdfs(saved.pdfs)
    setRequestId(saved.clientRequestId)
    setRestoredAt(saved.savedAt)
    setDirty(true)
  }

  const discardSaved = () => {
    clearMakeupDraft()
    setRestoredAt(null)
    setDirty(false)
    setReason('')
    setReasonKind('forgot')
    setKept([])
    setPdfs([])
    photos.reset()
    setRequestId(randomId())
    const last = slots?.lastReport
    setDraft(last ? draftOf(last.report) : emptyDraft(member?.region ?? ''))
    setPrefilledFrom(last?.day ?? null)
  }

  const loadReturned = async (id: string) => {
    const res = await call('makeup', 'detail', { id })
    if (!res.ok) return setRefused(res)
    setReturned(res.data)
    setDay(res.data.day)
    setPrefilledFrom(null)
    setDraft(draftOf(res.data.report))
    setReason(res.data.reason)
    setReasonKind(res.data.reasonKind)
    setKept(res.data.attachments)
    if (res.data.attachmentKind) setKind(res.data.attachmentKind)
  }

  const opened = useRef<Record<string, string | undefined>>({})
  useLoad((options: Record<string, string | undefined>) => {
    opened.current = options
    load(options)
  })
  // a page opened without network loads once it is back (and then offers a restored form for sending)
  const loadAgain = useRef<() => void>(() => undefined)
  loadAgain.current = () => {
    if (slots || submitted) return
    setRefused(null)
    load(opened.current)
  }
  useEffect(() => onReconnect(() => loadAgain.current()), [])

  // days that need nothing (already recorded, rest days) would only bury the ones that matter
  const blocked = slots?.blocked.filter((b) => !QUIET_CODES.includes(b.code)) ?? []
  const gate = blocked.find((b) => GATE_CODES.includes(b.code))?.code
  // uploaded pictures (kept from before, or picked now), then the PDFs
  const images = [...kept, ...photos.fileIDs]
  const attachments = [...images, ...pdfs.map((p) => p.fileID)]
  // the uploader follows the policy of the member's region (the function checks it again)
  const limits = slots?.attachments ?? {
    maxCount: 3,
    maxBytes: 5 * 1024 * 1024,
    types: ['jpg', 'png'],
    rule: 'none',
  }
  const room = Math.max(0, limits.maxCount - kept.length - pdfs.length)
  const imageTypes = limits.types.filter((t) => t !== 'pdf')
  // an edit by the member (not a prefill): it marks the form as worth keeping
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setDirty(true)
      set(v)
    }

  // the failures the app recorded speak only for the day they happened on (the function checks it too)
  const evidence = fromDraft && day === fromDraft.day ? failuresOn(fromDraft.day, fromDraft.failures) : []

  // keep what the member entered on the device while the page is open; a returned request lives on the server
  const snapshot = JSON.stringify({ day, draft, reason, reasonKind, kind, images, pdfs, requestId })
  useEffect(() => {
    if (!dirty || returned || submitted || fromDraft || !day) return
    saveMakeupDraft({
      day,
      report: draft,
      reason,
      reasonKind,
      kind,
      attachments: images,
      pdfs,
      clientRequestId: requestId,
    })
    // snapshot stands for every field saved
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [snapshot, dirty, returned, submitted, fromDraft])

  const addPdf = async () => {
    if (!member) return
    const f = await pickFile(['pdf'])
    if (!f) return
    if (f.size > limits.maxBytes) return setHint(`文件不能超过 ${megabytes(limits.maxBytes)}，请重新选择`)
    setHint('')
    const res = await uploadFile(f.file, memberFilePath(member.companyId, member.memberId, f.name))
    if (!res.ok) return setRefused(res)
    setPdfs((l) => [...l, { name: f.name, fileID: res.data }])
    setKind('testReport')
    setDirty(true)
  }

  const submit = async () => {
    const report = toReport(draft, member?.reportFields)
    if (!day) return setHint('请选择要补卡的日期')
    if (typeof report === 'string') return setHint(report)
    if (!reason.trim()) return setHint('请填写补卡原因')
    if (photos.uploading) return setHint('图片上传中，请稍候再提交')
    if (sending.current) return
    sending.current = true
    // WeChat shows the subscribe prompt only from a tap, before anything is awaited; the answer is not waited for
    askToNotify(askIds)
    setHint('')
    setRefused(null)
    setBusy(true)
    const content = {
      report,
      reason: reason.trim(),
      reasonKind,
      attachments,
      ...(attachments.length ? { attachmentKind: kind } : {}),
      clientVersion: APP_VERSION,
    }
    const res = returned
      ? await call('makeup', 'resubmit', { id: returned.id, ...content })
      : await call('makeup', 'submit', {
          day,
          ...content,
          ...(evidence.length ? { failures: evidence } : {}),
          clientRequestId: requestId,
        })
    sending.current = false
    setBusy(false)
    if (!res.ok) return setRefused(res)
    // the check-in draft is done with once its own day has been sent
    if (fromDraft && day === fromDraft.day) clearDraft()
    clearMakeupDraft()
    setSubmitted(res.data)
  }

  if (submitted) {
    return (
      <View className='makeup'>
        <View className='makeup__done'>
          <Text className='makeup__done-title'>{returned ? '已重新提交' : '补卡申请已提交'}</Text>
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
              {q.cap < 0 ? (
                // no cap in the policy: the function sends -1
                <>
                  {q.cycle} 次数<Text className='makeup__quota-num'>不限</Text>（已用 {q.used} 次）
                </>
              ) : (
                <>
                  {q.cycle} 剩余 <Text className='makeup__quota-num'>{q.remaining}</Text> / {q.cap} 次
                </>
              )}
            </Text>
          ))}
        </View>
      )}

      {returned ? (
        <View className='makeup__section'>
          <Text className='makeup__section-title'>修改后重新提交</Text>
          <View className='makeup__slot makeup__slot--on'>
            <Text className='makeup__slot-day'>{dayWithWeekday(returned.day)}</Text>
            {returned.decisionNote && (
              <Text className='makeup__slot-reason'>退回原因：{returned.decisionNote}</Text>
            )}
          </View>
        </View>
      ) : (
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
              <View className='makeup__slot-main'>
                <Text className='makeup__slot-day'>{dayWithWeekday(s.day)}</Text>
                {s.granted && <Text className='makeup__badge'>HR 特批</Text>}
                {s.charged === false && <Text className='makeup__badge'>不占次数</Text>}
              </View>
              <Text className='makeup__slot-deadline'>截止 {shortDeadline(s.deadline)}</Text>
            </View>
          ))}
          {gate && <RefusalNotice refusal={{ code: gate }} />}
          {blocked.length > 0 && <Text className='makeup__section-title'>不能补卡的日期</Text>}
          {blocked.map((b) => (
            <View
              key={b.day}
              className='makeup__slot makeup__slot--blocked blocked'
              data-day={b.day}
              data-code={b.code}
            >
              <View className='makeup__slot-main'>
                <Text className='makeup__slot-day'>{dayWithWeekday(b.day)}</Text>
                <Text className='makeup__slot-reason'>{explain({ code: b.code }).message}</Text>
              </View>
              {!GATE_CODES.includes(b.code) && !SPECIAL_CODES.includes(b.code) && (
                <>
                  <Text className='makeup__slot-next'>{explain({ code: b.code }).next}</Text>
                  <NextStepButton code={b.code} />
                </>
              )}
              {SPECIAL_CODES.includes(b.code) && (
                <SpecialRequest
                  day={b.day}
                  member={member}
                  maxBytes={limits.maxBytes}
                  existing={specials.find((x) => x.day === b.day)}
                  onSent={(x) => setSpecials((l) => [...l, x])}
                />
              )}
            </View>
          ))}
        </View>
      )}

      {(returned || (slots && slots.slots.length > 0)) && (
        <View className='makeup__section'>
          {restoredAt && (
            <View className='makeup__restored restored-draft'>
              <Text>已恢复未提交的内容（{shanghaiTime(restoredAt).slice(5)} 保存）</Text>
              {online ? (
                // the same client request id as before: sending again can never make a second request
                <Text className='makeup__send-draft send-draft' onClick={busy ? undefined : submit}>
                  {busy ? '发送中…' : '发送'}
                </Text>
              ) : (
                <Text className='makeup__draft-offline draft-offline'>网络恢复后可一键发送</Text>
              )}
              <Text className='makeup__kept-clear discard-draft' onClick={discardSaved}>
                丢弃
              </Text>
            </View>
          )}
          <Text className='makeup__section-title'>当天的健康信息</Text>
          {prefilledFrom && (
            <Text className='makeup__prefill prefilled'>
              已按 {dayWithWeekday(prefilledFrom)} 的记录预填，如有不同请修改
            </Text>
          )}
          <ReportForm value={draft} onChange={edit(setDraft)} disabled={busy} fields={member?.reportFields} />
          {evidence.length > 0 && (
            <View className='makeup__evidence failures'>
              <Text className='makeup__evidence-title'>已自动附上网络失败记录：</Text>
              {evidence.map((f) => (
                <Text key={f.at} className='makeup__evidence-item'>
                  {shanghaiTime(f.at)} · {explain({ code: f.error }).message}
                </Text>
              ))}
            </View>
          )}
          {fromDraft && day !== fromDraft.day && (
            <Text className='makeup__evidence-item failures-elsewhere'>
              网络失败记录属于 {dayWithWeekday(fromDraft.day)}，只随该日的补卡提交
            </Text>
          )}
          <Text className='makeup__section-title'>补卡原因</Text>
          <View className='makeup__card'>
            <RadioGroup
              name='reasonKind'
              className='makeup__kinds reason-kinds'
              onChange={(e) => edit(setReasonKind)(e.detail.value as MakeupReasonKind)}
            >
              {MAKEUP_REASON_KINDS.map((k) => (
                <Label key={k} className={`makeup__kind reason-kind--${k}`}>
                  <Radio value={k} checked={reasonKind === k} color='#16a34a' />
                  {MAKEUP_REASONS[k]}
                </Label>
              ))}
            </RadioGroup>
            <TextArea
              className='reason-input'
              placeholder='如：当天网络故障未能提交'
              maxLength={200}
              showCount
              value={reason}
              onChange={edit(setReason)}
            />
          </View>
          <Text className='makeup__section-title'>证明材料</Text>
          <View className='makeup__card'>
            <RadioGroup
              name='attachmentKind'
              className='makeup__kinds'
              onChange={(e) => edit(setKind)(e.detail.value as AttachmentKind)}
            >
              {KINDS.map(([v, label]) => (
                <Label key={v} className='makeup__kind'>
                  <Radio value={v} checked={kind === v} color='#16a34a' />
                  {label}
                </Label>
              ))}
            </RadioGroup>
            {kept.length > 0 && (
              <View className='makeup__kept'>
                <Text>
                  {returned ? '已保留原附件' : '已上传的附件'} {kept.length} 个
                </Text>
                <Text className='makeup__kept-clear' onClick={() => edit(setKept)([])}>
                  清除
                </Text>
              </View>
            )}
            {/* choosing images is a privacy API: only after the privacy guide is agreed */}
            <PrivacyGate>
              <Text className='makeup__limits attachment-limits'>
                最多 {limits.maxCount} 个，每个不超过 {megabytes(limits.maxBytes)}，格式：
                {limits.types.map((t) => t.toUpperCase()).join('、')}
              </Text>
              {imageTypes.length > 0 && (
                <Uploader
                  maxCount={Math.max(room + photos.files.length, photos.files.length)}
                  maxFileSize={limits.maxBytes}
                  onOversize={() => setHint(`图片不能超过 ${megabytes(limits.maxBytes)}，请重新选择`)}
                  // WeChat compresses the picked photo before we upload it
                  sizeType={['compressed']}
                  mediaType={['image']}
                  accept={imageTypes.map((t) => (t === 'jpg' ? 'image/jpeg' : 'image/png')).join(',')}
                  value={photos.files}
                  onChange={edit(photos.setFiles)}
                  upload={photos.upload}
                  uploadLabel='上传图片'
                />
              )}
              {limits.types.includes('pdf') && room > 0 && (
                <Text className='makeup__pdf pick-pdf' onClick={addPdf}>
                  {process.env.TARO_ENV === 'weapp'
                    ? '从聊天记录选择检测报告（PDF）›'
                    : '选择检测报告（PDF）›'}
                </Text>
              )}
            </PrivacyGate>
            {pdfs.map((p) => (
              <View key={p.fileID} className='makeup__kept pdf-item'>
                <Text>{p.name}</Text>
                <Text
                  className='makeup__kept-clear'
                  onClick={() => edit(setPdfs)(pdfs.filter((x) => x.fileID !== p.fileID))}
                >
                  移除
                </Text>
              </View>
            ))}
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
              {returned ? '重新提交' : '提交补卡申请'}
            </Button>
          </View>
        </View>
      )}
      {refused && !returned && !(slots && slots.slots.length > 0) && <RefusalNotice refusal={refused} />}
    </View>
  )
}
