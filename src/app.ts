import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import './app.css'
import { installPrivacyHandler } from './components/privacy/guide'

// The mini program reaches its functions through WeChat; H5 goes to the emulator gateway (src/cloud).
if (process.env.TARO_ENV === 'weapp') {
  // TARO_APP_CLOUD_ENV at build time picks the cloud environment; unset, WeChat uses the default one.
  Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
  // WeChat downloads a new version in the background; apply it, since the policy may refuse old clients
  // (CLIENT_TOO_OLD). Guarded: base libraries and simulators without the API just skip it.
  if (typeof Taro.getUpdateManager === 'function') {
    const updates = Taro.getUpdateManager()
    updates.onUpdateReady(() => {
      Taro.showModal({
        title: '发现新版本',
        content: '新版本已下载，重启小程序即可使用',
        showCancel: false,
      }).then(() => updates.applyUpdate())
    })
  }
}

// WeChat pauses privacy APIs (image picking, camera) until the user agrees to the privacy guide: our sheet answers
installPrivacyHandler()

export default function App({ children }: PropsWithChildren) {
  return children
}
