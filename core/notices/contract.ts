// The `notify` function's contract: in-app notices and subscribe-message authorisations (the app calls
// `subscribed` after a prompt).

/** The caller's one-time subscribe-message authorisations as the database ledger counts them. */
export interface SubscriptionsView {
  /** template id → sends left */
  remaining: Record<string, number>
  /** template ids to request on the next meaningful tap: the employee's submit, the reviewer's approve / reject */
  ask: { submit: string[]; review: string[] }
  /** a reviewer with fewer than 2 "new request" notices left: the app prompts them to top up */
  low: boolean
}

export type NoticeStatus = 'pending' | 'delivered' | 'fallenBack' | 'failed'

export interface NoticeView {
  id: string
  kind: string
  title: string
  body: string
  at: string // ISO instant
  read: boolean
  /** whether the WeChat message went out ('fallenBack': no authorisation, shown here only) */
  status: NoticeStatus
  /** the mini-program page the notice opens */
  page: string
}

/** A notice that could not be sent because of the configuration (template id, fields): shown to HR admins. */
export interface NoticeProblem {
  id: string
  kind: string
  reason: string
  detail: string
  at: string
}

export interface InboxPage {
  items: NoticeView[]
  unread: number
  next: string | null
  subscriptions: SubscriptionsView
  /** HR admins only: recent configuration errors */
  problems: NoticeProblem[]
}

export interface NotifyApi {
  subscribed: [{ templateIds: string[] }, SubscriptionsView]
  inbox: [{ cursor?: string; limit?: number }, InboxPage]
  markRead: [{ ids?: string[]; all?: boolean }, { unread: number }]
}
