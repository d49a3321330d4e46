export default definePageConfig({ navigationBarTitleText: '开通申请' })
