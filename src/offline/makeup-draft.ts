import Taro from '@tarojs/taro'
import type { AttachmentKind } from '@core/policy'
import type { LocalDay } from '@core/shared'
import type { MakeupReasonKind } from '@core/makeup'
import type { ReportDraft } from '../components/report-form'

// A make-up form the member has started but not yet sent, kept on the device so closing the page (or WeChat
// killing it in the background) loses nothing. It keeps the client request id: if the page closed while a submit
// was on its way, sending again cannot create a second request. Uploaded files are kept by fileID only.
export interface MakeupDraft {
  day: LocalDay
  report: ReportDraft
  reason: string
  /** absent in drafts saved before reasons had categories */
  reasonKind?: MakeupReasonKind
  kind: AttachmentKind
  attachments: string[]
  pdfs: { name: string; fileID: string }[]
  clientRequestId: string
  savedAt: string
}

const KEY = 'makeup-draft'

export function loadMakeupDraft(): MakeupDraft | null {
  try {
    const d = Taro.getStorageSync(KEY) as MakeupDraft | ''
    return d && typeof d === 'object' && d.day && d.clientRequestId ? d : null
  } catch {
    return null
  }
}

export function saveMakeupDraft(draft: Omit<MakeupDraft, 'savedAt'>): void {
  Taro.setStorageSync(KEY, { ...draft, savedAt: new Date().toISOString() })
}

export function clearMakeupDraft(): void {
  Taro.removeStorageSync(KEY)
}
