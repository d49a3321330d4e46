import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { NOTICE_TIME_LABELS, NOTICE_TIME_RANGES, type NoticeTimes } from '@core/notices'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import '../admin.css'

type NumberField = keyof typeof NOTICE_TIME_RANGES
const NUMBERS: NumberField[] = [
  'reviewRemindAfterHours',
  'reviewEscalateAfterHours',
  'cutoffRemindDaysBefore',
]
// where a daily reminder starts when HR switches it on
const FIRST_REMINDER = '09:00'

// The company's reminder times: the daily check-in reminder, when pending requests remind their reviewer and
// escalate to HR, and the quota cut-off reminder. The reminders' timer follows a saved change on its next run.
export default function NoticeTimesPage() {
  const [form, setForm] = useState<NoticeTimes | null>(null)
  // the numbers as typed, checked by the function (a refusal names the field)
  const [typed, setTyped] = useState<Record<NumberField, string>>({} as Record<NumberField, string>)
  const [changes, setChanges] = useState<boolean | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)

  const show = (t: NoticeTimes) => {
    setForm(t)
    setTyped(Object.fromEntries(NUMBERS.map((k) => [k, String(t[k])])) as Record<NumberField, string>)
  }
  useDidShow(async () => {
    const res = await call('admin', 'noticeTimes', {})
    if (!res.ok) return setRefused(res)
    show(res.data)
  })

  const save = async () => {
    if (!form) return
    setRefused(null)
    setChanges(null)
    const numbers = Object.fromEntries(NUMBERS.map((k) => [k, Number(typed[k])]))
    const res = await call('admin', 'saveNoticeTimes', { ...form, ...numbers })
    if (!res.ok) return setRefused(res)
    show(res.data)
    setChanges(true)
  }

  if (!form)
    return <View className='ad-page notices-page'>{refused && <RefusalNotice refusal={refused} />}</View>
  const set = (patch: Partial<NoticeTimes>) => setForm({ ...form, ...patch })

  return (
    <View className='ad-page notices-page'>
      <View className='ad-card'>
        <Text className='ad-title'>每日打卡提醒</Text>
        <Text className='ad-muted'>
          规则组可单独设置提醒时间或不提醒（补卡规则 → 规则组），未单独设置的按这里的时间。
        </Text>
        <View className='ad-row'>
          <Text>提醒未打卡的员工</Text>
          <Switch
            className='notices-daily'
            checked={form.checkinReminderAt !== null}
            color='#16a34a'
            onChange={(e) => set({ checkinReminderAt: e.detail.value ? FIRST_REMINDER : null })}
          />
        </View>
        {form.checkinReminderAt !== null && (
          <View className='ad-row'>
            <Text>{NOTICE_TIME_LABELS.checkinReminderAt}</Text>
            <Picker
              className='notices-daily-picker'
              mode='time'
              value={form.checkinReminderAt}
              onChange={(e) => set({ checkinReminderAt: e.detail.value })}
            >
              <Text className='ad-link notices-daily-at'>{form.checkinReminderAt} ▾</Text>
            </Picker>
          </View>
        )}
      </View>
      <View className='ad-card'>
        <Text className='ad-title'>审核与截止提醒</Text>
        {NUMBERS.map((k) => (
          <View key={k} className='ad-row'>
            <Text>
              {NOTICE_TIME_LABELS[k]}（{NOTICE_TIME_RANGES[k][0]}–{NOTICE_TIME_RANGES[k][1]}）
            </Text>
            <Input
              className={`ad-input notices-${k}`}
              type='number'
              value={typed[k]}
              onInput={(e) => setTyped({ ...typed, [k]: e.detail.value })}
            />
          </View>
        ))}
        <View className='ad-row'>
          <Text>{NOTICE_TIME_LABELS.cutoffRemindAt}</Text>
          <Picker
            className='notices-cutoff-picker'
            mode='time'
            value={form.cutoffRemindAt}
            onChange={(e) => set({ cutoffRemindAt: e.detail.value })}
          >
            <Text className='ad-link notices-cutoff-at'>{form.cutoffRemindAt} ▾</Text>
          </Picker>
        </View>
        <Button className='ad-button ad-button--primary save-notices' onClick={save}>
          保存
        </Button>
      </View>
      {changes && <Text className='ad-notice notices-saved'>已保存，提醒从下一次运行起按新时间发出</Text>}
      {refused && <RefusalNotice refusal={refused} />}
    </View>
  )
}
