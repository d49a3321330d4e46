// 身份验证: what the member's region asks before make-ups, done with WeChat's own means — the phone-number button
// (matched against HR's roster) and SOTER face / fingerprint. In the browser build the local emulator plays
// WeChat's device half, and the page says so.
import { Button, Input, Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { VerificationView } from '@core/checkin'
import { call, phoneCodeStandIn, soterModes, startSoter } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import PrivacySheet from '@/components/privacy'
import './index.css'

const MODE_LABEL = { facial: '人脸', fingerPrint: '指纹' } as const
const until = (iso: string) => iso.slice(0, 10)

export default function Verify() {
  const [view, setView] = useState<VerificationView | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [busy, setBusy] = useState(false)
  const [phone, setPhone] = useState('')

  const done = (res: { ok: true; data: VerificationView } | (Refused & { ok: false })) => {
    if (res.ok) {
      setView(res.data)
      setRefused(null)
    } else setRefused(res)
  }

  useLoad(() => {
    call('checkin', 'verification', {}).then(done)
  })

  const bind = async (code: string | undefined) => {
    // the user closed WeChat's sheet without sharing: nothing to send
    if (!code) return
    setBusy(true)
    done(await call('checkin', 'bindPhone', { code }))
    setBusy(false)
  }

  const bindInBrowser = async () => {
    if (!phoneCodeStandIn) return
    const res = await phoneCodeStandIn(phone.trim())
    if (!res.ok) return setRefused(res)
    await bind(res.data)
  }

  const verify = async () => {
    setBusy(true)
    try {
      const modes = await soterModes()
      if (modes.length === 0) return setRefused({ code: 'SOTER_FAILED', message: '本机不支持人脸或指纹验证' })
      const challenge = await call('checkin', 'soterChallenge', {})
      if (!challenge.ok) return setRefused(challenge)
      const signed = await startSoter(challenge.data.challenge, modes[0])
      if (!signed.ok) return setRefused({ code: 'SOTER_FAILED' })
      done(await call('checkin', 'verifySoter', signed.data))
    } finally {
      setBusy(false)
    }
  }

  if (!view)
    return <View className='verify'>{refused ? <RefusalNotice refusal={refused} /> : '加载中…'}</View>
  return (
    <View className='verify'>
      <View className='verify__card' data-step='identity'>
        <Text className='verify__title'>实名身份绑定{view.identityRequired ? '（所在地区要求）' : ''}</Text>
        {view.identityBound ? (
          <Text className='verify__ok'>
            已绑定{view.boundBy === 'hr' ? '（HR 人工确认）' : '（微信手机号）'}
          </Text>
        ) : (
          <>
            <Text className='verify__hint'>
              用微信绑定的手机号与公司花名册核对。
              {view.phoneOnRoster ? '' : '花名册中尚无您的手机号，请先联系 HR。'}
            </Text>
            {phoneCodeStandIn ? (
              <View className='verify__standin'>
                <Text className='verify__hint'>
                  本地模拟：浏览器中没有微信手机号按钮，请输入您的手机号代替微信授权
                </Text>
                <Input
                  className='verify__input'
                  type='number'
                  maxlength={11}
                  placeholder='手机号'
                  value={phone}
                  onInput={(e) => setPhone(e.detail.value)}
                />
                <Button className='verify__button' disabled={busy} onClick={bindInBrowser}>
                  微信手机号验证
                </Button>
              </View>
            ) : (
              <Button
                className='verify__button'
                openType='getPhoneNumber'
                disabled={busy}
                onGetPhoneNumber={(e) => bind((e.detail as { code?: string }).code)}
              >
                微信手机号验证
              </Button>
            )}
          </>
        )}
      </View>
      <View className='verify__card' data-step='extra'>
        <Text className='verify__title'>额外身份验证{view.extraRequired ? '（所在地区要求）' : ''}</Text>
        {view.extraVerifiedUntil ? (
          <Text className='verify__ok'>已验证，有效至 {until(view.extraVerifiedUntil)}</Text>
        ) : (
          <Text className='verify__hint'>
            使用本机{MODE_LABEL.facial}或{MODE_LABEL.fingerPrint}验证本人，验证后 {view.extraValidDays}{' '}
            天内有效。
          </Text>
        )}
        <Button className='verify__button' disabled={busy} onClick={verify}>
          {view.extraVerifiedUntil ? '重新验证' : '开始验证'}
        </Button>
      </View>
      {refused && <RefusalNotice refusal={refused} />}
      {/* the phone-number button is a privacy API: WeChat asks through this page's sheet */}
      <PrivacySheet />
    </View>
  )
}
