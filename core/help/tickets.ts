// Help-centre tickets: the fixed categories (the real failure cases the FAQ covers), the stored document and the
// status rule. Pure: no Taro, no SDK.
import type { TicketCategory, TicketStatus } from './contract'

export const TICKET_CATEGORIES = [
  'entryMissing',
  'overdue',
  'wrongInfo',
  'network',
  'maintenance',
  'crossRegion',
  'other',
] as const satisfies readonly TicketCategory[]

export const TICKET_CATEGORY_LABELS: Record<TicketCategory, string> = {
  entryMissing: '找不到打卡入口',
  overdue: '补卡超时',
  wrongInfo: '信息填错',
  network: '网络故障',
  maintenance: '系统维护',
  crossRegion: '跨地区',
  other: '其他',
}

export const TICKET_TEXT_MAX = 500
export const TICKET_SCREENSHOTS_MAX = 3
export const TICKETS = 'tickets'

export interface TicketReply {
  by: string
  byName: string
  text: string
  at: Date
}

export interface TicketDoc {
  /** `<memberId>_<clientRequestId>`: a retried open returns the first ticket */
  _id: string
  companyId: string
  memberId: string
  memberName: string
  category: TicketCategory
  text: string
  screenshots: string[]
  status: TicketStatus
  replies: TicketReply[]
  createdAt: Date
  updatedAt: Date
}

/** open → answered on the first reply; any reply may close it; a closed ticket takes no more replies. */
export function statusAfterReply(status: TicketStatus, close: boolean): TicketStatus | null {
  if (status === 'closed') return null
  return close ? 'closed' : 'answered'
}

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  open: '待回复',
  answered: '已回复',
  closed: '已关闭',
}
