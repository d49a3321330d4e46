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

  const check = useCallback(async (id: string, force: boolean, live: () => boolean) => {
    if (!force && Taro.getStorageSync(key(id))) return setText(null)
    const res = await call('privacy', 'status', {})
    // the page may be gone by the time the answer comes: nothing of it is kept then
    if (!res.ok || !live()) return
    if (res.data.consent?.current) Taro.setStorageSync(key(id), res.data.consent.at)
    else Taro.removeStorageSync(key(id))
    setText(res.data.consent?.current ? null : res.data.text)
  }, [])

  useEffect(() => {
    let live = true
    if (memberId) check(memberId, refusedCode === 'CONSENT_REQUIRED', () => live)
    return () => {
      live = false
    }
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
