import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { MemberView } from '@core/checkin'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '../refusal-notice'
import '../report-form/index.css'
import './index.css'

type Fields = { inviteCode: string; employeeNo: string; name: string }

const FIELDS: [keyof Fields, string, string][] = [
  ['inviteCode', '企业邀请码', 'HR 提供的邀请码'],
  ['employeeNo', '工号', '如 E001'],
  ['name', '姓名', '与企业登记一致'],
]

/**
 * First open: bind this WeChat user to an employee of a company (identity comes from WeChat, not this form). An HR
 * invitation link (`pages/index/index?invite=CODE`) fills in the invite code.
 */
export default function BindForm({ onBound }: { onBound: (m: MemberView) => void }) {
  const invite = decodeURIComponent(useRouter().params.invite ?? '')
  const [fields, setFields] = useState<Fields>({ inviteCode: invite, employeeNo: '', name: '' })
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<Refused | null>(null)

  const bind = async () => {
    const input = {
      inviteCode: fields.inviteCode.trim(),
      employeeNo: fields.employeeNo.trim(),
      name: fields.name.trim(),
    }
    if (!input.inviteCode || !input.employeeNo || !input.name) {
      return setRefused({ code: 'FIELD_REQUIRED', message: '请填写邀请码、工号和姓名' })
    }
    setRefused(null)
    setBusy(true)
    const res = await call('checkin', 'bind', input)
    setBusy(false)
    if (!res.ok) return setRefused(res)
    onBound(res.data)
  }

  return (
    <View className='bind'>
      <Text className='bind__title'>绑定企业员工身份</Text>
      <Text className='bind__desc'>首次使用请绑定所在企业，之后即可每日打卡和补卡。</Text>
      <View className='report-form'>
        {FIELDS.map(([key, label, placeholder]) => (
          <View key={key} className='report-form__row'>
            <Text className='report-form__label'>{label}</Text>
            <Input
              className={`report-form__input bind-${key}`}
              placeholder={placeholder}
              value={fields[key]}
              disabled={busy}
              onInput={(e) => {
                const value = e.detail.value
                setFields((f) => ({ ...f, [key]: value }))
              }}
            />
          </View>
        ))}
      </View>
      {refused && <RefusalNotice refusal={refused} />}
      <Button
        className='bind__submit bind-submit'
        type='primary'
        loading={busy}
        disabled={busy}
        onClick={bind}
      >
        绑定
      </Button>
    </View>
  )
}
