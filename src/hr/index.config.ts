export default definePageConfig({ navigationBarTitleText: '审核与管理' })
