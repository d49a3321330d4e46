export default definePageConfig({ navigationBarTitleText: '帮助工单' })
