export default definePageConfig({ navigationBarTitleText: '今日未打卡' })
