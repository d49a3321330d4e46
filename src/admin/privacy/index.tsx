import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { DeletionRequestView, LegalBasis } from '@core/privacy'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { shortTime } from '../labels'
import '../admin.css'

// the choices core/privacy offers (RETENTION_CHOICES), written out so the page needs only its types
const RETENTION: (30 | 90 | 180)[] = [30, 90, 180]
const BASIS: [LegalBasis, string, string][] = [
  ['consent', '员工单独同意', '员工同意后才处理其健康信息，可随时撤回'],
  ['hrManagement', '人力资源管理所必需', '依法实施人力资源管理所必需；仍向员工告知并记录同意'],
]

// HR's privacy settings: how long health details are kept, the legal basis the consent text states, and members'
// requests to delete their health data (confirming removes it at once).
export default function PrivacySettings() {
  const [settings, setSettings] = useState<{ retentionDays: number; legalBasis: LegalBasis } | null>(null)
  const [requests, setRequests] = useState<DeletionRequestView[]>([])
  const [refused, setRefused] = useState<Refused | null>(null)
  const [notice, setNotice] = useState('')

  const load = async () => {
    const [s, d] = await Promise.all([
      call('privacy', 'settings', {}),
      call('privacy', 'deletionRequests', {}),
    ])
    if (!s.ok) return setRefused(s)
    setSettings(s.data)
    if (d.ok) setRequests(d.data)
  }
  useDidShow(() => {
    void load()
  })

  const save = async (patch: { retentionDays?: 30 | 90 | 180; legalBasis?: LegalBasis }) => {
    setRefused(null)
    const res = await call('privacy', 'settings', patch)
    if (!res.ok) return setRefused(res)
    setSettings(res.data)
    setNotice('已保存')
  }

  const confirm = async (r: DeletionRequestView) => {
    const ok = await Taro.showModal({
      title: '确认删除',
      content: `将立即删除 ${r.name} 的健康信息和附件（打卡日期与审核结果保留），不可恢复。`,
    })
    if (!ok.confirm) return
    setRefused(null)
    const res = await call('privacy', 'confirmDeletion', { memberId: r.memberId })
    if (!res.ok) return setRefused(res)
    const d = res.data
    setNotice(`已删除 ${r.name} 的健康信息：打卡 ${d.checkins} 条、补卡 ${d.makeups} 条、附件 ${d.files} 个`)
    void load()
  }

  return (
    <View className='ad-page privacy-settings'>
      {notice && <Text className='ad-notice privacy-notice'>{notice}</Text>}
      {refused && <RefusalNotice refusal={refused} />}
      {settings && (
        <View className='ad-card'>
          <Text className='ad-title'>健康信息保存期限</Text>
          <Text className='ad-line ad-muted'>
            超过期限的记录会删除体温、健康码等健康信息，只保留日期与结果
          </Text>
          <View className='ad-chips'>
            {RETENTION.map((d) => (
              <Text
                key={d}
                className={`ad-chip retention-${d} ${settings.retentionDays === d ? 'ad-chip--on' : ''}`}
                onClick={() => save({ retentionDays: d })}
              >
                {d} 天
              </Text>
            ))}
          </View>
          <Text className='ad-title'>处理依据</Text>
          {BASIS.map(([b, label, desc]) => (
            <View
              key={b}
              className={`ad-row legal-basis legal-basis--${b}`}
              onClick={() => save({ legalBasis: b })}
            >
              <View>
                <Text className='ad-line'>{label}</Text>
                <Text className='ad-line ad-muted'>{desc}</Text>
              </View>
              {settings.legalBasis === b && <Text className='ad-tag'>当前</Text>}
            </View>
          ))}
        </View>
      )}
      <View className='ad-card deletion-requests'>
        <Text className='ad-title'>删除申请</Text>
        {requests.length === 0 && <Text className='ad-line ad-muted'>没有待处理的删除申请</Text>}
        {requests.map((r) => (
          <View key={r.memberId} className='ad-row deletion-request' data-member={r.memberId}>
            <View>
              <Text className='ad-line'>
                {r.name}（{r.employeeNo}）{r.status === 'left' ? ' · 已离职' : ''}
              </Text>
              <Text className='ad-line ad-muted'>申请于 {shortTime(r.requestedAt)}</Text>
            </View>
            <Button
              className='ad-button ad-button--danger confirm-deletion'
              size='mini'
              onClick={() => confirm(r)}
            >
              确认删除
            </Button>
          </View>
        ))}
      </View>
    </View>
  )
}
