import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import './app.css'
import { watchUpdates } from './components/next-step/update'
import { installPrivacyHandler } from './components/privacy/guide'

// The mini program reaches its functions through WeChat; H5 goes to the emulator gateway (src/cloud).
if (process.env.TARO_ENV === 'weapp') {
  // TARO_APP_CLOUD_ENV at build time picks the cloud environment; unset, WeChat uses the default one.
  Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
  // WeChat downloads a new version in the background; apply it, since the policy may refuse old clients
  // (CLIENT_TOO_OLD)
  watchUpdates()
}

// WeChat pauses privacy APIs (image picking, camera) until the user agrees to the privacy guide: our sheet answers
installPrivacyHandler()

export default function App({ children }: PropsWithChildren) {
  return children
}
