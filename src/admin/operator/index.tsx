import { Button, Input, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { CompanyView, SecurityLogView } from '@core/admin'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { shortTime } from '../labels'
import '../admin.css'

const KIND_LABEL: Record<SecurityLogView['kind'], string> = {
  forgedTimer: '伪造的定时触发',
  unknownInvite: '未知邀请码绑定',
  bindRateLimited: '绑定过于频繁',
}

const EMPTY = { name: '', inviteCode: '', hrEmployeeNo: '', hrName: '' }

// Platform operators: the companies (tenants), a new company with its first HR admin (who then binds with the
// invite code and their employee number), and the security log of refusals that named no company.
export default function Operator() {
  const [companies, setCompanies] = useState<CompanyView[] | null>(null)
  const [form, setForm] = useState(EMPTY)
  const [created, setCreated] = useState<CompanyView | null>(null)
  const [log, setLog] = useState<SecurityLogView[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<Refused | null>(null)

  const loadLog = async (cursor?: string) => {
    const res = await call('admin', 'securityLog', cursor ? { cursor } : {})
    if (!res.ok) return setRefused(res)
    setLog((l) => (cursor ? [...l, ...res.data.items] : res.data.items))
    setNext(res.data.next)
  }

  useDidShow(async () => {
    const res = await call('admin', 'companies', {})
    if (!res.ok) return setRefused(res)
    setCompanies(res.data)
    loadLog()
  })

  const create = async () => {
    setRefused(null)
    setBusy(true)
    const res = await call('admin', 'createCompany', form)
    setBusy(false)
    if (!res.ok) return setRefused(res)
    setCreated(res.data.company)
    setCompanies((list) => [...(list ?? []), res.data.company])
    setForm(EMPTY)
  }

  const field = (key: keyof typeof EMPTY, label: string, placeholder: string) => (
    <View className='ad-row'>
      <Text>{label}</Text>
      <Input
        className={`ad-input new-company-${key}`}
        placeholder={placeholder}
        value={form[key]}
        onInput={(e) => setForm((f) => ({ ...f, [key]: e.detail.value }))}
      />
    </View>
  )

  return (
    <View className='ad-page operator'>
      <View className='ad-card companies'>
        <Text className='ad-title'>企业（{companies?.length ?? '…'}）</Text>
        {companies?.map((c) => (
          <View key={c.id} className='ad-row company-item'>
            <Text>{c.name}</Text>
            <Text className='ad-muted'>邀请码 {c.inviteCode}</Text>
          </View>
        ))}
      </View>

      <View className='ad-card new-company'>
        <Text className='ad-title'>新建企业</Text>
        <Text className='ad-line ad-muted'>第一位 HR 用邀请码和工号绑定后，即可管理本企业。</Text>
        {field('name', '企业名称', '例如：某某科技有限公司')}
        {field('inviteCode', '邀请码', '4–16 位字母或数字')}
        {field('hrEmployeeNo', 'HR 工号', '例如：HR001')}
        {field('hrName', 'HR 姓名', '第一位 HR 管理员')}
        <Button
          className='ad-button ad-button--primary create-company'
          loading={busy}
          disabled={busy || Object.values(form).some((v) => !v.trim()) ? true : undefined}
          onClick={create}
        >
          创建
        </Button>
        {created && (
          <Text className='ad-line company-created'>
            已创建：{created.name}，邀请码 {created.inviteCode}
          </Text>
        )}
        {refused && <RefusalNotice refusal={refused} />}
      </View>

      <View className='ad-card security-log'>
        <Text className='ad-title'>安全日志</Text>
        <Text className='ad-line ad-muted'>被拒绝且不属于任何企业的调用，按小时汇总。</Text>
        {log.length === 0 && <Text className='ad-line ad-muted'>暂无记录</Text>}
        {log.map((e) => (
          <View key={e.id} className='security-entry'>
            <Text className='ad-line'>
              {shortTime(e.lastAt)} · {KIND_LABEL[e.kind] ?? e.kind} · {e.fn} · {e.count} 次
            </Text>
            <Text className='ad-line ad-muted'>
              {e.openid ?? '（无身份或超出上限的调用方）'} · {e.code}
            </Text>
          </View>
        ))}
        {next && (
          <Button className='ad-button' size='mini' onClick={() => loadLog(next)}>
            更早的记录
          </Button>
        )}
      </View>
    </View>
  )
}
