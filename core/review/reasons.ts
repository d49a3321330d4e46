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

/** Reasons HR picks from when revoking an approved make-up (plus an optional short note; 'other' requires it). */
export const REVOKE_REASONS = {
  approvedByMistake: '审核有误',
  evidenceInvalid: '证明材料不实',
  actuallyAbsent: '当天实际未履行报备',
  duplicateRecord: '与其他记录重复',
  memberAsked: '员工申请撤销',
  other: '其他',
} as const

export type RevokeReason = keyof typeof REVOKE_REASONS
