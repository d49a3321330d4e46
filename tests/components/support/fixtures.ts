import type { MemberView } from '@core/checkin'

export const member: MemberView = {
  memberId: 'm-01',
  name: '张三',
  companyId: 'c-demo',
  companyName: '示例科技',
  dept: '研发部',
  region: '上海市',
  roles: ['employee'],
  joinedOn: '2026-01-05',
  makeupEnabled: true,
}
