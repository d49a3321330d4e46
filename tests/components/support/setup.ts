// Taro's H5 code reads these at import time.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
// build-time constants Taro's H5 build defines (webpack DefinePlugin)
Object.assign(globalThis, { DEPRECATED_ADAPTER_COMPONENT: false, CLOUD_ENV: '', APP_VERSION: '0.1.0' })
