export default definePageConfig({ navigationBarTitleText: '请假与出差' })
