/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.jpg'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | string
    TARO_APP_ID: string
  }
}

/** build-time constant (config/index.ts): the WeChat cloud environment id, '' for the default one */
declare const CLOUD_ENV: string
/** build-time constant: this app's version (package.json), sent as the client version */
declare const APP_VERSION: string
