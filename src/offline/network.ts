import Taro from '@tarojs/taro'

/** Calls `cb` whenever the device gets its connection back; returns the unsubscribe function. */
export function onReconnect(cb: () => void): () => void {
  // H5: Taro listens to navigator.connection, which browsers do not always have; 'online' always fires
  if (process.env.TARO_ENV === 'h5') {
    window.addEventListener('online', cb)
    return () => window.removeEventListener('online', cb)
  }
  const listener = (res: { isConnected: boolean }) => {
    if (res.isConnected) cb()
  }
  Taro.onNetworkStatusChange(listener)
  return () => Taro.offNetworkStatusChange(listener)
}

/**
 * Tells `cb` whether the device is online now, then at every change; returns the unsubscribe function.
 * WeChat: `getNetworkType` ('none' = offline) for the start, `onNetworkStatusChange` (`isConnected`) after.
 */
export function watchOnline(cb: (online: boolean) => void): () => void {
  if (process.env.TARO_ENV === 'h5') {
    const on = () => cb(true)
    const off = () => cb(false)
    cb(navigator.onLine)
    window.addEventListener('online', on)
    window.addEventListener('offline', off)
    return () => {
      window.removeEventListener('online', on)
      window.removeEventListener('offline', off)
    }
  }
  let live = true
  Taro.getNetworkType({
    success: (res) => live && cb(res.networkType !== 'none'),
  })
  const listener = (res: { isConnected: boolean }) => cb(res.isConnected)
  Taro.onNetworkStatusChange(listener)
  return () => {
    live = false
    Taro.offNetworkStatusChange(listener)
  }
}
