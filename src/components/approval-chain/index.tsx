// A request's approval chain (审批流程) as both the employee and the reviewers see it: each step with who decides
// it, how it came to be (转交 / 加签), and whether it is done, waiting for a decision now, or still to come.
import { Text, View } from '@tarojs/components'
import type { ChainView } from '@core/makeup'
import './index.css'

const STATE_LABEL = { done: '已处理', current: '审批中', waiting: '未开始' } as const
const VIA_LABEL = { transfer: '转交', before: '加签', after: '加签' } as const

export default function ApprovalChain({ chain }: { chain: ChainView }) {
  return (
    <View className='approval-chain'>
      {chain.steps.map((s, i) => (
        <View key={i} className={`chain-step chain-step--${s.state}`}>
          <Text className='chain-step__no'>{i + 1}</Text>
          <Text className='chain-step__who'>
            {s.label}
            {s.via ? `（${VIA_LABEL[s.via]}）` : ''}
          </Text>
          <Text className='chain-step__state'>
            {s.state === 'done' && s.decidedBy ? `${s.decidedBy} ${STATE_LABEL.done}` : STATE_LABEL[s.state]}
          </Text>
        </View>
      ))}
      {chain.cc.length > 0 && <Text className='chain-cc'>抄送：{chain.cc.join('、')}</Text>}
    </View>
  )
}
