export default definePageConfig({ navigationBarTitleText: '员工记录与审计' })
