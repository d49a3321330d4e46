// Wraps the image pickers: they appear once the privacy guide is agreed; declined, an explanation takes their place
// with a way to read the guide again.
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState, type ReactNode } from 'react'
import PrivacySheet from '.'
import { ensurePrivacy, guideState, onGuideDecided, type GuideState } from './guide'
import './index.css'

const isWeapp = process.env.TARO_ENV === 'weapp'

export default function PrivacyGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GuideState>(guideState)
  useEffect(() => onGuideDecided(() => setState(guideState())), [])
  // on weapp WeChat itself pauses the picker and asks through onNeedPrivacyAuthorization: our sheet answers it, also
  // when the agreement here is stale (a new guide version, storage cleared)
  if (state === 'agreed' || (isWeapp && state === 'undecided'))
    return (
      <>
        {children}
        <PrivacySheet />
      </>
    )
  return (
    <View className='privacy-blocked'>
      <Text className='privacy-blocked__text'>
        {state === 'declined'
          ? '您未同意《用户隐私保护指引》，无法从相册选择或拍摄照片，因此不能上传健康码截图或检测报告。'
          : '上传图片前，请先阅读并同意《用户隐私保护指引》。'}
      </Text>
      <Button
        className='privacy-blocked__retry'
        size='mini'
        onClick={() => ensurePrivacy().then(() => setState(guideState()))}
      >
        查看并同意
      </Button>
      <PrivacySheet />
    </View>
  )
}
