// The next step of a catalogued refusal as a tap (core/shared/errors.ts `step`): open the page it names, call the
// action it names for the member, or update the app. Plain Taro: the home page (main package) uses it.
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { AccessRequestView } from '@core/makeup'
import { ERRORS, isErrorCode, type NextStep } from '@core/shared'
import { call } from '@/cloud'
import { updateNow } from './update'
import './index.css'

/** The page shown now, as a route key ('employee/makeup/index'). */
function currentRoute(): string {
  const path = Taro.getCurrentInstance().router?.path ?? ''
  return path.replace(/^\//, '').split('?')[0]
}

/** The step of a code, or null when it has none or it would open the page the member is already on. */
export function stepOf(code: string): NextStep | null {
  const step = isErrorCode(code) ? ERRORS[code].step : undefined
  if (!step) return null
  if ('page' in step && step.page === currentRoute()) return null
  return step
}

export const ACCESS_LABEL: Record<AccessRequestView['status'], string> = {
  pending: '已申请开通，等待 HR 审批',
  granted: 'HR 已开通补打卡',
  declined: '开通申请未通过',
}

export default function NextStepButton({
  code,
  onAccess,
}: {
  code: string
  /** the member's access request changed (申请开通 sent) */
  onAccess?: (r: AccessRequestView) => void
}) {
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState('')
  const [sent, setSent] = useState<AccessRequestView | null>(null)
  const step = stepOf(code)
  if (!step) return null
  if (sent) return <Text className='next-step__sent access-requested'>{ACCESS_LABEL[sent.status]}</Text>

  const go = async () => {
    if ('page' in step) {
      const url = `/${step.page}`
      // the home page is the bottom of the stack: go back to it rather than stacking another copy
      return step.page === 'pages/index/index' ? Taro.reLaunch({ url }) : Taro.navigateTo({ url })
    }
    if ('app' in step) return updateNow()
    setBusy(true)
    setFailed('')
    const res = await call('makeup', 'requestAccess', { clientVersion: APP_VERSION })
    setBusy(false)
    if (!res.ok) return setFailed(res.message)
    setSent(res.data)
    onAccess?.(res.data)
  }

  return (
    <>
      <Text
        className={`next-step next-step--${'page' in step ? 'page' : 'action'} ${busy ? 'next-step--busy' : ''}`}
        data-code={code}
        onClick={(e) => {
          // a step inside a tappable card acts alone
          e.stopPropagation()
          if (!busy) void go()
        }}
      >
        {step.label} ›
      </Text>
      {failed && <Text className='next-step__failed'>{failed}</Text>}
    </>
  )
}
