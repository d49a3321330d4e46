export default definePageConfig({ navigationBarTitleText: '补卡规则' })
