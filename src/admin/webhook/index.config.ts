export default definePageConfig({ navigationBarTitleText: '数据同步' })
