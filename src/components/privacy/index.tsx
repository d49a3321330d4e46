// The privacy-guide sheet (WeChat's 用户隐私保护指引), shown on first open and whenever a privacy API needs it.
// On weapp "同意" is WeChat's agreePrivacyAuthorization button, as the platform requires.
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { GUIDE_ITEMS, GUIDE_TITLE } from './contract'
import {
  AGREE_BUTTON_ID,
  askOnFirstOpen,
  currentRoute,
  decide,
  onGuideRequest,
  openWechatContract,
} from './guide'
import './index.css'

const isWeapp = process.env.TARO_ENV === 'weapp'

export default function PrivacySheet({ askNow = false }: { askNow?: boolean }) {
  const [open, setOpen] = useState(false)
  const [details, setDetails] = useState(false)
  const page = useRef(currentRoute()).current
  useEffect(() => onGuideRequest(setOpen, page), [page])
  useEffect(() => {
    if (askNow) askOnFirstOpen()
  }, [askNow])
  if (!open) return null
  return (
    <View className='privacy-mask'>
      <View className='privacy-sheet privacy-guide-sheet'>
        <Text className='privacy-sheet__title'>{GUIDE_TITLE}</Text>
        <Text className='privacy-sheet__body'>
          在使用前，请阅读并同意
          <Text className='privacy-sheet__link' onClick={() => openWechatContract() || setDetails(true)}>
            《{GUIDE_TITLE}》
          </Text>
          。我们只在您使用相关功能时处理以下信息：
        </Text>
        {(details || !isWeapp) && (
          <View className='privacy-sheet__list'>
            {GUIDE_ITEMS.map((i) => (
              <Text key={i.what} className='privacy-sheet__item'>
                · {i.what}：{i.why}
              </Text>
            ))}
          </View>
        )}
        <View className='privacy-sheet__actions'>
          <Button className='privacy-sheet__decline privacy-decline' onClick={() => decide(false)}>
            不同意
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='privacy-sheet__agree privacy-agree'
            type='primary'
            openType={isWeapp ? 'agreePrivacyAuthorization' : undefined}
            onAgreePrivacyAuthorization={() => decide(true)}
            onClick={() => !isWeapp && decide(true)}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  )
}
