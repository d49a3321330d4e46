import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { AdminMemberView, DeptNode, ImportJobView } from '@core/admin'
import { ERRORS, isErrorCode } from '@core/shared'
import { call, uploadFile } from '@/cloud'
import { randomId } from '@/cloud/ids'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { FIELD_LABEL, ROLE_LABEL } from '../labels'
import { flatten } from '../depts'
import { pickFile } from '@/components/pick-file'
import PrivacySheet from '@/components/privacy'
import '../admin.css'

const rowError = (e: ImportJobView['errors'][number]) =>
  `第 ${e.line} 行${e.employeeNo ? `（${e.employeeNo}）` : ''}：${isErrorCode(e.code) ? ERRORS[e.code].message : e.code}` +
  (e.field ? `（${FIELD_LABEL[e.field] ?? e.field}）` : '')

// Members: department filter and switches, the list (tap to edit), import from CSV/XLSX with progress and row errors.
export default function Members() {
  const [tree, setTree] = useState<DeptNode[]>([])
  const [dept, setDept] = useState('')
  const [status, setStatus] = useState<'active' | 'left'>('active')
  const [items, setItems] = useState<AdminMemberView[]>([])
  const [next, setNext] = useState<number | null>(null)
  const [job, setJob] = useState<ImportJobView | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async (d: string, s: 'active' | 'left', offset = 0) => {
    setRefused(null)
    const res = await call('admin', 'members', { ...(d ? { dept: d } : {}), status: s, offset })
    if (!res.ok) return setRefused(res)
    setItems((prev) => (offset ? [...prev, ...res.data.items] : res.data.items))
    setNext(res.data.next)
  }, [])

  const loadTree = async () => {
    const res = await call('admin', 'departments', {})
    if (res.ok) setTree(res.data.tree)
  }

  useDidShow(() => {
    loadTree()
    load(dept, status)
  })

  const filter = (d: string, s = status) => {
    setDept(d)
    setStatus(s)
    load(d, s)
  }

  const switchDept = async (node: DeptNode) => {
    const res = await call('admin', 'setDeptMakeup', { dept: node.name, enabled: !node.makeupEnabled })
    if (!res.ok) return setRefused(res)
    setTree(res.data.tree)
    load(dept, status)
  }

  const addDept = async () => {
    const r = await Taro.showModal({
      title: '新增部门',
      editable: true,
      placeholderText: '部门名称',
    } as never)
    const name = (r as { content?: string }).content?.trim()
    if (!r.confirm || !name) return
    const res = await call('admin', 'saveDepartment', { name, parent: dept || null })
    if (!res.ok) return setRefused(res)
    setTree(res.data.tree)
  }

  /** Only an empty department goes (no members, no sub-departments): the function refuses otherwise, saying why. */
  const removeDept = async (name: string) => {
    const r = await Taro.showModal({
      title: '删除部门',
      content: `删除「${name}」？部门内须已没有成员和下级部门。`,
    })
    if (!r.confirm) return
    setRefused(null)
    const res = await call('admin', 'removeDepartment', { name })
    if (!res.ok) return setRefused(res)
    setTree(res.data.tree)
    filter('')
  }

  const importSheet = async () => {
    setRefused(null)
    const picked = await pickFile(['csv', 'xlsx'])
    if (!picked) return
    setBusy(true)
    const me = await call('admin', 'me', {})
    if (!me.ok) return (setBusy(false), setRefused(me))
    const ext = picked.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv'
    const up = await uploadFile(picked.file, `companies/${me.data.company.id}/admin/${randomId()}.${ext}`)
    if (!up.ok) return (setBusy(false), setRefused(up))
    let res = await call('admin', 'importStart', { fileID: up.data })
    while (res.ok && res.data.status === 'running') {
      setJob(res.data)
      res = await call('admin', 'importContinue', { jobId: res.data.id })
    }
    setBusy(false)
    if (!res.ok) return setRefused(res)
    setJob(res.data)
    load(dept, status)
  }

  const depts = flatten(tree)
  return (
    <View className='ad-page members-page'>
      <View className='ad-card'>
        <Text className='ad-title'>部门</Text>
        <View className='ad-chips'>
          <Text className={`ad-chip ${dept === '' ? 'ad-chip--on' : ''}`} onClick={() => filter('')}>
            全部
          </Text>
          {depts.map((d) => (
            <Text
              key={d.name}
              className={`ad-chip dept-chip ${dept === d.name ? 'ad-chip--on' : ''}`}
              onClick={() => filter(d.name)}
            >
              {d.label.trim()}
              {d.node.makeupEnabled ? '' : '（补卡已关闭）'}
            </Text>
          ))}
          <Text className='ad-chip add-dept' onClick={addDept}>
            ＋ 部门
          </Text>
        </View>
        {dept && (
          <View className='ad-row'>
            <Text>本部门及下级部门的补卡功能</Text>
            <Text
              className='ad-link dept-makeup-switch'
              onClick={() => switchDept(depts.find((d) => d.name === dept)!.node)}
            >
              {depts.find((d) => d.name === dept)?.node.makeupEnabled ? '关闭' : '开启'}
            </Text>
            <Text className='ad-link remove-dept' onClick={() => removeDept(dept)}>
              删除部门
            </Text>
          </View>
        )}
        <View className='ad-chips'>
          <Text
            className={`ad-chip ${status === 'active' ? 'ad-chip--on' : ''}`}
            onClick={() => filter(dept, 'active')}
          >
            在职
          </Text>
          <Text
            className={`ad-chip ${status === 'left' ? 'ad-chip--on' : ''}`}
            onClick={() => filter(dept, 'left')}
          >
            已停用
          </Text>
        </View>
      </View>

      <View className='ad-card'>
        <Text className='ad-title'>批量导入</Text>
        <Text className='ad-line ad-muted'>
          CSV 或 XLSX，列：工号、姓名、部门、地区（可选：角色、入职日期）。按工号更新，可重复导入。
        </Text>
        <Button
          className='ad-button ad-button--primary import-button'
          loading={busy}
          disabled={busy || undefined}
          onClick={importSheet}
        >
          选择文件导入
        </Button>
        {job && (
          <View className='import-result'>
            <Text className='ad-line import-progress'>
              {job.status === 'done' ? '导入完成' : '导入中'}：{job.processed}/{job.total} 行，新增{' '}
              {job.created}，更新 {job.updated}，有误 {job.errors.length}
            </Text>
            {job.errors.slice(0, 50).map((e) => (
              <Text key={e.line} className='ad-line ad-muted import-error'>
                {rowError(e)}
              </Text>
            ))}
          </View>
        )}
      </View>

      {refused && <RefusalNotice refusal={refused} />}

      <View className='ad-card'>
        {items.length === 0 && <Text className='ad-empty'>没有成员</Text>}
        {items.map((m) => (
          <View
            key={m.id}
            className='ad-row member-item'
            onClick={() => Taro.navigateTo({ url: `/admin/member/index?id=${m.id}` })}
          >
            <Text>
              {m.name} · {m.employeeNo} · {m.dept} · {m.region}
            </Text>
            <Text className={`ad-tag ${m.makeupEnabled ? '' : 'ad-tag--off'}`}>
              {
                ROLE_LABEL[
                  (['operator', 'hr', 'reviewer'] as const).find((r) => m.roles.includes(r)) ?? 'employee'
                ]
              }
              {m.makeupEnabled ? '' : ' · 未开通'}
            </Text>
          </View>
        ))}
        {next !== null && (
          <Button className='ad-button load-more' onClick={() => load(dept, status, next)}>
            加载更多
          </Button>
        )}
      </View>
      {/* picking the sheet from a chat is a privacy API: WeChat asks through our sheet on this page too */}
      <PrivacySheet />
    </View>
  )
}
