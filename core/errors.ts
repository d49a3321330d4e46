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
  MAINTENANCE_ACTIVE: {
    message: '系统维护中，暂时无法提交',
    next: '维护结束后再提交即可（今日打卡会保存为草稿并自动提交）；受影响日子的补卡时限顺延且不占次数',
  },
  CHECKIN_CLOSED: { message: '今天的打卡时间已过', next: '请改为提交补打卡申请' },
  TEMPERATURE_OUT_OF_RANGE: { message: '体温数值不在合理范围内（35.0–42.0 ℃）', next: '请重新测量后填写' },
  ALREADY_BOUND: { message: '您已绑定企业员工身份', next: '如需更换企业，请联系当前企业的 HR 解除绑定' },
  EMPLOYEE_ALREADY_BOUND: { message: '该工号已被其他微信账号绑定', next: '如非本人操作，请联系 HR 处理' },
  BIND_RATE_LIMITED: {
    message: '绑定尝试次数过多，请稍后再试',
    next: '请 15 分钟后再试；如忘记邀请码或工号，请联系 HR 确认',
  },
  // make-up: why a day cannot be made up (one reason per day)
  MAKEUP_NOT_ENABLED: { message: '补打卡功能尚未为您开通', next: '可点击"申请开通"，由管理员审批后使用' },
  CLIENT_TOO_OLD: { message: '当前微信版本过低，无法使用补打卡', next: '请升级微信或小程序到最新版本后重试' },
  IDENTITY_BINDING_REQUIRED: {
    message: '您所在地区要求先完成实名身份绑定',
    next: '请在"我的"中完成身份绑定后再提交',
  },
  EXTRA_VERIFICATION_REQUIRED: {
    message: '您所在地区要求完成额外身份验证',
    next: '请先完成身份验证后再提交',
  },
  MAKEUP_WINDOW_PASSED: {
    message: '已超过补打卡时限（超时）',
    next: '可提交"特殊情况申请"，说明原因并附上证明，由 HR 审核后开放补打卡',
  },
  MAKEUP_CUTOFF_PASSED: { message: '上月的补打卡已截止', next: '如有特殊情况，请提交特殊情况申请或联系 HR' },
  QUOTA_EXHAUSTED: { message: '本周期的补打卡次数已用完', next: '如确有需要，请联系 HR 处理' },
  DAY_ALREADY_CHECKED: { message: '这一天已经有有效的打卡记录', next: '如信息有误，请联系 HR 更正' },
  DAY_HAS_OPEN_REQUEST: { message: '这一天已有处理中的补打卡申请', next: '请在"我的申请"中查看、撤回或修改' },
  DAY_IN_FUTURE: { message: '不能为未来的日期补打卡', next: '请选择今天之前的日期' },
  DAY_TODAY_CHECKIN_OPEN: { message: '今天的打卡仍在进行中', next: '请直接在首页完成今日打卡' },
  DAY_BEFORE_JOINING: { message: '该日期早于您的入职日期', next: '无需为入职前的日期补打卡' },
  DAY_NOT_REQUIRED: { message: '该日为休息日，无需打卡', next: '请选择工作日' },
  // make-up: the submission itself
  ATTACHMENT_REQUIRED: { message: '需要上传证明材料', next: '请按要求上传健康码截图或检测报告' },
  ATTACHMENT_INVALID: { message: '附件不符合要求（数量、类型或大小）', next: '请重新选择附件后上传' },
  ATTACHMENT_FORBIDDEN: { message: '附件不属于您本人', next: '请重新上传附件' },
  FIELD_REQUIRED: { message: '有必填项未填写', next: '请补全后重新提交' },
  REQUEST_NOT_FOUND: { message: '找不到这条申请', next: '请刷新列表后重试' },
  ILLEGAL_TRANSITION: { message: '这条申请当前的状态不允许此操作', next: '请刷新后查看申请的最新状态' },
  BUSY_RETRY: { message: '提交的人太多，系统繁忙', next: '请稍后重试，您的申请尚未提交' },
  SPECIAL_NOT_NEEDED: { message: '这一天仍可直接补打卡，无需特殊申请', next: '请直接提交补打卡' },
  SPECIAL_ALREADY_REQUESTED: { message: '这一天已有特殊情况申请', next: '请等待 HR 处理' },
  // review (HR and reviewers)
  ALREADY_DECIDED: { message: '这条申请已由{by}处理', next: '请刷新后查看处理结果' },
  OWN_REQUEST: { message: '不能审核自己的申请', next: '请由其他审核人或 HR 处理' },
  MEMBER_NOT_FOUND: { message: '找不到这名员工', next: '请刷新后重试' },
  SPECIAL_NOT_FOUND: { message: '找不到这条特殊情况申请', next: '请刷新列表后重试' },
  RECORD_NOT_FOUND: {
    message: '这一天没有有效的打卡记录',
    next: '如员工已通过电话或邮件报备，请使用"代为登记"',
  },
  EXPORT_NOT_FOUND: { message: '找不到这次导出任务', next: '请重新发起导出' },
  // company administration
  LAST_HR_ADMIN: { message: '不能移除公司最后一位 HR 管理员', next: '请先为其他成员授予 HR 管理员角色' },
  DEPT_UNKNOWN: { message: '部门"{dept}"不存在', next: '请先在部门管理中添加该部门' },
  DEPT_CYCLE: { message: '上级部门不能是该部门自身或其下级', next: '请选择其他上级部门' },
  DEPT_NOT_EMPTY: { message: '该部门仍有成员或下级部门', next: '请先调整成员和下级部门后再删除' },
  POLICY_INVALID: { message: '规则设置不正确：{field}', next: '请检查该项的取值范围后重新保存' },
  POLICY_WINDOW_INVALID: { message: '补卡时限必须是 1–180 天', next: '请重新填写补卡时限' },
  POLICY_CUTOFF_INVALID: {
    message: '上月截止日必须在 1–28 日之间（每个月都有的日期）',
    next: '请重新选择截止日',
  },
  POLICY_CAP_CONFLICT: { message: '额度为 0 时不能设置为自动通过', next: '请调整额度上限或改为需要审核' },
  POLICY_VERSION_CONFLICT: { message: '规则已被他人修改', next: '请刷新后在最新版本上修改' },
  IMPORT_FILE_INVALID: {
    message: '导入文件无法读取或缺少必需的列',
    next: '请使用模板（工号、姓名、部门、地区）重新导出后上传',
  },
  IMPORT_NOT_FOUND: { message: '找不到这次导入任务', next: '请重新上传文件' },
  IMPORT_ROW_MALFORMED: { message: '该行格式不正确（列数不符）', next: '请检查引号和分隔符' },
  IMPORT_ROW_INVALID: { message: '该行有字段取值不正确', next: '请按模板修改后重新导入' },
  IMPORT_ROW_DUPLICATE: { message: '工号在文件中重复出现', next: '请删除重复的行' },
  IMPORT_ROW_UNKNOWN_DEPT: { message: '部门不存在', next: '请先添加部门，或修改为已有部门' },
  MAINTENANCE_INVALID: { message: '维护时段不正确（结束须晚于开始，且不超过 7 天）', next: '请重新填写时段' },
  MAINTENANCE_NOT_FOUND: { message: '找不到这个维护时段', next: '请刷新列表后重试' },
  COMPANY_EXISTS: { message: '邀请码已被其他企业使用', next: '请换一个邀请码' },
  WEBHOOK_INVALID: {
    message: '推送地址或密钥不正确',
    next: '地址须为公网的 https 地址（不能是内网地址），密钥 16–128 个字符',
  },
  // help-centre tickets
  TICKET_NOT_FOUND: { message: '找不到这条工单', next: '请刷新列表后重试' },
  TICKET_CLOSED: { message: '这条工单已关闭', next: '如仍有问题，请提交新的工单' },
  // privacy
  CONSENT_REQUIRED: {
    message: '提交健康信息前需要您单独同意《健康信息处理说明》',
    next: '请阅读说明（目的、信息范围、查看人、保存期限、撤回方式）并同意后再提交',
  },
  CONSENT_VERSION_OUTDATED: { message: '《健康信息处理说明》已更新', next: '请阅读最新版本后重新同意' },
  SUBJECT_CONSENT_REQUIRED: {
    message: '该员工尚未同意《健康信息处理说明》（或已撤回），不能录入或更正其健康信息',
    next: '请员工先在"隐私与数据"中同意后再操作；公司以人力资源管理为处理依据时，可在隐私设置中更改',
  },
} as const satisfies Record<string, CatalogueEntry>

export type ErrorCode = keyof typeof ERRORS

export interface Refusal {
  ok: false
  code: ErrorCode
  message: string
  next: string
}

/** `vars` fill `{name}` placeholders of the message (e.g. who decided first); missing ones read as "他人". */
export function refusal(code: ErrorCode, vars: Record<string, string> = {}): Refusal {
  const { message, next } = ERRORS[code]
  return {
    ok: false,
    code,
    message: message.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '他人'),
    next,
  }
}

/** Thrown inside functions; the function's main maps it to a Refusal. */
export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly detail?: string,
    /** shown to the user through the message's placeholders */
    public readonly vars?: Record<string, string>,
  ) {
    super(detail ? `${code}: ${detail}` : code)
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERRORS, code)
}
