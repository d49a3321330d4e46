// The health-data consent screen (separate consent, PIPL art. 29): purpose, fields, who sees them, retention, how
// to withdraw — the text comes from the function (core/privacy consentText), so it carries the company's settings.
import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ConsentText } from '@core/privacy'
import './index.css'

interface Props {
  text: ConsentText
  busy?: boolean
  onAgree: () => void
}

export default function HealthConsent({ text, busy, onAgree }: Props) {
  const [declined, setDeclined] = useState(false)
  return (
    <View className='privacy-sheet privacy-consent health-consent'>
      <Text className='privacy-sheet__title'>{text.title}</Text>
      {text.sections.map((s) => (
        <View key={s.title} className='privacy-consent__section'>
          <Text className='privacy-consent__heading'>{s.title}</Text>
          <Text className='privacy-consent__body'>{s.body}</Text>
        </View>
      ))}
      {declined && (
        <Text className='privacy-consent__declined'>
          未同意前不能提交健康打卡。您可以随时回到这里同意；如有疑问请联系 HR。
        </Text>
      )}
      <View className='privacy-sheet__actions'>
        <Button className='privacy-sheet__decline consent-decline' onClick={() => setDeclined(true)}>
          暂不同意
        </Button>
        <Button
          className='privacy-sheet__agree consent-agree'
          type='primary'
          loading={busy}
          disabled={busy}
          onClick={onAgree}
        >
          同意并继续
        </Button>
      </View>
      <Text className='privacy-consent__version'>版本 {text.version}</Text>
    </View>
  )
}
