import Taro from '@tarojs/taro'

// H5 only: the browser has no WeChat identity, so a dev switcher picks which seeded user the gateway acts as.
const KEY = 'dev-openid'
export const DEFAULT_OPENID = 'o-emp-01'

export function currentOpenid(): string {
  try {
    return (Taro.getStorageSync(KEY) as string) || DEFAULT_OPENID
  } catch {
    return DEFAULT_OPENID
  }
}

export function setOpenid(openid: string): void {
  Taro.setStorageSync(KEY, openid)
}
