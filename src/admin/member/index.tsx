import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { AdminMemberView, DeptNode } from '@core/admin'
import type { Role } from '@core/shared'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { ROLE_LABEL } from '../labels'
import { flatten } from '../depts'
import '../admin.css'

const EDITABLE_ROLES: Role[] = ['reviewer', 'hr']

// One member: department (from the tree), region, roles, make-up switch, region checks confirmed by hand;
// deactivation keeps their history.
export default function MemberEdit() {
  const id = useRouter().params.id ?? ''
  const [m, setM] = useState<AdminMemberView | null>(null)
  const [tree, setTree] = useState<DeptNode[]>([])
  const [refused, setRefused] = useState<Refused | null>(null)
  const [saved, setSaved] = useState('')

  useEffect(() => {
    call('admin', 'member', { memberId: id }).then((r) => (r.ok ? setM(r.data) : setRefused(r)))
    call('admin', 'departments', {}).then((r) => r.ok && setTree(r.data.tree))
  }, [id])

  if (!m) return <View className='ad-page'>{refused && <RefusalNotice refusal={refused} />}</View>

  const save = async () => {
    setRefused(null)
    const res = await call('admin', 'updateMember', {
      memberId: m.id,
      dept: m.dept,
      region: m.region,
      roles: m.roles,
      makeupEnabled: m.makeupEnabled,
      identityBound: m.identityBound,
    })
    if (!res.ok) return setRefused(res)
    setM(res.data)
    setSaved('已保存')
  }

  const deactivate = async () => {
    const ok = await Taro.showModal({
      title: '停用成员',
      content: `停用后 ${m.name} 将无法登录，历史记录保留。`,
    })
    if (!ok.confirm) return
    const res = await call('admin', 'deactivate', { memberId: m.id, reason: '管理员停用' })
    if (!res.ok) return setRefused(res)
    setM(res.data)
    setSaved('已停用')
  }

  const toggleRole = (r: Role) =>
    setM({ ...m, roles: m.roles.includes(r) ? m.roles.filter((x) => x !== r) : [...m.roles, r] })
  const depts = flatten(tree).map((d) => d.name)

  return (
    <View className='ad-page member-edit'>
      <View className='ad-card'>
        <Text className='ad-title'>
          {m.name}（{m.employeeNo}）
        </Text>
        <Text className='ad-line ad-muted'>
          入职 {m.joinedOn} · {m.status === 'active' ? (m.bound ? '已绑定微信' : '未绑定') : '已停用'}
        </Text>
        <View className='ad-row'>
          <Text>部门</Text>
          {depts.length ? (
            <Picker
              mode='selector'
              range={depts}
              onChange={(e) => setM({ ...m, dept: depts[Number(e.detail.value)] })}
            >
              <Text className='ad-link member-dept'>{m.dept} ▾</Text>
            </Picker>
          ) : (
            <Input
              className='ad-input member-dept'
              value={m.dept}
              onInput={(e) => setM({ ...m, dept: e.detail.value })}
            />
          )}
        </View>
        <View className='ad-row'>
          <Text>地区</Text>
          <Input
            className='ad-input member-region'
            value={m.region}
            onInput={(e) => setM({ ...m, region: e.detail.value })}
          />
        </View>
        <View className='ad-row'>
          <Text>角色</Text>
          <View className='ad-chips'>
            {EDITABLE_ROLES.map((r) => (
              <Text
                key={r}
                className={`ad-chip role-${r} ${m.roles.includes(r) ? 'ad-chip--on' : ''}`}
                onClick={() => toggleRole(r)}
              >
                {ROLE_LABEL[r]}
              </Text>
            ))}
          </View>
        </View>
        <View className='ad-row'>
          <Text>补卡功能</Text>
          <Switch
            className='member-makeup'
            checked={m.makeupEnabled}
            color='#16a34a'
            onChange={(e) => setM({ ...m, makeupEnabled: e.detail.value })}
          />
        </View>
        {/* for a member whose WeChat phone number cannot match the roster: HR confirms the identity by hand, audited */}
        <View className='ad-row'>
          <Text>实名身份已核验</Text>
          <Switch
            className='member-identity'
            checked={m.identityBound}
            color='#16a34a'
            onChange={(e) => setM({ ...m, identityBound: e.detail.value })}
          />
        </View>
        <View className='ad-row'>
          <Text>额外身份验证（人脸/指纹）</Text>
          <Text>
            {m.extraVerifiedUntil
              ? `有效至 ${m.extraVerifiedUntil.slice(0, 10)}`
              : '未验证（员工在"身份验证"页完成）'}
          </Text>
        </View>
        <Button className='ad-button ad-button--primary save-member' onClick={save}>
          保存
        </Button>
        <Button
          className='ad-button preview-member-policy'
          onClick={() => Taro.navigateTo({ url: `/admin/policy/index?memberId=${m.id}` })}
        >
          预览此成员的可补卡日期
        </Button>
        {m.status === 'active' && (
          <Button className='ad-button ad-button--danger deactivate-member' onClick={deactivate}>
            停用成员
          </Button>
        )}
      </View>
      {saved && <Text className='ad-notice'>{saved}</Text>}
      {refused && <RefusalNotice refusal={refused} />}
    </View>
  )
}
