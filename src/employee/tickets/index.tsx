import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { MemberView } from '@core/checkin'
import {
  TICKET_CATEGORIES,
  TICKET_CATEGORY_LABELS,
  TICKET_STATUS_LABELS,
  TICKET_TEXT_MAX,
  type TicketCategory,
  type TicketView,
} from '@core/help'
import { call } from '@/cloud'
import { randomId } from '@/cloud/ids'
import PrivacyGate from '@/components/privacy/gate'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { Button, Tag, TextArea, Uploader } from '@/kit'
import { shanghaiTime } from '../labels'
import { useUploads } from '../use-uploads'
import './index.css'

const LABELS = TICKET_CATEGORIES.map((c) => TICKET_CATEGORY_LABELS[c])
const MAX_BYTES = 5 * 1024 * 1024

// My help tickets and a new one: category, what happened, up to 3 screenshots.
export default function Tickets() {
  const [member, setMember] = useState<MemberView | null>(null)
  const [list, setList] = useState<TicketView[] | null>(null)
  const [category, setCategory] = useState<TicketCategory | null>(null)
  const [text, setText] = useState('')
  const [hint, setHint] = useState('')
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<Refused | null>(null)
  // one id per ticket being written: a retried tap returns the same ticket
  const [requestId, setRequestId] = useState(randomId)
  const shots = useUploads(member, setRefused)

  useDidShow(async () => {
    const [me, mine] = await Promise.all([call('checkin', 'me', {}), call('help', 'mine', {})])
    if (me.ok) setMember(me.data.member)
    if (!mine.ok) return setRefused(mine)
    setList(mine.data)
  })

  const submit = async () => {
    if (!category) return setHint('请选择问题类型')
    if (!text.trim()) return setHint('请描述遇到的问题')
    if (shots.uploading) return setHint('图片上传中，请稍候再提交')
    setHint('')
    setRefused(null)
    setBusy(true)
    const res = await call('help', 'open', {
      category,
      text: text.trim(),
      screenshots: shots.fileIDs,
      clientRequestId: requestId,
    })
    setBusy(false)
    if (!res.ok) return setRefused(res)
    setList((l) => [res.data, ...(l ?? []).filter((t) => t.id !== res.data.id)])
    setCategory(null)
    setText('')
    shots.reset()
    setRequestId(randomId())
    setHint('工单已提交，HR 回复后会通知您')
  }

  return (
    <View className='tickets'>
      <View className='tickets__card'>
        <Text className='tickets__title'>提交工单</Text>
        <Picker
          className='ticket-category'
          mode='selector'
          range={LABELS}
          onChange={(e) => setCategory(TICKET_CATEGORIES[Number(e.detail.value)])}
        >
          <View className='tickets__picker category-picker'>
            {category ? TICKET_CATEGORY_LABELS[category] : '选择问题类型 ›'}
          </View>
        </Picker>
        <TextArea
          className='ticket-text'
          placeholder='请描述遇到的问题，例如哪一天、在哪一步、看到了什么提示'
          maxLength={TICKET_TEXT_MAX}
          showCount
          value={text}
          onChange={(v: string) => setText(v)}
        />
        {/* choosing images is a privacy API: only after the privacy guide is agreed */}
        <PrivacyGate>
          <Uploader
            // weapp: NutUI's chooseMedia offers videos too unless told (accept is H5 only)
            mediaType={['image']}
            maxCount={3}
            maxFileSize={MAX_BYTES}
            onOversize={() => setHint('图片不能超过 5 MB，请重新选择')}
            sizeType={['compressed']}
            accept='image/*'
            value={shots.files}
            onChange={shots.setFiles}
            upload={shots.upload}
            uploadLabel='上传截图'
          />
        </PrivacyGate>
        {hint && <Text className='tickets__hint'>{hint}</Text>}
        {refused && <RefusalNotice refusal={refused} />}
        <Button
          className='submit-ticket'
          type='primary'
          block
          loading={busy}
          disabled={busy}
          onClick={submit}
        >
          提交
        </Button>
      </View>

      <Text className='tickets__title'>我的工单</Text>
      {list?.length === 0 && <Text className='tickets__empty'>还没有工单</Text>}
      {list?.map((t) => (
        <View
          key={t.id}
          className='tickets__card ticket'
          onClick={() => Taro.navigateTo({ url: `/employee/tickets/detail/index?id=${t.id}` })}
        >
          <View className='tickets__head'>
            <Text className='tickets__category'>{TICKET_CATEGORY_LABELS[t.category]}</Text>
            <Tag type={t.status === 'answered' ? 'success' : 'default'} className='ticket-status'>
              {TICKET_STATUS_LABELS[t.status]}
            </Tag>
          </View>
          <Text className='tickets__line'>{t.text}</Text>
          <Text className='tickets__meta'>
            {shanghaiTime(t.createdAt)} · 回复 {t.replyCount} 条
          </Text>
        </View>
      ))}
    </View>
  )
}
