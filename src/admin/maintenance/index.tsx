import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { MaintenanceView } from '@core/admin'
import { localDay } from '@core/calendar'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { shortTime } from '../labels'
import '../admin.css'

// Maintenance windows: declare start, end and a note (employees see a banner; overlapped days get their make-up
// deadline extended and are not charged), list and remove them.
export default function Maintenance() {
  const today = localDay(new Date())
  const [items, setItems] = useState<MaintenanceView[]>([])
  const [form, setForm] = useState({ day: today, from: '22:00', toDay: today, to: '23:59', note: '' })
  const [refused, setRefused] = useState<Refused | null>(null)

  const load = async () => {
    const res = await call('admin', 'maintenance', {})
    if (!res.ok) return setRefused(res)
    setItems(res.data)
  }
  useDidShow(() => {
    load()
  })

  const declare = async () => {
    setRefused(null)
    const res = await call('admin', 'declareMaintenance', {
      start: `${form.day}T${form.from}:00+08:00`,
      end: `${form.toDay}T${form.to}:00+08:00`,
      note: form.note,
    })
    if (!res.ok) return setRefused(res)
    setForm({ ...form, note: '' })
    load()
  }

  const remove = async (id: string) => {
    const res = await call('admin', 'removeMaintenance', { id })
    if (!res.ok) return setRefused(res)
    setItems(res.data)
  }

  return (
    <View className='ad-page maintenance-page'>
      <View className='ad-card'>
        <Text className='ad-title'>新增维护时段</Text>
        <View className='ad-row'>
          <Text>开始</Text>
          <View>
            <Picker mode='date' value={form.day} onChange={(e) => setForm({ ...form, day: e.detail.value })}>
              <Text className='ad-link mt-start-day'>{form.day} </Text>
            </Picker>
            <Picker
              mode='time'
              value={form.from}
              onChange={(e) => setForm({ ...form, from: e.detail.value })}
            >
              <Text className='ad-link mt-start-time'>{form.from}</Text>
            </Picker>
          </View>
        </View>
        <View className='ad-row'>
          <Text>结束</Text>
          <View>
            <Picker
              mode='date'
              value={form.toDay}
              onChange={(e) => setForm({ ...form, toDay: e.detail.value })}
            >
              <Text className='ad-link mt-end-day'>{form.toDay} </Text>
            </Picker>
            <Picker mode='time' value={form.to} onChange={(e) => setForm({ ...form, to: e.detail.value })}>
              <Text className='ad-link mt-end-time'>{form.to}</Text>
            </Picker>
          </View>
        </View>
        <Input
          className='ad-input ad-input--wide mt-note'
          placeholder='说明（员工可见），如：系统升级'
          value={form.note}
          onInput={(e) => setForm({ ...form, note: e.detail.value })}
        />
        <Button className='ad-button ad-button--primary declare-maintenance' onClick={declare}>
          发布维护公告
        </Button>
      </View>
      {refused && <RefusalNotice refusal={refused} />}
      <View className='ad-card'>
        <Text className='ad-title'>维护时段</Text>
        {items.length === 0 && <Text className='ad-empty'>暂无维护安排</Text>}
        {items.map((m) => (
          <View key={m.id} className='ad-row maintenance-item'>
            <View>
              <Text className='ad-line'>
                {shortTime(m.start)} – {shortTime(m.end)}{' '}
                {m.active && <Text className='ad-tag ad-tag--info'>进行中</Text>}
              </Text>
              <Text className='ad-line ad-muted'>{m.note}</Text>
            </View>
            <Text className='ad-link remove-maintenance' onClick={() => remove(m.id)}>
              删除
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}
