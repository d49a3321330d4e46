import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { AuditView, CompanyView } from '@core/admin'
import { call } from '../cloud'
import RefusalNotice, { type Refused } from '../components/refusal-notice'
import { shortTime } from './labels'
import './admin.css'

const SECTIONS = [
  {
    url: '/admin/members/index',
    title: '成员管理',
    desc: '名单、导入、部门与角色、停用',
    cls: 'members-link',
  },
  {
    url: '/admin/policy/index',
    title: '补卡规则',
    desc: '时限、额度、审核、地区规则、预览',
    cls: 'policy-link',
  },
  {
    url: '/admin/access/index',
    title: '开通申请',
    desc: '员工申请开通补打卡：开通或不予开通',
    cls: 'access-link',
  },
  {
    url: '/admin/privacy/index',
    title: '隐私设置',
    desc: '保存期限、处理依据、删除申请',
    cls: 'privacy-link',
  },
  { url: '/admin/maintenance/index', title: '系统维护', desc: '维护时段与公告', cls: 'maintenance-link' },
  {
    url: '/admin/leave/index',
    title: '请假与出差',
    desc: '登记请假、出差、免打卡（按人或批量导入）',
    cls: 'leave-link',
  },
  {
    url: '/admin/notices/index',
    title: '提醒时间',
    desc: '每日打卡提醒、审核提醒与升级、额度截止提醒',
    cls: 'notices-link',
  },
  { url: '/admin/help/index', title: '帮助中心', desc: '联系人与常见问题', cls: 'help-link' },
  {
    url: '/admin/webhook/index',
    title: '数据同步',
    desc: '推送打卡与审核结果到企业系统',
    cls: 'webhook-link',
  },
]

// The HR admin's settings home: the company and its invite code, the sections, the latest audit entries.
export default function AdminHome() {
  const [company, setCompany] = useState<CompanyView | null>(null)
  const [audit, setAudit] = useState<AuditView[]>([])
  const [refused, setRefused] = useState<Refused | null>(null)

  useDidShow(async () => {
    const me = await call('admin', 'me', {})
    if (!me.ok) return setRefused(me)
    setCompany(me.data.company)
    const log = await call('admin', 'audit', {})
    if (log.ok) setAudit(log.data.items.slice(0, 8))
  })

  const rotate = async () => {
    const ok = await Taro.showModal({
      title: '更换邀请码',
      content: '旧邀请码将立即失效，已绑定的员工不受影响。',
    })
    if (!ok.confirm) return
    const res = await call('admin', 'invite', { rotate: true })
    if (!res.ok) return setRefused(res)
    setCompany((c) => (c ? { ...c, inviteCode: res.data.inviteCode } : c))
  }

  return (
    <View className='ad-page admin-home'>
      {refused && <RefusalNotice refusal={refused} />}
      {company && (
        <View className='ad-card'>
          <Text className='ad-title'>{company.name}</Text>
          <View className='ad-row'>
            <Text>员工邀请码</Text>
            <Text className='invite-code'>{company.inviteCode}</Text>
          </View>
          <Button className='ad-button rotate-invite' size='mini' onClick={rotate}>
            更换邀请码
          </Button>
        </View>
      )}
      {SECTIONS.map((s) => (
        <View key={s.url} className={`ad-card ${s.cls}`} onClick={() => Taro.navigateTo({ url: s.url })}>
          <Text className='ad-title'>{s.title} ›</Text>
          <Text className='ad-line ad-muted'>{s.desc}</Text>
        </View>
      ))}
      {audit.length > 0 && (
        <View className='ad-card audit-log'>
          <View className='ad-row'>
            <Text className='ad-title'>最近变更</Text>
            <Text
              className='ad-link audit-all'
              onClick={() => Taro.navigateTo({ url: '/admin/audit/index' })}
            >
              查看全部 ›
            </Text>
          </View>
          {audit.map((a, i) => (
            <View key={i} className='audit-entry'>
              <Text className='ad-line'>
                {shortTime(a.at)} · {a.actor} · {a.action}
              </Text>
              {a.changes.slice(0, 3).map((c) => (
                <Text key={c} className='ad-line ad-muted'>
                  {c}
                </Text>
              ))}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
