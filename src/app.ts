import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import './app.css'

// The mini program reaches its functions through WeChat; H5 goes to the emulator gateway (src/cloud).
if (process.env.TARO_ENV === 'weapp') {
  // TARO_APP_CLOUD_ENV at build time picks the cloud environment; unset, WeChat uses the default one.
  Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
}

export default function App({ children }: PropsWithChildren) {
  return children
}
