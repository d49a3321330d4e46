// Whether the member still has to consent to health-data processing before checking in, and the text to show.
// Asked once per member (remembered on the device after consenting); a CONSENT_REQUIRED refusal (consent withdrawn
// elsewhere, or a new text version) asks again.
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { ConsentText } from '@core/privacy'
import { call } from '@/cloud'

const key = (memberId: string) => `health-consent:${memberId}`

export function useHealthConsent(memberId: string | null, refusedCode?: string) {
  const [text, setText] = useState<ConsentText | null>(null)
  const [busy, setBusy] = useState(false)

  const check = useCallback(async (id: string, force: boolean) => {
    if (!force && Taro.getStorageSync(key(id))) return setText(null)
    const res = await call('privacy', 'status', {})
    if (!res.ok) return
    if (res.data.consent?.current) Taro.setStorageSync(key(id), res.data.consent.at)
    else Taro.removeStorageSync(key(id))
    setText(res.data.consent?.current ? null : res.data.text)
  }, [])

  useEffect(() => {
    if (memberId) check(memberId, refusedCode === 'CONSENT_REQUIRED')
  }, [memberId, refusedCode, check])

  const agree = useCallback(async () => {
    if (!memberId || !text) return
    setBusy(true)
    const res = await call('privacy', 'consent', { decision: 'grant', version: text.version })
    setBusy(false)
    if (res.ok) {
      Taro.setStorageSync(key(memberId), res.data.at)
      setText(null)
    }
  }, [memberId, text])

  return { text, busy, agree }
}
