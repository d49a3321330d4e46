export default definePageConfig({ navigationBarTitleText: '特殊情况申请' })
