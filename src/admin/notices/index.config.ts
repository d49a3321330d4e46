export default definePageConfig({ navigationBarTitleText: '提醒时间' })
