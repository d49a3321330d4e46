// The one error catalogue: every refusal the product can show, with a stable code, a Chinese message for the user
// and the next step the UI offers. Functions return { ok: false, code, message, next }; the app renders it.
// Codes are stable API: never rename one, add new ones instead.

export interface CatalogueEntry {
  message: string
  next: string
}

export const ERRORS = {
  // transport and platform
  NETWORK_FAILED: { message: '网络连接失败', next: '已保存草稿，网络恢复后会自动重试' },
  SERVICE_UNAVAILABLE: { message: '服务暂时不可用', next: '请稍后重试；如持续出现，请联系 HR' },
  INTERNAL: { message: '系统出现异常', next: '请稍后重试；如持续出现，请在帮助中心提交工单' },
  INVALID_INPUT: { message: '提交的内容不完整或格式不正确', next: '请按提示修改后重新提交' },
  // identity and membership
  NOT_BOUND: { message: '尚未绑定企业员工身份', next: '请输入企业邀请码和工号完成绑定' },
  BIND_FAILED: { message: '邀请码或工号不正确', next: '请核对后重试，或联系 HR 获取邀请码' },
  FORBIDDEN: { message: '没有权限进行此操作', next: '如需权限，请联系 HR 管理员' },
  // daily check-in
  ALREADY_CHECKED_IN: { message: '今天已经打过卡了', next: '如需修改，请联系 HR 更正' },
} as const satisfies Record<string, CatalogueEntry>

export type ErrorCode = keyof typeof ERRORS

export interface Refusal {
  ok: false
  code: ErrorCode
  message: string
  next: string
}

export function refusal(code: ErrorCode): Refusal {
  const { message, next } = ERRORS[code]
  return { ok: false, code, message, next }
}

/** Thrown inside functions; the function's main maps it to a Refusal. */
export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code)
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERRORS, code)
}
