// The "update" next step (CLIENT_TOO_OLD). WeChat checks for a new version at every launch and downloads it by
// itself; we only listen (UpdateManager, from app.ts) and restart into it when the member asks or it is ready.
import Taro from '@tarojs/taro'

let manager: Taro.UpdateManager | null = null
let ready = false

/** Called once at launch on weapp: remember a downloaded version, and offer it at once. */
export function watchUpdates(): void {
  // base libraries and simulators without the API just skip it
  if (typeof Taro.getUpdateManager !== 'function') return
  manager = Taro.getUpdateManager()
  manager.onUpdateReady(() => {
    ready = true
    Taro.showModal({
      title: '发现新版本',
      content: '新版本已下载，重启小程序即可使用',
      showCancel: false,
    }).then(() => manager?.applyUpdate())
  })
}

/** The member tapped "更新小程序": restart into the downloaded version, or say what else to do. */
export function updateNow(): void {
  if (process.env.TARO_ENV === 'h5') {
    // the browser build: a reload fetches the latest build the server has
    window.location.reload()
    return
  }
  if (manager && ready) {
    manager.applyUpdate()
    return
  }
  Taro.showModal({
    title: '更新小程序',
    content: '新版本会在打开小程序时自动下载。请先将微信升级到最新版本，然后完全退出并重新打开小程序。',
    showCancel: false,
  })
}
