export default definePageConfig({ navigationBarTitleText: '补卡审核' })
