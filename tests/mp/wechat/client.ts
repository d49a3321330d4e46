// A WeChat client for tests: the `wx` that the weapp build (dist/) runs on inside miniprogram-simulate, enforcing
// the platform rules of ./rules.ts (each failure says which rule refused it), with a cloud backend behind wx.cloud
// (scripted answers, or the running emulator through the H5 gateway: ./cloud.ts).
import { GESTURE_APIS, LIMITS, PRIVACY_SCOPE_OF_API, RULES, type RuleId } from './rules'

export interface CloudBackend {
  callFunction(name: string, data: Record<string, unknown>): Promise<unknown>
  uploadFile(cloudPath: string, filePath: string, bytes: Uint8Array): Promise<string>
  /** a temp URL of the file, valid `maxAge` seconds */
  tempFileURL(fileID: string, maxAge: number): Promise<string | null>
  /** the bytes at a URL the backend handed out, or null (expired, unknown) */
  fetch(url: string): Promise<Uint8Array | null>
  /** records the user's answer in the subscribe sheet where the functions will look for it */
  subscribe?(templateIds: string[], decision: 'accept' | 'reject'): Promise<void>
  /** WeChat's half of the phone-number button: a one-time code for the user's number (phonenumber.getPhoneNumber) */
  phoneCode?(phoneNumber: string): Promise<string>
  /** the device's half of SOTER: the challenge signed by this user's device key (soter.verifySignature) */
  soterSign?(
    challenge: string,
    authMode: string,
  ): Promise<{ resultJSON: string; resultJSONSignature: string }>
}

export interface PickedMedia {
  path: string
  type: 'image' | 'video'
  size?: number
  bytes?: Uint8Array
}
export interface PickedFile {
  path: string
  name: string
  size?: number
  bytes?: Uint8Array
}

export interface WechatOptions {
  cloud: CloudBackend
  /** privacy types declared in the privacy guide (the project's declaration by default: see journeys) */
  declaredPrivacy: string[]
  /** whether the user already agreed to the current guide */
  privacyAgreed?: boolean
  /** subscribe-message templates configured for this AppID: id → title */
  templates?: Record<string, string>
  /** the downloadFile domain list (hosts, with port when the URL has one) */
  downloadDomains?: string[]
  /** tabBar pages of app.json */
  tabPages?: string[]
  /** what the phone's storage already holds for this mini program */
  storage?: Record<string, unknown>
  /** the number bound to the user's WeChat account (what the phone-number button shares) */
  phoneNumber?: string
  /** the biometric modes the device supports for SOTER (both by default) */
  soterModes?: string[]
}

export interface Violation {
  api: string
  rule: RuleId
  errMsg: string
}

interface PendingPrivacy {
  api: string
  since: number
  proceed: () => void
  refuse: (errMsg: string, errno: number) => void
}

const now = () => Date.now()

// j-component's dispatchEvent runs the handler a microtask later; a tap must run it now, so that "inside the tap"
// means what it means on the phone: the handler's synchronous part
const exparser = require('miniprogram-exparser')
function dispatchNow(el: any, name: string, detail: Record<string, unknown> = {}): void {
  const target = el.dom?.__wxElement
  if (!target) return el.dispatchEvent(name, { detail })
  exparser.Event.dispatchEvent(
    target,
    exparser.Event.create(name, detail, {
      bubbles: true,
      capturePhase: true,
      composed: true,
      extraFields: { touches: {}, changedTouches: {} },
    }),
  )
}

export class Wechat {
  readonly wx: Record<string, any> = {}
  /** every refusal the rules produced, in order */
  readonly violations: Violation[] = []
  /** files the user sent to a chat */
  readonly shared: { filePath: string; fileName?: string; bytes: Uint8Array | undefined }[] = []
  readonly openedDocuments: { filePath: string; fileType?: string; bytes: Uint8Array | undefined }[] = []
  readonly toasts: string[] = []
  readonly modals: { title?: string; content?: string }[] = []
  readonly clipboard: string[] = []
  /** the numbers makePhoneCall dialled */
  readonly phoneCalls: string[] = []
  /** template id → one-time grants the user gave and the backend has not used yet */
  readonly grants = new Map<string, number>()
  readonly subscribeRequests: string[][] = []
  readonly tempUrlRequests: { fileID: string; maxAge: number }[] = []
  /** the media types each chooseMedia offered */
  readonly mediaRequests: string[][] = []
  /** local files the page uploaded with wx.cloud.uploadFile */
  readonly uploadedPaths: string[] = []
  readonly pageStack: string[] = []
  /** what each tap on the phone-number button answered (errMsg) */
  readonly phoneNumberAnswers: string[] = []
  /** the modes each startSoterAuthentication asked for */
  readonly soterRequests: string[][] = []
  /** renders a page the app opened (set by boot: the test then finds it with `topPage`) */
  onOpen?: (route: string, query: Record<string, string>) => void
  /** what the user will pick next */
  readonly mediaToPick: PickedMedia[] = []
  readonly filesToPick: PickedFile[] = []
  /** the user's answer in the subscribe sheet */
  subscribeAnswer: 'accept' | 'reject' = 'accept'
  privacyAgreed: boolean
  /** the number bound to the user's WeChat account (a test may change it, as the user may rebind) */
  phoneNumber: string | undefined
  hang: PendingPrivacy | null = null

  private inTap = false
  private privacyListener: ((resolve: (o: any) => void, info: { referrer: string }) => void) | null = null
  private readonly tappedAgreeButtons = new Set<string>()
  private readonly pending = new Set<PendingPrivacy>()
  private readonly files = new Map<string, Uint8Array | undefined>()
  private readonly storage = new Map<string, string>()
  private seq = 0

  constructor(private readonly opts: WechatOptions) {
    this.privacyAgreed = opts.privacyAgreed ?? false
    this.phoneNumber = opts.phoneNumber
    this.build()
    for (const [k, v] of Object.entries(opts.storage ?? {})) this.wx.setStorageSync(k, v)
  }

  // ---- the user's hands -------------------------------------------------------------------------------------

  /** A tap on an element: gesture-only APIs work during its synchronous handler, as on the phone. */
  tap(
    el: { dispatchEvent(name: string, detail?: unknown): void } | null | undefined,
    what = 'element',
  ): void {
    if (!el) throw new Error(`nothing to tap: ${what}`)
    this.inTap = true
    try {
      dispatchNow(el, 'tap')
    } finally {
      this.inTap = false
    }
  }

  /** Taps `<button open-type="agreePrivacyAuthorization" id=…>`: WeChat records the tap, then fires the event. */
  tapAgreePrivacy(el: any): void {
    if (!el) throw new Error('no privacy agree button on the page')
    // the id WeChat checks is the button's own (j-component keeps it on the exparser element, not the DOM)
    const id = el.dom?.__wxElement?.id || el.dom?.getAttribute?.('id') || ''
    this.tappedAgreeButtons.add(id)
    // the button itself is the user's agreement: WeChat records it (getPrivacySetting no longer asks)
    this.privacyAgreed = true
    this.inTap = true
    try {
      dispatchNow(el, 'agreeprivacyauthorization')
      dispatchNow(el, 'tap')
    } finally {
      this.inTap = false
    }
  }

  /**
   * Taps `<button open-type="getPhoneNumber">` and answers WeChat's sheet: `share` gives the page a one-time code
   * for the user's number (bindgetphonenumber), otherwise "user deny". The number is a privacy type: it must be
   * declared, and agreed to before (the page's privacy sheet), else WeChat refuses as for any privacy API.
   */
  async tapGetPhoneNumber(el: any, answer: 'share' | 'deny' = 'share'): Promise<void> {
    if (!el) throw new Error('no phone-number button on the page')
    let detail: Record<string, unknown>
    if (!this.opts.declaredPrivacy.includes('PhoneNumber')) {
      this.violations.push({
        api: 'getPhoneNumber',
        rule: 'privacyScopeDeclared',
        errMsg: 'getPhoneNumber:fail api scope is not declared in the privacy agreement',
      })
      detail = {
        errMsg: 'getPhoneNumber:fail api scope is not declared in the privacy agreement',
        errno: 112,
      }
    } else if (!this.privacyAgreed) {
      this.violations.push({ api: 'getPhoneNumber', rule: 'privacyPending', errMsg: 'privacy not agreed' })
      detail = { errMsg: 'getPhoneNumber:fail privacy permission is not authorized', errno: 104 }
    } else if (answer === 'deny' || !this.phoneNumber || !this.opts.cloud.phoneCode) {
      detail = { errMsg: 'getPhoneNumber:fail user deny' }
    } else {
      detail = { errMsg: 'getPhoneNumber:ok', code: await this.opts.cloud.phoneCode(this.phoneNumber) }
    }
    this.phoneNumberAnswers.push(String(detail.errMsg))
    this.inTap = true
    try {
      dispatchNow(el, 'getphonenumber', detail)
    } finally {
      this.inTap = false
    }
  }

  /** The privacy call pending for longest, if any has waited past the hang limit. */
  checkHang(): void {
    for (const p of this.pending)
      if (now() - p.since > LIMITS.privacyHangMs) {
        this.hang = p
        throw new Error(
          `${p.api} is still pending ${now() - p.since} ms after it asked for privacy authorisation: nothing ` +
            `answered onNeedPrivacyAuthorization (${RULES.privacyPending.source})`,
        )
      }
  }

  get pendingPrivacyCalls(): string[] {
    return [...this.pending].map((p) => p.api)
  }

  refusals(rule: RuleId): Violation[] {
    return this.violations.filter((v) => v.rule === rule)
  }

  /** a local file the app can read (what chooseMedia / chooseMessageFile / downloadFile hand out) */
  fileBytes(path: string): Uint8Array | undefined {
    return this.files.get(path)
  }

  // ---- the wx object ----------------------------------------------------------------------------------------

  private refuse(api: string, rule: RuleId, reason: string, errno?: number): never {
    const errMsg = `${api}:fail ${reason}`
    this.violations.push({ api, rule, errMsg })
    throw Object.assign(new Error(errMsg), { errMsg, errno, errCode: errno })
  }

  /** callback-style API (what Taro's promisified calls use), run through the rules first */
  private api(name: string, impl: (o: any) => Promise<Record<string, unknown>> | Record<string, unknown>) {
    this.wx[name] = (o: any = {}) => {
      // with no callback WeChat answers with a Promise ("以 Promise 风格调用"); with callbacks, through them
      const promised = !o.success && !o.fail && !o.complete
      let settle!: { ok: (r: any) => void; fail: (r: any) => void }
      const answer = new Promise<any>((ok, fail) => (settle = { ok, fail }))
      const done = (res: any) => {
        o.success?.(res)
        o.complete?.(res)
        settle.ok(res)
      }
      const failed = (e: any) => {
        const res = { errMsg: e?.errMsg ?? `${name}:fail ${String(e?.message ?? e)}`, errno: e?.errno }
        o.fail?.(res)
        o.complete?.(res)
        if (promised) settle.fail(res)
      }
      try {
        // rules that depend on the call's moment are checked synchronously, as WeChat does
        if ((GESTURE_APIS as readonly string[]).includes(name) && !this.inTap)
          this.refuse(
            name,
            name === 'shareFileMessage' ? 'shareFileOnTap' : 'subscribeOnTap',
            'can only be invoked by user TAP gesture.',
          )
        const run = () => {
          Promise.resolve()
            .then(() => impl(o))
            .then((r) => done({ errMsg: `${name}:ok`, ...r }), failed)
        }
        const scope = PRIVACY_SCOPE_OF_API[name] ?? (name === 'requirePrivacyAuthorize' ? '*' : null)
        if (scope) this.privacyGate(name, scope, run, (errMsg, errno) => failed({ errMsg, errno }))
        else run()
      } catch (e) {
        // WeChat reports through fail/complete, asynchronously
        Promise.resolve().then(() => failed(e))
      }
      return promised ? answer : undefined
    }
  }

  private privacyGate(api: string, scope: string, run: () => void, fail: (m: string, n: number) => void) {
    if (scope !== '*' && !this.opts.declaredPrivacy.includes(scope)) {
      try {
        this.refuse(api, 'privacyScopeDeclared', 'api scope is not declared in the privacy agreement', 112)
      } catch (e: any) {
        Promise.resolve().then(() => fail(e.errMsg, 112))
      }
      return
    }
    if (this.privacyAgreed || this.opts.declaredPrivacy.length === 0) return run()
    const p: PendingPrivacy = {
      api,
      since: now(),
      proceed: () => {
        this.pending.delete(p)
        run()
      },
      refuse: (m, n) => {
        this.pending.delete(p)
        this.violations.push({ api, rule: 'privacyPending', errMsg: m })
        fail(m, n)
      },
    }
    this.pending.add(p)
    const listener = this.privacyListener
    // without a listener WeChat shows its own popup: the test answers it with answerPlatformPrivacyPopup
    if (!listener) return
    let answered = false
    const resolve = (o: { event: string; buttonId?: string }) => {
      if (answered || o?.event === 'exposureAuthorization') return
      if (o?.event === 'agree') {
        if (!o.buttonId || !this.tappedAgreeButtons.has(o.buttonId)) {
          this.violations.push({
            api,
            rule: 'privacyPending',
            errMsg: `agree without a tap on #${o.buttonId}`,
          })
          return
        }
        answered = true
        this.privacyAgreed = true
        // every call waiting for the same agreement goes on
        for (const q of [...this.pending]) q.proceed()
        return
      }
      if (o?.event === 'disagree') {
        answered = true
        p.refuse(`${api}:fail privacy permission is not authorized`, 104)
      }
    }
    listener(resolve, { referrer: api })
  }

  /** WeChat's own popup (no onNeedPrivacyAuthorization listener) */
  answerPlatformPrivacyPopup(agree: boolean): void {
    for (const p of [...this.pending]) {
      if (agree) {
        this.privacyAgreed = true
        p.proceed()
      } else p.refuse(`${p.api}:fail privacy permission is not authorized`, 104)
    }
  }

  private newTempPath(ext: string): string {
    return `wxfile://tmp/${++this.seq}.${ext}`
  }

  private build(): void {
    const wx = this.wx
    const { cloud } = this.opts

    // privacy
    wx.onNeedPrivacyAuthorization = (fn: any) => {
      this.privacyListener = fn
    }
    this.api('getPrivacySetting', () => ({
      needAuthorization: this.opts.declaredPrivacy.length > 0 && !this.privacyAgreed,
      privacyContractName: '《用户隐私保护指引》',
    }))
    this.api('requirePrivacyAuthorize', () => ({}))
    this.api('openPrivacyContract', () => ({}))

    // pickers
    this.api('chooseMedia', (o) => {
      const allowed: string[] = o.mediaType ?? ['image', 'video']
      this.mediaRequests.push(allowed)
      const next = this.mediaToPick.shift()
      if (!next) throw { errMsg: 'chooseMedia:fail cancel' }
      if (!allowed.includes(next.type) && !allowed.includes('mix')) {
        // the album only offers what mediaType allows: the user cannot pick it, and cancels
        throw { errMsg: 'chooseMedia:fail cancel' }
      }
      const path = next.path
      this.files.set(path, next.bytes)
      return {
        type: next.type,
        tempFiles: [
          { tempFilePath: path, size: next.size ?? next.bytes?.length ?? 20480, fileType: next.type },
        ],
      }
    })
    this.api('chooseMessageFile', (o) => {
      const next = this.filesToPick.shift()
      if (!next) throw { errMsg: 'chooseMessageFile:fail cancel' }
      const ext = next.name.split('.').pop()?.toLowerCase() ?? ''
      if (o.type === 'file' && Array.isArray(o.extension) && !o.extension.includes(ext)) {
        this.violations.push({
          api: 'chooseMessageFile',
          rule: 'chooseMessageFileType',
          errMsg: `.${ext} not offered`,
        })
        throw { errMsg: 'chooseMessageFile:fail cancel' }
      }
      this.files.set(next.path, next.bytes)
      return {
        tempFiles: [
          { path: next.path, name: next.name, size: next.size ?? next.bytes?.length ?? 1024, type: 'file' },
        ],
      }
    })
    this.api('setClipboardData', (o) => {
      this.clipboard.push(String(o.data))
      return {}
    })
    this.api('getClipboardData', () => ({ data: this.clipboard.at(-1) ?? '' }))
    this.api('previewImage', () => ({}))
    this.api('makePhoneCall', (o) => {
      this.phoneCalls.push(String(o.phoneNumber))
      return {}
    })

    // gestures
    this.api('shareFileMessage', (o) => {
      if (!this.files.has(o.filePath)) throw { errMsg: 'shareFileMessage:fail file not found' }
      this.shared.push({ filePath: o.filePath, fileName: o.fileName, bytes: this.files.get(o.filePath) })
      return {}
    })
    this.api('openSetting', () => ({ authSetting: {} }))
    this.api('requestSubscribeMessage', async (o) => {
      const ids: string[] = o.tmplIds ?? []
      this.subscribeRequests.push(ids)
      const known = this.opts.templates ?? {}
      if (ids.length === 0)
        this.refuse('requestSubscribeMessage', 'subscribeIds', "TmplIds can't be empty", 10001)
      if (ids.length > LIMITS.subscribeIdsPerRequest)
        this.refuse('requestSubscribeMessage', 'subscribeIds', 'TmplIds count exceeds the limit', 10005)
      const unknown = ids.filter((id) => !(id in known))
      if (unknown.length)
        this.refuse(
          'requestSubscribeMessage',
          'subscribeIds',
          `Invalid template id ${unknown.join(',')}`,
          20001,
        )
      const res: Record<string, string> = {}
      const titles = new Set<string>()
      for (const id of ids) {
        if (titles.has(known[id])) {
          res[id] = 'filter'
          continue
        }
        titles.add(known[id])
        res[id] = this.subscribeAnswer
        if (this.subscribeAnswer === 'accept') this.grants.set(id, (this.grants.get(id) ?? 0) + 1)
      }
      const offered = ids.filter((id) => res[id] !== 'filter')
      await cloud.subscribe?.(offered, this.subscribeAnswer)
      return res
    })

    // files
    wx.env = { USER_DATA_PATH: 'wxfile://usr' }
    wx.getFileSystemManager = () => ({
      writeFileSync: (path: string, data: string | ArrayBuffer) => {
        this.files.set(
          path,
          typeof data === 'string' ? new Uint8Array(Buffer.from(data)) : new Uint8Array(data),
        )
      },
      readFileSync: (path: string, encoding?: string) => {
        const b = this.files.get(path)
        if (!b) throw new Error(`readFileSync:fail no such file ${path}`)
        return encoding ? Buffer.from(b).toString('utf8') : b.buffer
      },
    })
    this.api('downloadFile', async (o) => {
      const url = new URL(o.url)
      const domains = this.opts.downloadDomains ?? []
      if (!domains.includes(url.host))
        this.refuse('downloadFile', 'downloadDomains', `url not in domain list ${url.host}`)
      const bytes = await cloud.fetch(o.url)
      if (!bytes) return { statusCode: 403, tempFilePath: '' }
      const path = this.newTempPath(url.pathname.split('.').pop() ?? 'bin')
      this.files.set(path, bytes)
      return { statusCode: 200, tempFilePath: path }
    })
    this.api('openDocument', (o) => {
      if (!this.files.has(o.filePath)) throw { errMsg: 'openDocument:fail file not found' }
      this.openedDocuments.push({
        filePath: o.filePath,
        fileType: o.fileType,
        bytes: this.files.get(o.filePath),
      })
      return {}
    })

    // ui
    this.api('showToast', (o) => {
      this.toasts.push(String(o.title))
      return {}
    })
    this.api('showModal', (o) => {
      this.modals.push({ title: o.title, content: o.content })
      return { confirm: true, cancel: false }
    })
    for (const n of [
      'hideToast',
      'showLoading',
      'hideLoading',
      'setNavigationBarTitle',
      'stopPullDownRefresh',
    ])
      this.api(n, () => ({}))
    // SOTER: the device's modes, and its signature of the page's challenge (the emulator holds the device key)
    const soterModes = this.opts.soterModes ?? ['fingerPrint', 'facial']
    this.api('checkIsSupportSoterAuthentication', () => ({ supportMode: soterModes }))
    this.api('startSoterAuthentication', async (o) => {
      const modes: string[] = o.requestAuthModes ?? []
      this.soterRequests.push(modes)
      const mode = modes.find((m) => soterModes.includes(m))
      if (typeof o.challenge !== 'string' || !o.challenge || !mode)
        this.refuse(
          'startSoterAuthentication',
          'soterModes',
          'invalid request auth modes or challenge',
          90003,
        )
      if (!cloud.soterSign) throw { errMsg: 'startSoterAuthentication:fail', errCode: 90010 }
      const signed = await cloud.soterSign(o.challenge, mode)
      return { errCode: 0, authMode: mode, ...signed }
    })
    this.api('getNetworkType', () => ({ networkType: 'wifi' }))
    wx.onNetworkStatusChange = () => undefined
    wx.offNetworkStatusChange = () => undefined
    wx.getSystemInfoSync = () => ({
      platform: 'devtools',
      SDKVersion: '3.6.0',
      windowWidth: 375,
      pixelRatio: 2,
    })
    wx.getWindowInfo = () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 })
    wx.canIUse = () => true

    // pages
    const route = (url: string) => url.replace(/^\//, '').split('?')[0]
    const query = (url: string) => Object.fromEntries(new URLSearchParams(url.split('?')[1] ?? ''))
    // the page is rendered once the call has answered, as WeChat opens it after the tap's handler
    const open = (url: string) => setTimeout(() => this.onOpen?.(route(url), query(url)), 0)
    this.api('navigateTo', (o) => {
      const r = route(o.url)
      if ((this.opts.tabPages ?? []).includes(r))
        this.refuse('navigateTo', 'pageStack', 'can not navigateTo a tabbar page')
      if (this.pageStack.length >= LIMITS.pageStack)
        this.refuse('navigateTo', 'pageStack', 'webview count limit exceed')
      this.pageStack.push(r)
      open(o.url)
      return {}
    })
    this.api('redirectTo', (o) => {
      this.pageStack.pop()
      this.pageStack.push(route(o.url))
      open(o.url)
      return {}
    })
    this.api('navigateBack', () => {
      this.pageStack.pop()
      return {}
    })
    this.api('reLaunch', (o) => {
      this.pageStack.splice(0, this.pageStack.length, route(o.url))
      open(o.url)
      return {}
    })

    // storage
    const bytes = (s: string) => new Uint8Array(Buffer.from(s)).length
    wx.setStorageSync = (key: string, value: unknown) => {
      const text = JSON.stringify(value)
      if (bytes(text) > LIMITS.storageKeyBytes)
        this.refuse('setStorageSync', 'storageLimits', 'exceed storage item max length')
      let total = bytes(text)
      for (const [k, v] of this.storage) if (k !== key) total += bytes(v)
      if (total > LIMITS.storageTotalBytes)
        this.refuse('setStorageSync', 'storageLimits', 'exceed storage max size 10Mb')
      this.storage.set(key, text)
    }
    wx.getStorageSync = (key: string) => (this.storage.has(key) ? JSON.parse(this.storage.get(key)!) : '')
    wx.removeStorageSync = (key: string) => void this.storage.delete(key)
    wx.clearStorageSync = () => this.storage.clear()
    this.api('setStorage', (o) => (wx.setStorageSync(o.key, o.data), {}))
    this.api('getStorage', (o) => {
      if (!this.storage.has(o.key)) throw { errMsg: 'getStorage:fail data not found' }
      return { data: wx.getStorageSync(o.key) }
    })
    this.api('removeStorage', (o) => (wx.removeStorageSync(o.key), {}))

    // cloud
    const wrap = (name: string, impl: (o: any) => Promise<Record<string, unknown>>) => {
      return (o: any = {}) => {
        const p = impl(o).then(
          (r) => ({ errMsg: `cloud.${name}:ok`, ...r }),
          (e) => {
            throw { errCode: e?.errCode ?? -1, errMsg: `cloud.${name}:fail ${e?.errMsg ?? e?.message ?? e}` }
          },
        )
        p.then(
          (r) => {
            o.success?.(r)
            o.complete?.(r)
          },
          (e) => {
            o.fail?.(e)
            o.complete?.(e)
          },
        )
        return p
      }
    }
    wx.cloud = {
      init: () => undefined,
      callFunction: wrap('callFunction', async (o) => ({
        result: await cloud.callFunction(o.name, o.data ?? {}),
      })),
      uploadFile: wrap('uploadFile', async (o) => {
        if (!this.files.has(o.filePath)) throw { errMsg: `no such local file ${o.filePath}` }
        this.uploadedPaths.push(o.filePath)
        const data = this.files.get(o.filePath) ?? new Uint8Array(Buffer.from(`bytes of ${o.filePath}`))
        return { fileID: await cloud.uploadFile(o.cloudPath, o.filePath, data), statusCode: 200 }
      }),
      getTempFileURL: wrap('getTempFileURL', async (o) => {
        const fileList = await Promise.all(
          (o.fileList ?? []).map(async (item: string | { fileID: string; maxAge?: number }) => {
            const fileID = typeof item === 'string' ? item : item.fileID
            const maxAge =
              typeof item === 'string'
                ? LIMITS.defaultTempUrlMaxAge
                : (item.maxAge ?? LIMITS.defaultTempUrlMaxAge)
            this.tempUrlRequests.push({ fileID, maxAge })
            const url = await cloud.tempFileURL(fileID, maxAge)
            return url
              ? { fileID, tempFileURL: url, status: 0, errMsg: 'ok' }
              : { fileID, tempFileURL: '', status: -503003, errMsg: 'storage file not exists' }
          }),
        )
        return { fileList }
      }),
    }
  }
}
