import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ERRORS, isErrorCode, type ErrorCode } from '@core/shared'
import './index.css'

export interface Refused {
  code: string
  message?: string
  next?: string
}

/** The catalogue's words for a code; the server's own message wins when it sent one. */
export function explain(r: Refused): { message: string; next: string } {
  const entry = isErrorCode(r.code) ? ERRORS[r.code] : undefined
  return {
    message: r.message || entry?.message || `无法完成（${r.code}）`,
    next: r.next || entry?.next || '请稍后重试；如持续出现，请联系 HR',
  }
}

/** Refusals whose next step is a page of the app: the notice opens it. */
export const NEXT_PAGE: Partial<Record<ErrorCode, { label: string; url: string }>> = {
  IDENTITY_BINDING_REQUIRED: { label: '去身份验证 ›', url: '/employee/verify/index' },
  EXTRA_VERIFICATION_REQUIRED: { label: '去身份验证 ›', url: '/employee/verify/index' },
}

export default function RefusalNotice({ refusal }: { refusal: Refused }) {
  const { message, next } = explain(refusal)
  const page = isErrorCode(refusal.code) ? NEXT_PAGE[refusal.code] : undefined
  return (
    <View className='refusal' data-code={refusal.code}>
      <Text className='refusal__message'>{message}</Text>
      <Text className='refusal__next'>{next}</Text>
      {page && (
        <Text className='refusal__go' onClick={() => Taro.navigateTo({ url: page.url })}>
          {page.label}
        </Text>
      )}
    </View>
  )
}
