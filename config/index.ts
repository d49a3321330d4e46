import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

const { ALIASES } = require('./aliases') as { ALIASES: Record<string, string> }

const root = path.resolve(__dirname, '..')
const coreDir = path.join(root, 'core')
// sent with make-up calls so the policy's minimum client version can be enforced
const appVersion: string = require('../package.json').version
const isH5 = process.env.TARO_ENV === 'h5'

// NutUI is designed at 375 px; our own styles at 750 px (FIELD-NOTES: UI kit).
const designWidth = (input?: { file?: string } | string | number) => {
  const file = typeof input === 'object' && input ? input.file : undefined
  return file && file.replace(/\\/g, '/').includes('@nutui') ? 375 : 750
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'bu-daka',
    date: '2026-11-28',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Separate folders so the two builds never overwrite each other.
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: ['@tarojs/plugin-html'],
    alias: Object.fromEntries(Object.entries(ALIASES).map(([alias, dir]) => [alias, path.join(root, dir)])),
    // the WeChat runtime has no process.env: the cloud env id is inlined at build time (empty = default env)
    defineConstants: {
      CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      APP_VERSION: JSON.stringify(appVersion),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      prebundle: { enable: false, exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    mini: {
      // core/ sits outside sourceRoot; Taro only transpiles what it is told to include
      compile: { include: [coreDir] },
      // styles are class-scoped, so the order shared CSS lands in common.wxss does not matter
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        sharedChain(chain)
      },
    },
    h5: {
      compile: { include: [coreDir] },
      // the emulator serves this build under /app/
      publicPath: '/app/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: { selectorBlackList: ['nut-'] } },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        sharedChain(chain)
      },
    },
  }
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})

// chinese-days ships an ES module that webpack otherwise parses as CommonJS (FIELD-NOTES: toolchain).
function sharedChain(chain: any) {
  chain.module
    .rule('chinese-days-esm')
    .test(/chinese-days[\\/]dist[\\/]index\.es\.js$/)
    .type('javascript/auto')
}
