export default definePageConfig({ navigationBarTitleText: '代审设置' })
