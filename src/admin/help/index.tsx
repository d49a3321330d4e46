import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { FaqEntry, HelpContact, HelpView } from '@core/admin'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { CONTACT_LABEL } from '../labels'
import '../admin.css'

const KINDS = Object.keys(CONTACT_LABEL) as HelpContact['kind'][]

// The help centre every member reaches from the home page: WeChat's customer service (weapp), contacts — the
// hotline and HR by a tap that calls, emergency contacts, a WeChat id long-pressed to copy — and the FAQ.
// HR admins edit both here.
export default function Help() {
  const [view, setView] = useState<HelpView | null>(null)
  const [editing, setEditing] = useState(false)
  const [contacts, setContacts] = useState<HelpContact[]>([])
  const [faq, setFaq] = useState<FaqEntry[]>([])
  const [refused, setRefused] = useState<Refused | null>(null)

  useDidShow(async () => {
    const res = await call('admin', 'help', {})
    if (!res.ok) return setRefused(res)
    setView(res.data)
    setContacts(res.data.contacts)
    setFaq(res.data.faq)
  })

  const save = async () => {
    setRefused(null)
    const res = await call('admin', 'saveHelp', {
      contacts: contacts.filter((c) => c.name.trim() && c.value.trim()),
      faq: faq.filter((f) => f.q.trim() && f.a.trim()),
    })
    if (!res.ok) return setRefused(res)
    setView(res.data)
    setEditing(false)
  }

  // a number is called; anything else (a WeChat id) is long-pressed to copy (selectable text): the clipboard API is
  // a privacy type this app does not declare
  const reach = (c: HelpContact) => {
    if (/^[\d-]+$/.test(c.value)) Taro.makePhoneCall({ phoneNumber: c.value }).catch(() => undefined)
  }

  const edit = <T,>(list: T[], i: number, patch: Partial<T>) =>
    list.map((x, j) => (j === i ? { ...x, ...patch } : x))

  if (!view) return <View className='ad-page'>{refused && <RefusalNotice refusal={refused} />}</View>

  if (!editing)
    return (
      <View className='ad-page help-page'>
        <View className='ad-card'>
          <Text className='ad-title'>联系我们</Text>
          {/* WeChat's own customer-service session (客服消息, configured for the AppID: DEPLOY.md); not in a browser */}
          {process.env.TARO_ENV === 'weapp' && (
            <Button className='ad-button contact-service' openType='contact' sessionFrom='help'>
              在线客服
            </Button>
          )}
          {view.contacts.length === 0 && <Text className='ad-empty'>暂无联系人，请联系您的 HR</Text>}
          {view.contacts.map((c, i) => (
            <View key={i} className='ad-row help-contact' onClick={() => reach(c)}>
              <Text>
                {CONTACT_LABEL[c.kind]} · {c.name}
              </Text>
              <Text className='ad-link contact-value' userSelect>
                {c.value}
              </Text>
            </View>
          ))}
        </View>
        <View className='ad-card'>
          <Text className='ad-title'>常见问题</Text>
          {view.faq.length === 0 && <Text className='ad-empty'>暂无常见问题</Text>}
          {view.faq.map((f, i) => (
            <View key={i} className='help-faq'>
              <Text className='ad-line'>问：{f.q}</Text>
              <Text className='ad-line ad-muted'>答：{f.a}</Text>
            </View>
          ))}
        </View>
        <Button
          className='ad-button my-tickets'
          onClick={() => Taro.navigateTo({ url: '/employee/tickets/index' })}
        >
          提交工单 / 我的工单
        </Button>
        {view.canEdit && (
          <Button className='ad-button edit-help' onClick={() => setEditing(true)}>
            编辑帮助中心
          </Button>
        )}
      </View>
    )

  return (
    <View className='ad-page help-edit'>
      <View className='ad-card'>
        <Text className='ad-title'>联系人</Text>
        {contacts.map((c, i) => (
          <View key={i} className='help-contact-edit'>
            <Picker
              mode='selector'
              range={KINDS.map((k) => CONTACT_LABEL[k])}
              value={KINDS.indexOf(c.kind)}
              onChange={(e) => setContacts(edit(contacts, i, { kind: KINDS[Number(e.detail.value)] }))}
            >
              <Text className='ad-link'>{CONTACT_LABEL[c.kind]} ▾</Text>
            </Picker>
            <Input
              className='ad-input ad-input--wide contact-name'
              placeholder='名称，如 HR 王老师'
              value={c.name}
              onInput={(e) => setContacts(edit(contacts, i, { name: e.detail.value }))}
            />
            <Input
              className='ad-input ad-input--wide contact-value'
              placeholder='电话或微信号'
              value={c.value}
              onInput={(e) => setContacts(edit(contacts, i, { value: e.detail.value }))}
            />
          </View>
        ))}
        <Text
          className='ad-link add-contact'
          onClick={() => setContacts([...contacts, { kind: 'hr', name: '', value: '' }])}
        >
          ＋ 联系人
        </Text>
      </View>
      <View className='ad-card'>
        <Text className='ad-title'>常见问题</Text>
        {faq.map((f, i) => (
          <View key={i} className='help-faq-edit'>
            <Input
              className='ad-input ad-input--wide faq-q'
              placeholder='问题'
              value={f.q}
              onInput={(e) => setFaq(edit(faq, i, { q: e.detail.value }))}
            />
            <Textarea
              className='ad-textarea faq-a'
              placeholder='回答'
              value={f.a}
              onInput={(e) => setFaq(edit(faq, i, { a: e.detail.value }))}
            />
          </View>
        ))}
        <Text className='ad-link add-faq' onClick={() => setFaq([...faq, { q: '', a: '' }])}>
          ＋ 问题
        </Text>
      </View>
      {refused && <RefusalNotice refusal={refused} />}
      <Button className='ad-button ad-button--primary save-help' onClick={save}>
        保存
      </Button>
    </View>
  )
}
