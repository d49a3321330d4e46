// Why a day was missed, as a category the member picks beside their own words: HR filters the queue and the
// dashboard counts this month's make-ups by it. A module of its own so the app's pages load only these labels.
/** The categories, in the order the form offers them. The real cases behind the FAQ (help centre) map onto them. */
export const MAKEUP_REASONS = {
  forgot: '忘记打卡',
  network: '网络故障',
  device: '手机没电/故障',
  away: '外出/出差无信号',
  maintenance: '系统维护',
  other: '其他',
} as const

export type MakeupReasonKind = keyof typeof MAKEUP_REASONS

export const MAKEUP_REASON_KINDS = Object.keys(MAKEUP_REASONS) as MakeupReasonKind[]

/** The category a submission is stored with: the member's choice, else network when the app attached failures. */
export const submittedReasonKind = (input: {
  reasonKind?: MakeupReasonKind
  failures?: unknown[]
}): MakeupReasonKind => input.reasonKind ?? (input.failures?.length ? 'network' : 'other')

/** A request stored before categories existed, or sent by an older app, counts as 'other'. */
export const reasonKindOf = (doc: { reasonKind?: MakeupReasonKind }): MakeupReasonKind =>
  doc.reasonKind ?? 'other'
