// `@tarojs/taro` for components rendered outside a Taro app (FIELD-NOTES: component tests of the H5 flavour):
// the H5 APIs, and page lifecycle hooks that fire when the component mounts, as if its page had just opened.
import React, { useEffect } from 'react'
import ReactDOM from 'react-dom'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'
import * as h5 from '@tarojs/taro-h5'

createH5NativeComponentConfig(null, React, ReactDOM)

const onMount = (cb: () => void) => {
  useEffect(() => cb(), [])
}

export const useLoad = onMount
export const useDidShow = onMount
export const useReady = onMount
export const useDidHide = (_cb: () => void) => undefined
/** the page's query: tests set it with history.replaceState(null, '', '/?id=…') before rendering */
export const useRouter = () => ({
  params: Object.fromEntries(new URLSearchParams(window.location.search)) as Record<
    string,
    string | undefined
  >,
  path: window.location.pathname,
})
export const useUnload = (_cb: () => void) => undefined

export * from '@tarojs/taro-h5'
// Taro's H5 build rewrites `Taro.x` into named imports; here the default export carries them all instead
const Taro = Object.assign({}, (h5 as any).default, h5)
export default Taro
