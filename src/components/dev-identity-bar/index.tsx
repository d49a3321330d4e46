import { Picker, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { listIdentities, type DevIdentity } from '@/cloud/gateway'
import { currentOpenid, setOpenid } from '@/cloud/identity'
import './index.css'

/** Local development only (H5 on the emulator): act as any seeded user. Never rendered on weapp. */
export default function DevIdentityBar({ onSwitch }: { onSwitch: () => void }) {
  const [ids, setIds] = useState<DevIdentity[]>([])
  const [openid, setCurrent] = useState(currentOpenid())
  useEffect(() => {
    listIdentities().then(setIds, () => setIds([]))
  }, [])
  const index = Math.max(
    0,
    ids.findIndex((i) => i.openid === openid),
  )
  const current = ids.find((i) => i.openid === openid)
  return (
    <View className='dev-bar'>
      <Text className='dev-bar__tag'>本地开发 · 身份切换</Text>
      <Picker
        mode='selector'
        range={ids.map((i) => `${i.label}（${i.openid}）`)}
        value={index}
        onChange={(e) => {
          const next = ids[Number(e.detail.value)]
          if (!next) return
          setOpenid(next.openid)
          setCurrent(next.openid)
          onSwitch()
        }}
      >
        <Text className='dev-bar__who'>{current ? `${current.label}（${openid}）` : openid} ▾</Text>
      </Picker>
    </View>
  )
}
