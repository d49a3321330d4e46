import { Text, View } from '@tarojs/components'
import './index.css'

// The HR subpackage: reviewing, policies and members live here so employees never download them.
export default function HrHome() {
  return (
    <View className='hr'>
      <Text className='hr__title'>审核与管理</Text>
      <Text className='hr__text'>审核补卡申请、配置补卡规则和管理成员的功能将在这里提供。</Text>
    </View>
  )
}
