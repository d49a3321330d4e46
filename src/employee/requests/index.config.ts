export default definePageConfig({ navigationBarTitleText: '我的补卡申请' })
