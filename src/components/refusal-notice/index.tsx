import { Text, View } from '@tarojs/components'
import { ERRORS, isErrorCode } from '@core/shared'
import NextStepButton from '../next-step'
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

/** The refusal, what to do next, and — where the catalogue names a page or an action — a tap that does it. */
export default function RefusalNotice({ refusal }: { refusal: Refused }) {
  const { message, next } = explain(refusal)
  return (
    <View className='refusal' data-code={refusal.code}>
      <Text className='refusal__message'>{message}</Text>
      <Text className='refusal__next'>{next}</Text>
      <NextStepButton code={refusal.code} />
    </View>
  )
}
