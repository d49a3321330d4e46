// The WeChat platform rules the test client (./client.ts) enforces: one row per rule, each citing the WeChat
// documentation page it follows. The client reads its limits and API lists from here, so a rule changes in one place.

export interface Rule {
  /** what WeChat does, in one line */
  says: string
  /** the WeChat documentation page the rule follows */
  source: string
}

/** privacy_key of each privacy-scoped API we model (the keys of WeChat's privacy-guide items) */
export const PRIVACY_SCOPE_OF_API: Record<string, string> = {
  chooseMedia: 'Album',
  chooseImage: 'Album',
  chooseVideo: 'Album',
  chooseMessageFile: 'MessageFile',
  setClipboardData: 'Clipboard',
  getClipboardData: 'Clipboard',
  getLocation: 'Location',
  chooseLocation: 'ChooseLocation',
  chooseAddress: 'Address',
  saveImageToPhotosAlbum: 'AlbumWriteOnly',
}

/** APIs WeChat runs only from a user's tap ("仅在点击行为时调用") */
export const GESTURE_APIS = ['requestSubscribeMessage', 'shareFileMessage', 'openSetting'] as const

export const LIMITS = {
  subscribeIdsPerRequest: 3,
  pageStack: 10,
  storageKeyBytes: 1024 * 1024,
  storageTotalBytes: 10 * 1024 * 1024,
  /** a privacy-scoped call still pending after this long is a hang (the page never answered) */
  privacyHangMs: 3000,
  /** cloud storage temp URL validity when the caller gives no maxAge (seconds) */
  defaultTempUrlMaxAge: 86400,
}

export const RULES = {
  privacyScopeDeclared: {
    says:
      'a privacy-scoped API whose privacy type is not declared in the privacy guide fails with errno 112 ' +
      '"api scope is not declared in the privacy agreement"',
    source: 'https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html',
  },
  privacyScopeKeys: {
    says: 'the privacy types are the guide items Album, Camera, MessageFile, Clipboard, Location, …',
    source:
      'https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/privacy-management/setPrivacySetting.html',
  },
  privacyPending: {
    says:
      'before the user agrees, a privacy API raises onNeedPrivacyAuthorization and stays pending until ' +
      "resolve({event:'agree', buttonId}) (after that agree button was tapped) or resolve({event:'disagree'}), " +
      'which fails it with "privacy permission is not authorized"',
    source:
      'https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html',
  },
  privacySetting: {
    says:
      'getPrivacySetting answers needAuthorization: true while privacy types are declared and the user has not ' +
      'agreed to the current guide',
    source: 'https://mp.weixin.qq.com/debug/wxadoc/dev/api/open-api/privacy/wx.getPrivacySetting.html',
  },
  shareFileOnTap: {
    says: 'shareFileMessage only from a tap: "fail can only be invoked by user TAP gesture" otherwise',
    source: 'https://developers.weixin.qq.com/miniprogram/dev/api/share/wx.shareFileMessage.html',
  },
  subscribeOnTap: {
    says: 'requestSubscribeMessage only after a tap (since base library 2.8.2)',
    source:
      'https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html',
  },
  subscribeIds: {
    says:
      'at most 3 template ids per call (older clients; the current page says 5), ids configured for this AppID ' +
      '(10004 otherwise), templates with the same title are filtered; each accept is one send',
    source:
      'https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html',
  },
  chooseMediaType: {
    says: "chooseMedia offers what mediaType allows; the default is ['image', 'video']",
    source: 'https://developers.weixin.qq.com/miniprogram/dev/api/media/video/wx.chooseMedia.html',
  },
  chooseMessageFileType: {
    says: 'chooseMessageFile offers files of `type` and, for type file, only the given extensions',
    source: 'https://developers.weixin.qq.com/miniprogram/dev/api/media/image/wx.chooseMessageFile.html',
  },
  pageStack: {
    says: 'navigateTo keeps at most 10 pages on the stack and cannot open a tabBar page',
    source: 'https://developers.weixin.qq.com/miniprogram/dev/api/route/wx.navigateTo.html',
  },
  storageLimits: {
    says: 'one storage key holds at most 1 MB, all keys together at most 10 MB',
    source: 'https://developers.weixin.qq.com/miniprogram/dev/api/storage/wx.setStorageSync.html',
  },
  downloadDomains: {
    says: 'downloadFile reaches only hosts in the downloadFile domain list ("url not in domain list")',
    source: 'https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html',
  },
  phoneNumberButton: {
    says:
      'the phone number comes only from a tap on <button open-type="getPhoneNumber">: bindgetphonenumber gets a ' +
      'one-time code (5 minutes) for the function to exchange through phonenumber.getPhoneNumber; a user who ' +
      'declines gets "getPhoneNumber:fail user deny" and no code',
    source: 'https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/getPhoneNumber.html',
  },
  soterModes: {
    says:
      'startSoterAuthentication needs a challenge and requestAuthModes the device supports ' +
      '(checkIsSupportSoterAuthentication: fingerPrint, facial); it answers resultJSON and its SHA256withRSA/PSS ' +
      'signature by the device key',
    source:
      'https://developers.weixin.qq.com/miniprogram/dev/api/open-api/soter/wx.startSoterAuthentication.html',
  },
  tempUrlMaxAge: {
    says: 'a private file temp URL lives maxAge seconds, 86400 (24 h) by default',
    source:
      'https://developers.weixin.qq.com/minigame/dev/wxcloudrun/src/development/storage/miniapp/gettempurl.html',
  },
} satisfies Record<string, Rule>

export type RuleId = keyof typeof RULES
