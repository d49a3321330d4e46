export default definePageConfig({ navigationBarTitleText: '批量代为登记' })
