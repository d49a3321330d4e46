// The one error catalogue: every refusal the product can show, with a stable code, a Chinese message for the user
// and the next step the UI offers. Functions return { ok: false, code, message, next }; the app renders it.
// Codes are stable API: never rename one, add new ones instead.

export interface CatalogueEntry {
  message: string
  next: string
  step?: NextStep
}

/**
 * Where a next step leads, so the app can offer it as a tap: a page of the app (its route as listed in
 * src/app.config.ts), a function action the app calls for the member (`function.action`), or something the app does
 * itself (`update`: fetch and apply the latest version). A unit test checks that each one exists.
 */
export type NextStep = { label: string } & (
  { page: string } | { action: 'makeup.requestAccess' } | { app: 'update' }
)

const HELP: NextStep = { page: 'admin/help/index', label: '联系 HR' }
const VERIFY: NextStep = { page: 'employee/verify/index', label: '去身份验证' }
const TICKET: NextStep = { page: 'employee/tickets/index', label: '提交工单' }
const MAKEUP: NextStep = { page: 'employee/makeup/index', label: '去补卡' }
const HOME: NextStep = { page: 'pages/index/index', label: '回到首页' }

// code: [message, next step, where the next step leads (when it names a place or an action)]
const CATALOGUE = {
  // transport and platform
  NETWORK_FAILED: ['网络连接失败', '已保存草稿，网络恢复后会自动重试'],
  SERVICE_UNAVAILABLE: ['服务暂时不可用', '请稍后重试；如持续出现，请联系 HR', HELP],
  INTERNAL: ['系统出现异常', '请稍后重试；如持续出现，请在帮助中心提交工单', TICKET],
  INVALID_INPUT: ['提交的内容不完整或格式不正确', '请按提示修改后重新提交'],
  // identity and membership
  NOT_BOUND: ['尚未绑定企业员工身份', '请在首页输入企业邀请码和工号完成绑定', { ...HOME, label: '去绑定' }],
  BIND_FAILED: ['邀请码或工号不正确', '请核对后重试，或联系 HR 获取邀请码'],
  BIND_RATE_LIMITED: [
    '绑定尝试次数过多，请稍后再试',
    '请 15 分钟后再试；如忘记邀请码或工号，请联系 HR 确认',
    HELP,
  ],
  FORBIDDEN: ['没有权限进行此操作', '如需权限，请联系 HR 管理员', HELP],
  // daily check-in
  ALREADY_CHECKED_IN: ['今天已经打过卡了', '如需修改，请联系 HR 更正', HELP],
  MAINTENANCE_ACTIVE: [
    '系统维护中，暂时无法提交',
    '维护结束后再提交即可（今日打卡会保存为草稿并自动提交）；受影响日子的补卡时限顺延且不占次数',
  ],
  CHECKIN_CLOSED: ['今天的打卡时间已过', '请改为提交补打卡申请', MAKEUP],
  TEMPERATURE_OUT_OF_RANGE: ['体温数值不在合理范围内（35.0–42.0 ℃）', '请重新测量后填写'],
  ALREADY_BOUND: ['您已绑定企业员工身份', '如需更换企业，请联系当前企业的 HR 解除绑定'],
  EMPLOYEE_ALREADY_BOUND: ['该工号已被其他微信账号绑定', '如非本人操作，请联系 HR 处理'],
  // make-up: why a day cannot be made up (one reason per day)
  MAKEUP_NOT_ENABLED: [
    '补打卡功能尚未为您开通',
    '可点击"申请开通"，由管理员审批后使用',
    { action: 'makeup.requestAccess', label: '申请开通' },
  ],
  CLIENT_TOO_OLD: [
    '当前微信版本过低，无法使用补打卡',
    '请升级微信或小程序到最新版本后重试',
    { app: 'update', label: '更新小程序' },
  ],
  IDENTITY_BINDING_REQUIRED: [
    '您所在地区要求先完成实名身份绑定',
    '请在"身份验证"页用微信手机号完成绑定后再提交',
    VERIFY,
  ],
  EXTRA_VERIFICATION_REQUIRED: [
    '您所在地区要求完成额外身份验证',
    '请在"身份验证"页完成人脸或指纹验证后再提交',
    VERIFY,
  ],
  PHONE_CODE_INVALID: ['手机号授权已失效或已使用', '请重新点击"微信手机号验证"', VERIFY],
  PHONE_NOT_ON_ROSTER: ['花名册中没有登记您的手机号', '请联系 HR 补充手机号，或请 HR 人工确认您的身份', HELP],
  PHONE_MISMATCH: [
    '微信绑定的手机号与花名册登记的不一致',
    '请联系 HR 核对花名册手机号，或请 HR 人工确认您的身份',
    HELP,
  ],
  SOTER_CHALLENGE_EXPIRED: ['验证已超时', '请重新点击"开始验证"', VERIFY],
  SOTER_FAILED: ['生物认证未通过', '请重新进行人脸或指纹验证；多次失败请联系 HR'],
  MAKEUP_WINDOW_PASSED: [
    '已超过补打卡时限（超时）',
    '可提交"特殊情况申请"，说明原因并附上证明，由 HR 审核后开放补打卡',
    { page: 'employee/makeup/index', label: '申请特殊处理' },
  ],
  MAKEUP_CUTOFF_PASSED: [
    '上月的补打卡已截止',
    '如有特殊情况，请提交特殊情况申请或联系 HR',
    { page: 'employee/makeup/index', label: '申请特殊处理' },
  ],
  QUOTA_EXHAUSTED: ['本周期的补打卡次数已用完', '如确有需要，请联系 HR 处理', HELP],
  DAY_ALREADY_CHECKED: ['这一天已经有有效的打卡记录', '如信息有误，请联系 HR 更正', HELP],
  DAY_HAS_OPEN_REQUEST: [
    '这一天已有处理中的补打卡申请',
    '请在"我的申请"中查看、撤回或修改',
    { page: 'employee/requests/index', label: '我的申请' },
  ],
  DAY_IN_FUTURE: ['不能为未来的日期补打卡', '请选择今天之前的日期'],
  DAY_TODAY_CHECKIN_OPEN: ['今天的打卡仍在进行中', '请直接在首页完成今日打卡', { ...HOME, label: '去打卡' }],
  DAY_BEFORE_JOINING: ['该日期早于您的入职日期', '无需为入职前的日期补打卡'],
  DAY_NOT_REQUIRED: ['该日为休息日，无需打卡', '请选择工作日'],
  // make-up: the submission itself
  ATTACHMENT_REQUIRED: ['需要上传证明材料', '请按要求上传健康码截图或检测报告'],
  ATTACHMENT_INVALID: ['附件不符合要求（数量、类型或大小）', '请重新选择附件后上传'],
  ATTACHMENT_FORBIDDEN: ['附件不属于您本人', '请重新上传附件'],
  FIELD_REQUIRED: ['有必填项未填写', '请补全后重新提交'],
  REQUEST_NOT_FOUND: ['找不到这条申请', '请刷新列表后重试'],
  ILLEGAL_TRANSITION: ['这条申请当前的状态不允许此操作', '请刷新后查看申请的最新状态'],
  BUSY_RETRY: ['提交的人太多，系统繁忙', '请稍后重试，您的申请尚未提交'],
  SPECIAL_NOT_NEEDED: ['这一天仍可直接补打卡，无需特殊申请', '请直接提交补打卡'],
  SPECIAL_ALREADY_REQUESTED: ['这一天已有特殊情况申请', '请等待 HR 处理'],
  ACCESS_NOT_NEEDED: ['补打卡功能已对您开放，无需申请开通', '请直接提交补打卡', MAKEUP],
  ACCESS_REQUEST_NOT_FOUND: ['找不到这条开通申请', '请刷新列表后重试'],
  // review (HR and reviewers)
  ALREADY_DECIDED: ['这条申请已由{by}处理', '请刷新后查看处理结果'],
  OWN_REQUEST: ['不能审核自己的申请', '请由其他审核人或 HR 处理'],
  MEMBER_NOT_FOUND: ['找不到这名员工', '请刷新后重试'],
  SPECIAL_NOT_FOUND: ['找不到这条特殊情况申请', '请刷新列表后重试'],
  RECORD_NOT_FOUND: [
    '这一天没有有效的打卡记录',
    '如员工已通过电话或邮件报备，请使用"代为登记"',
    { page: 'hr/member/index', label: '代为登记' },
  ],
  EXPORT_NOT_FOUND: ['找不到这次导出任务', '请重新发起导出'],
  // company administration
  LAST_HR_ADMIN: ['不能移除公司最后一位 HR 管理员', '请先为其他成员授予 HR 管理员角色'],
  DEPT_UNKNOWN: [
    '部门"{dept}"不存在',
    '请先在部门管理中添加该部门',
    { page: 'admin/members/index', label: '部门管理' },
  ],
  DEPT_CYCLE: ['上级部门不能是该部门自身或其下级', '请选择其他上级部门'],
  DEPT_NOT_EMPTY: ['该部门仍有成员或下级部门', '请先调整成员和下级部门后再删除'],
  POLICY_INVALID: ['规则设置不正确：{field}', '请检查该项的取值范围后重新保存'],
  POLICY_WINDOW_INVALID: ['补卡时限必须是 0–180 天（0 = 只能当天补卡）', '请重新填写补卡时限'],
  POLICY_CUTOFF_INVALID: ['上月截止日必须在 1–28 日之间（每个月都有的日期）', '请重新选择截止日'],
  POLICY_CAP_CONFLICT: ['额度为 0 时不能设置为自动通过', '请调整额度上限或改为需要审核'],
  POLICY_VERSION_CONFLICT: ['规则已被他人修改', '请刷新后在最新版本上修改'],
  IMPORT_FILE_INVALID: [
    '导入文件无法读取或缺少必需的列',
    '请使用模板（工号、姓名、部门、地区）重新导出后上传',
  ],
  IMPORT_NOT_FOUND: ['找不到这次导入任务', '请重新上传文件'],
  IMPORT_ROW_MALFORMED: ['该行格式不正确（列数不符）', '请检查引号和分隔符'],
  IMPORT_ROW_INVALID: ['该行有字段取值不正确', '请按模板修改后重新导入'],
  IMPORT_ROW_DUPLICATE: ['工号在文件中重复出现', '请删除重复的行'],
  IMPORT_ROW_UNKNOWN_DEPT: ['部门不存在', '请先添加部门，或修改为已有部门'],
  MAINTENANCE_INVALID: ['维护时段不正确（结束须晚于开始，且不超过 7 天）', '请重新填写时段'],
  MAINTENANCE_NOT_FOUND: ['找不到这个维护时段', '请刷新列表后重试'],
  COMPANY_EXISTS: ['邀请码已被其他企业使用', '请换一个邀请码'],
  WEBHOOK_INVALID: [
    '推送地址或密钥不正确',
    '地址须为公网的 https 地址（不能是内网地址），密钥 16–128 个字符',
  ],
  // help-centre tickets
  TICKET_NOT_FOUND: ['找不到这条工单', '请刷新列表后重试'],
  TICKET_CLOSED: ['这条工单已关闭', '如仍有问题，请提交新的工单', TICKET],
  // privacy
  CONSENT_REQUIRED: [
    '提交健康信息前需要您单独同意《健康信息处理说明》',
    '请阅读说明（目的、信息范围、查看人、保存期限、撤回方式）并同意后再提交',
  ],
  CONSENT_VERSION_OUTDATED: ['《健康信息处理说明》已更新', '请阅读最新版本后重新同意'],
  SUBJECT_CONSENT_REQUIRED: [
    '该员工尚未同意《健康信息处理说明》（或已撤回），不能录入或更正其健康信息',
    '请员工先在"隐私与数据"中同意后再操作；公司以人力资源管理为处理依据时，可在隐私设置中更改',
    { page: 'admin/privacy/index', label: '隐私设置' },
  ],
  // revocation of an approved make-up (HR)
  REQUEST_NOT_APPROVED: ['只有已通过的补卡申请可以撤销', '请刷新后查看申请的最新状态'],
  ALREADY_REVOKED: ['这条补卡已由{by}撤销', '请刷新后查看撤销原因'],
  RECORD_SETTLING: ['这条补卡刚刚通过，补卡记录还在写入', '请一分钟后再撤销'],
  // approval chains (审批流程)
  NOT_YOUR_STEP: [
    '这条申请当前在"{step}"，不由你审批',
    '请等待当前审批人处理；如需你处理，请当前审批人转交给你',
  ],
  ASSIGNEE_INVALID: ['只能转交或加签给本公司在职的审核人或 HR（不能是申请人或你自己）', '请重新选择成员'],
  CHAIN_TOO_LONG: ['审批步骤过多（最多 {max} 步）', '请减少加签的人数，或直接审批'],
  POLICY_CHAIN_INVALID: [
    '审批流程设置不正确：{problem}',
    '每个流程需要 1 到 5 个步骤，指定的审批人和抄送人须为在职的审核人或 HR；请修改后重新保存',
  ],
  // batch entry (HR)
  BATCH_TOO_LARGE: ['一次最多登记 50 条（人数 × 天数）', '请减少所选人员或日期，分批登记'],
  // leave-aware days (请假 / 出差 / 免打卡)
  DAY_ON_LEAVE: [
    '这一天已登记为请假、出差或免打卡，不需要补卡',
    '无需操作；如登记有误，请联系 HR 更正',
    HELP,
  ],
  LEAVE_RANGE_INVALID: ['日期范围不正确', '结束日期不能早于开始日期，一次最多登记 62 天'],
  IMPORT_ROW_UNKNOWN_MEMBER: ['找不到该工号的在职员工', '请核对工号，或先导入员工名单'],
  // network-failure evidence attached to a make-up (it belongs to the day it happened on)
  FAILURES_OTHER_DAY: [
    '网络失败记录不是所选日期当天的',
    '失败记录只能随发生当天的补卡一起提交：请选择记录所在的日期，或不附失败记录提交',
  ],
  FAILURES_IN_FUTURE: ['网络失败记录的时间晚于当前时间', '请检查手机的日期和时间设置（设为自动）后重新提交'],
  FAILURES_TOO_MANY: [
    '网络失败记录过多（最多 20 条）',
    '请更新小程序后重新提交；如持续出现，请提交工单',
    TICKET,
  ],
  // reminder times (HR, per company)
  NOTICE_TIME_INVALID: ['提醒设置不正确：{field}', '请按该项的取值范围修改后重新保存'],
  NOTICE_ESCALATION_EARLY: [
    '升级给 HR 的时间必须晚于提醒审核人的时间',
    '请调大升级时间或调小提醒时间后重新保存',
  ],
  NOTICE_REMINDER_AFTER_CLOSE: [
    '每日打卡提醒晚于打卡截止时间（{closes}），提醒不会发出',
    '请把提醒时间设在截止时间之前，或不设每日提醒',
  ],
  // rule groups (HR, in the policy)
  POLICY_GROUP_OVERLAP: [
    '有成员同时列在规则组"{a}"和"{b}"中，每位成员只能属于一个规则组',
    '请从其中一个规则组移除该成员后重新保存',
  ],
  POLICY_GROUP_DEPT_OVERLAP: [
    '部门"{dept}"同时属于规则组"{a}"和"{b}"，一个部门只能属于一个规则组',
    '请从其中一个规则组移除该部门后重新保存',
  ],
  POLICY_GROUP_NAME_TAKEN: ['规则组名称"{group}"重复', '请为规则组换一个名称后重新保存'],
  POLICY_GROUP_EMPTY: [
    '规则组"{group}"没有包含任何部门或成员',
    '请为该组添加部门或成员，或删除该组后重新保存',
  ],
  POLICY_GROUP_REMINDER_AFTER_CLOSE: [
    '规则组"{group}"的每日打卡提醒晚于打卡截止时间（{closes}），提醒不会发出',
    '请把该组的提醒时间设在截止时间之前，或关闭该组的单独提醒时间',
  ],
} as const satisfies Record<
  string,
  readonly [message: string, next: string] | readonly [message: string, next: string, step: NextStep]
>

type Catalogue = typeof CATALOGUE

/** The catalogue by code, each entry as { message, next }. */
export const ERRORS = Object.fromEntries(
  Object.entries(CATALOGUE).map(([code, [message, next, step]]) => [
    code,
    step ? { message, next, step } : { message, next },
  ]),
) as {
  readonly [C in keyof Catalogue]: {
    readonly message: Catalogue[C][0]
    readonly next: Catalogue[C][1]
    readonly step?: NextStep
  }
}

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
