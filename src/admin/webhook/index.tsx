import { Button, Input, Switch, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { WebhookEvent, WebhookView } from '@core/admin'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { shortTime } from '../labels'
import '../admin.css'

const EVENTS: { value: WebhookEvent; label: string }[] = [
  { value: 'checkin.effective', label: '有效打卡（含补卡通过）' },
  { value: 'makeup.decided', label: '补卡审核结果' },
]

const STATUS = { pending: '等待重试', delivered: '已送达', failed: '已放弃' } as const

// Data sync to the enterprise system: a signed webhook (URL, secret, events) and its delivery log.
export default function Webhook() {
  const [view, setView] = useState<WebhookView | null>(null)
  const [form, setForm] = useState({ url: '', secret: '', events: [] as WebhookEvent[], enabled: false })
  const [refused, setRefused] = useState<Refused | null>(null)
  const [saved, setSaved] = useState(false)

  const show = (v: WebhookView) => {
    setView(v)
    setForm({ url: v.url, secret: '', events: v.events, enabled: v.enabled })
  }
  useDidShow(async () => {
    const res = await call('admin', 'webhook', {})
    if (!res.ok) return setRefused(res)
    show(res.data)
  })

  const save = async () => {
    setRefused(null)
    const { secret, ...rest } = form
    const res = await call('admin', 'saveWebhook', { ...rest, ...(secret ? { secret } : {}) })
    if (!res.ok) return setRefused(res)
    show(res.data)
    setSaved(true)
  }

  const toggle = (e: WebhookEvent) =>
    setForm({
      ...form,
      events: form.events.includes(e) ? form.events.filter((x) => x !== e) : [...form.events, e],
    })

  return (
    <View className='ad-page webhook-page'>
      <View className='ad-card'>
        <Text className='ad-title'>推送到企业系统</Text>
        <Text className='ad-line ad-muted'>
          以 JSON POST 到下方地址，请求头 x-budaka-signature 为 HMAC-SHA256(密钥, 时间戳.正文)。失败会按 30
          秒起倍增间隔重试。
        </Text>
        <Input
          className='ad-input ad-input--wide webhook-url'
          placeholder='https://'
          value={form.url}
          onInput={(e) => setForm({ ...form, url: e.detail.value })}
        />
        <Input
          className='ad-input ad-input--wide webhook-secret'
          password
          placeholder={view?.hasSecret ? '密钥已设置（留空则不变）' : '签名密钥，16–128 个字符'}
          value={form.secret}
          onInput={(e) => setForm({ ...form, secret: e.detail.value })}
        />
        <View className='ad-chips'>
          {EVENTS.map((e) => (
            <Text
              key={e.value}
              className={`ad-chip ${form.events.includes(e.value) ? 'ad-chip--on' : ''}`}
              onClick={() => toggle(e.value)}
            >
              {e.label}
            </Text>
          ))}
        </View>
        <View className='ad-row'>
          <Text>启用</Text>
          <Switch
            checked={form.enabled}
            color='#16a34a'
            onChange={(e) => setForm({ ...form, enabled: e.detail.value })}
          />
        </View>
        <Button className='ad-button ad-button--primary save-webhook' onClick={save}>
          保存
        </Button>
      </View>
      {saved && <Text className='ad-notice'>已保存</Text>}
      {refused && <RefusalNotice refusal={refused} />}
      <View className='ad-card'>
        <Text className='ad-title'>推送记录</Text>
        {view?.deliveries.length === 0 && <Text className='ad-empty'>暂无推送</Text>}
        {view?.deliveries.map((d) => (
          <View key={d.id} className='ad-row delivery'>
            <Text>
              {shortTime(d.createdAt)} · {EVENTS.find((e) => e.value === d.event)?.label}
            </Text>
            <Text
              className={`ad-tag ${d.status === 'failed' ? 'ad-tag--off' : d.status === 'pending' ? 'ad-tag--info' : ''}`}
            >
              {STATUS[d.status]}
              {d.attempts > 1 ? ` · ${d.attempts} 次` : ''}
              {d.lastError ? ` · ${d.lastError}` : ''}
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}
