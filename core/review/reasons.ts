// The listed rejection reasons, apart from the review rules so the app can show them without loading core's
// records and policy modules (and their schema library) into the HR subpackage.
/** Reasons a reviewer picks from when rejecting (plus free text); 'other' requires the text. */
export const REJECT_REASONS = {
  attachmentUnclear: '证明材料不清晰',
  attachmentMismatch: '证明材料与申请日期不符',
  infoIncorrect: '健康信息填写有误',
  reasonInsufficient: '补卡理由不充分',
  duplicate: '重复申请',
  other: '其他',
} as const

export type RejectReason = keyof typeof REJECT_REASONS

/** What the audit log and notices say of a return: the reviewer's note stays on the request (it may be health text). */
export const RETURN_REASON = '退回修改'
