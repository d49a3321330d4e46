export default definePageConfig({ navigationBarTitleText: '补打卡' })
