// Words the admin pages show for roles, policy choices and import fields.
import type { Role } from '@core/shared'

export const ROLE_LABEL: Record<Role, string> = {
  employee: '员工',
  reviewer: '审核人',
  hr: 'HR 管理员',
  operator: '平台运营',
}

export const CONTACT_LABEL = {
  hr: 'HR 联系人',
  hotline: '平台热线',
  wechat: '微信客服',
  emergency: '紧急联系人',
} as const

export const FIELD_LABEL: Record<string, string> = {
  employeeNo: '工号',
  name: '姓名',
  dept: '部门',
  region: '地区',
  roles: '角色',
  joinedOn: '入职日期',
}

/** '2026-11-27T10:00:00.000+08:00' → '11-27 10:00' */
export const shortTime = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`

/** The actions the audit page filters on (the log's own names), most asked-about first. */
export const AUDIT_ACTIONS: [string, string][] = [
  ['savePolicy', '修改补卡规则'],
  ['update', '修改成员'],
  ['deactivate', '停用成员'],
  ['importStart', '导入名单'],
  ['setMakeup', '部门开通补卡'],
  ['remove', '删除'],
  ['grant', '开通申请'],
  ['declare', '声明维护'],
  ['saveHelp', '修改帮助'],
  ['saveWebhook', '修改数据同步'],
  ['rotateInvite', '更换邀请码'],
  ['approve', '审核通过'],
  ['reject', '审核驳回'],
  ['revoke', '撤销补卡'],
  ['export', '导出'],
  ['refused', '被拒绝的操作'],
]
