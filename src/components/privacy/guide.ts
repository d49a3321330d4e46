// The mini program's privacy guide (用户隐私保护指引): WeChat blocks privacy APIs (choosing images, the camera)
// until the user agrees. On weapp WeChat asks through `onNeedPrivacyAuthorization`, and our sheet answers it; in the
// H5 build the same sheet is shown and the answer kept in storage. Declining is remembered so the pickers can say
// why they are unavailable.
import Taro from '@tarojs/taro'

export type GuideState = 'agreed' | 'declined' | 'undecided'
type Resolve = (o: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

export const AGREE_BUTTON_ID = 'privacy-agree'
const KEY = 'privacy-guide'
const isWeapp = process.env.TARO_ENV === 'weapp'

let wechatResolve: Resolve | null = null
const waiters: ((agreed: boolean) => void)[] = []
/** mounted sheets, each with the route of the page it sits on */
const listeners = new Map<(open: boolean) => void, string>()
/** who follows the decision (the pickers' gate) */
const followers = new Set<() => void>()

export function guideState(): GuideState {
  const v = Taro.getStorageSync(KEY)
  return v === 'agreed' || v === 'declined' ? v : 'undecided'
}

const routeOf = (path = ''): string => path.replace(/^\//, '').split('?')[0]

/** The page a sheet is mounted on: Taro's current page while it renders. */
export function currentRoute(): string {
  return routeOf(Taro.getCurrentInstance().router?.path)
}

/** Sheets subscribe here with their page; a request opens the sheets of the page on top. */
export function onGuideRequest(fn: (open: boolean) => void, page: string): () => void {
  listeners.set(fn, page)
  return () => listeners.delete(fn)
}

/**
 * The sheets the user can see. On weapp, pages under the top one stay mounted but hidden: a sheet there would open
 * where nobody sees it and the paused API would hang. The H5 build shows the sheets it has.
 */
function visibleSheets(): ((open: boolean) => void)[] {
  const all = [...listeners.keys()]
  if (!isWeapp) return all
  const pages = Taro.getCurrentPages()
  const top = routeOf(pages[pages.length - 1]?.route)
  return all.filter((fn) => listeners.get(fn) === top)
}

/** Called after every decision, and when WeChat's record has been read. */
export function onGuideDecided(fn: () => void): () => void {
  followers.add(fn)
  return () => followers.delete(fn)
}

function closeAll(): void {
  listeners.forEach((_page, fn) => fn(false))
  followers.forEach((fn) => fn())
}

function open(): void {
  visibleSheets().forEach((fn) => fn(true))
}

/**
 * Called once from app.ts: WeChat pauses a privacy API until someone answers. Every page that calls one mounts a
 * sheet, which answers; a page on top without one is declined at once with a word on why, so nothing can hang.
 */
export function installPrivacyHandler(): void {
  if (!isWeapp || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    if (visibleSheets().length === 0) {
      resolve({ event: 'disagree' })
      Taro.showToast({ title: '请先在首页阅读并同意《用户隐私保护指引》', icon: 'none' })
      return
    }
    // a second request while the sheet is open: the earlier one is declined, the sheet answers the latest
    wechatResolve?.({ event: 'disagree' })
    wechatResolve = resolve
    resolve({ event: 'exposureAuthorization' })
    open()
  })
  syncWithWechat()
}

/** The local state follows WeChat's record: agreed there means agreed here; a new guide version asks again. */
export function syncWithWechat(): void {
  if (!isWeapp || typeof Taro.getPrivacySetting !== 'function') return
  Taro.getPrivacySetting({
    success: (r) => {
      if (!r.needAuthorization) Taro.setStorageSync(KEY, 'agreed')
      else if (guideState() === 'agreed') Taro.removeStorageSync(KEY)
      closeAll()
    },
  })
}

/** The sheet's answer: settles WeChat's pending API and everyone waiting in `ensurePrivacy`. */
export function decide(agreed: boolean): void {
  Taro.setStorageSync(KEY, agreed ? 'agreed' : 'declined')
  wechatResolve?.(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' })
  wechatResolve = null
  closeAll()
  waiters.splice(0).forEach((w) => w(agreed))
}

/** Before any privacy API: resolves true once the user has agreed (asking now if needed). */
export function ensurePrivacy(): Promise<boolean> {
  if (isWeapp && typeof Taro.requirePrivacyAuthorize === 'function')
    return new Promise((resolve) =>
      Taro.requirePrivacyAuthorize({
        // it also succeeds without any prompt when WeChat already has the agreement: remember that here too
        success: () => {
          Taro.setStorageSync(KEY, 'agreed')
          resolve(true)
        },
        fail: () => resolve(false),
      }),
    )
  if (guideState() === 'agreed') return Promise.resolve(true)
  return new Promise((resolve) => {
    waiters.push(resolve)
    open()
  })
}

/** On first open: shows the guide when the user has not answered yet. */
export async function askOnFirstOpen(): Promise<void> {
  if (isWeapp && typeof Taro.getPrivacySetting === 'function') {
    Taro.getPrivacySetting({
      success: (r) => {
        if (r.needAuthorization) open()
        else if (guideState() !== 'agreed') Taro.setStorageSync(KEY, 'agreed')
      },
    })
    return
  }
  if (guideState() === 'undecided') open()
}

/** The full guide: WeChat's own page on weapp; the H5 sheet shows the summary inline instead. */
export function openWechatContract(): boolean {
  if (!isWeapp || typeof Taro.openPrivacyContract !== 'function') return false
  Taro.openPrivacyContract({})
  return true
}
