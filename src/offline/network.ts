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
