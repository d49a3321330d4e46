// One valid input per function action, with the caller that gets deepest into the handler (an HR admin for HR
// actions, the operator for tenant actions, an unbound user for bind). Every hostile payload is one mutation away
// from one of these, so it passes everything but the part under attack. The type lists every action of the
// contract: a new action does not compile until it has a base here.
import type { ActionOf, FunctionName } from '@core/api'
import { DEFAULT_POLICY } from '@core/policy'
import { OUTBOX, type OutboxDoc } from '@server/notices/records'
import { docs, report } from '@tests/integration/harness'
import { A, FILES, HR, IDS, NEW, OPERATOR } from './fixture'
import type { Reader } from './judge'

export interface Base {
  input: Record<string, unknown>
  as: string
}

export type Bases = { [F in FunctionName]: { [K in ActionOf<F>]: Base } }

const as = (openid: string, input: Record<string, unknown> = {}): Base => ({ input, as: openid })
const emp = (input: Record<string, unknown> = {}) => as(A, input)
const hr = (input: Record<string, unknown> = {}) => as(HR, input)

/** Built after the fixture is seeded (ticket ids come from the help function). */
export function bases(): Bases {
  return {
    checkin: {
      me: emp({ clientVersion: '8.0.50' }),
      bind: as(NEW, { inviteCode: 'JOIN2026', employeeNo: 'M3', name: '新同事' }),
      submit: emp({ report, clientRequestId: 'hostile-checkin-1' }),
      month: emp({ month: '2026-11' }),
      verification: emp(),
      bindPhone: emp({ code: 'code-that-wechat-never-issued' }),
      soterChallenge: emp(),
      verifySoter: emp({
        resultJSON: '{"raw":"x"}',
        resultJSONSignature: 'c2lnbmF0dXJlLW5vdC12YWxpZA==',
        authMode: 'facial',
      }),
    },
    makeup: {
      slots: emp({ clientVersion: '8.0.50' }),
      submit: emp({
        day: '2026-11-25',
        report,
        reason: '当天忘记打卡',
        attachments: [FILES.mine],
        attachmentKind: 'healthCode',
        clientRequestId: 'hostile-makeup-1',
        clientVersion: '8.0.50',
      }),
      list: emp({ status: 'pending' }),
      detail: emp({ id: IDS.minePending }),
      withdraw: emp({ id: IDS.minePending, reason: '填错了' }),
      resubmit: emp({
        id: IDS.mineReturned,
        report,
        reason: '重新上传了清晰的截图',
        attachments: [FILES.minePng],
        attachmentKind: 'healthCode',
        clientVersion: '8.0.50',
      }),
      special: emp({
        day: '2026-10-12',
        reason: '出差无网络',
        evidence: [FILES.mine],
        clientRequestId: 'hostile-special-1',
      }),
      specials: emp(),
      requestAccess: emp({ reason: '需要补卡', clientVersion: '8.0.50' }),
    },
    review: {
      queue: hr({ status: 'pending', dept: '研发部', dayFrom: '2026-11-01', dayTo: '2026-11-27', limit: 20 }),
      detail: hr({ id: IDS.minePending }),
      decide: hr({
        id: IDS.minePending,
        decision: 'reject',
        reasonCode: 'attachmentUnclear',
        note: '看不清',
      }),
      bulkApprove: hr({ ids: [IDS.minePending, IDS.colleaguePending] }),
      handOver: hr({ id: IDS.minePending, to: 'r2', mode: 'transfer' }),
      assignees: hr({ id: IDS.minePending }),
      specials: hr({ status: 'pending' }),
      decideSpecial: hr({
        id: IDS.mineSpecial,
        decision: 'grant',
        deadline: '2026-11-30',
        charged: false,
        reason: '属实',
      }),
      delegate: as('o-rev-dev', { to: 'r2', start: '2026-11-27', until: '2026-11-28' }),
      delegations: as('o-rev-dev', {}),
      record: hr({ memberId: 'm1', day: '2026-11-20' }),
      correct: hr({ memberId: 'm1', day: '2026-11-20', report, note: '体温录入错误' }),
      onBehalf: hr({ memberId: 'm1', day: '2026-11-23', report, channel: 'phone', note: '电话报备' }),
      audit: hr({ memberId: 'm1' }),
      dashboard: hr(),
      notCheckedIn: hr({ dept: '研发部' }),
      remindCheckin: hr({ dept: '研发部' }),
      export: hr({ kind: 'checkins', from: '2026-11-01', to: '2026-11-27' }),
      exportContinue: hr({ jobId: 'no-such-job' }),
      revoke: hr({ id: IDS.minePending, reasonCode: 'other', note: '重复登记' }),
      batchPreview: hr({
        memberIds: ['m1', 'm2'],
        days: ['2026-11-23', '2026-11-24'],
        report,
        channel: 'phone',
        note: '系统故障期间电话报备',
      }),
      batchOnBehalf: hr({
        memberIds: ['m1', 'm2'],
        days: ['2026-11-23', '2026-11-24'],
        report,
        channel: 'phone',
        note: '系统故障期间电话报备',
        batchId: 'hostile-batch-1',
      }),
      monthly: hr({ month: '2026-11', dept: '研发部', offset: 0 }),
    },
    admin: {
      me: hr(),
      members: hr({ dept: '研发部', status: 'active', offset: 0 }),
      member: hr({ memberId: 'm1' }),
      updateMember: hr({
        memberId: 'm1',
        dept: '研发部',
        region: '北京',
        roles: ['employee'],
        makeupEnabled: true,
      }),
      accessRequests: hr({ status: 'pending' }),
      decideAccess: hr({ memberId: 'm1', decision: 'grant', note: '已核实' }),
      deactivate: hr({ memberId: 'm2', reason: '离职' }),
      invite: hr({ rotate: false }),
      departments: hr(),
      saveDepartment: hr({ name: '测试部', parent: null }),
      removeDepartment: hr({ name: '测试部' }),
      setDeptMakeup: hr({ dept: '研发部', enabled: true }),
      importStart: hr({ fileID: FILES.importSheet }),
      importContinue: hr({ jobId: 'no-such-job' }),
      policy: hr(),
      savePolicy: hr({ policy: { ...DEFAULT_POLICY, cutoffDay: null }, baseVersion: 1 }),
      preview: hr({ memberId: 'm1', day: '2026-11-25', policy: { ...DEFAULT_POLICY, cutoffDay: null } }),
      groupPreview: hr({
        policy: {
          ...DEFAULT_POLICY,
          groups: [{ name: '外勤人员', departments: ['研发部'], members: ['m2'] }],
        },
      }),
      maintenance: hr(),
      declareMaintenance: hr({
        start: '2026-12-01T00:00:00+08:00',
        end: '2026-12-01T02:00:00+08:00',
        note: '升级',
      }),
      removeMaintenance: hr({ id: 'no-such-window' }),
      help: hr(),
      saveHelp: hr({
        contacts: [{ kind: 'hr', name: 'HR 王老师', value: '010-88886666' }],
        faq: [{ q: '忘记打卡了怎么办？', a: '在首页点"补打卡"。' }],
      }),
      audit: hr({
        cursor: '1795744800000.a1',
        employeeNo: 'M1',
        operation: 'update',
        from: '2026-11-01',
        to: '2026-11-30',
      }),
      webhook: hr(),
      saveWebhook: hr({
        url: 'https://hooks.example.com/budaka',
        secret: 'abcdefghijklmnop',
        events: ['checkin.effective'],
        enabled: true,
      }),
      noticeTimes: hr(),
      saveNoticeTimes: hr({
        checkinReminderAt: '09:30',
        reviewRemindAfterHours: 24,
        reviewEscalateAfterHours: 48,
        cutoffRemindDaysBefore: 1,
        cutoffRemindAt: '10:00',
      }),
      companies: as(OPERATOR),
      createCompany: as(OPERATOR, {
        name: '新公司',
        inviteCode: 'NEWCO2026',
        hrEmployeeNo: 'H001',
        hrName: '张三',
      }),
      securityLog: as(OPERATOR),
      leaves: hr({ memberId: 'm1', month: '2026-11' }),
      recordLeave: hr({ memberId: 'm1', kind: 'leave', from: '2026-11-23', to: '2026-11-24' }),
      removeLeave: hr({ memberId: 'm1', from: '2026-11-23', to: '2026-11-24' }),
      importLeaves: hr({ fileID: FILES.importSheet }),
    },
    notify: {
      subscribed: emp({ templateIds: ['tmpl-makeup-decided'] }),
      inbox: emp({ limit: 10 }),
      markRead: emp({ ids: ['makeupDecided_m1_2026-11-24.m1'], all: false }),
    },
    privacy: {
      consent: emp({ decision: 'grant', version: 1 }),
      status: emp(),
      exportMine: emp(),
      requestDeletion: emp({ reason: '不再使用' }),
      deletionRequests: hr(),
      settings: hr({ retentionDays: 90, legalBasis: 'consent' }),
      confirmDeletion: hr({ memberId: 'm2' }),
    },
    help: {
      open: emp({
        category: 'network',
        text: '提交补卡时一直转圈',
        screenshots: [FILES.minePng],
        clientRequestId: 'hostile-ticket-1',
      }),
      mine: emp(),
      detail: as('o-b', { id: IDS.colleagueTicket }),
      queue: hr(),
      reply: hr({ id: IDS.colleagueTicket, text: '请切换到 4G 后重试', close: false }),
    },
  }
}

/** The reads that show what an accepted write of each function stored, to whoever reads it next. */
const READ_BACK: { [F in FunctionName]: string[] } = {
  checkin: ['checkin.me', 'checkin.month', 'makeup.slots', 'review.dashboard'],
  makeup: [
    'makeup.list',
    'makeup.specials',
    'makeup.slots',
    'review.queue',
    'review.specials',
    'review.dashboard',
    'admin.accessRequests',
    'checkin.me',
  ],
  review: ['review.queue', 'review.audit', 'review.dashboard', 'makeup.list', 'checkin.month', 'admin.audit'],
  admin: [
    'admin.members',
    'admin.departments',
    'admin.policy',
    'admin.audit',
    'admin.help',
    'admin.webhook',
    'admin.maintenance',
    'admin.companies',
    'admin.securityLog',
    'admin.accessRequests',
    'checkin.me',
    'makeup.slots',
  ],
  notify: ['notify.inbox'],
  privacy: ['privacy.status', 'privacy.exportMine', 'privacy.deletionRequests', 'checkin.me'],
  help: ['help.mine', 'help.queue', 'help.detail', 'notify.inbox'],
}

/** Functions whose writes queue notices: the dispatcher then sends them (as another function would start it). */
const NOTIFYING: FunctionName[] = ['checkin', 'makeup', 'review', 'help', 'admin']

/** Notices that could not become a message because of what they say (the text did not fit the template). */
const UNFIT = ['configError', 'format']

const dispatch: Reader = {
  fn: 'notify',
  action: 'dispatch',
  input: {},
  as: '',
  source: 'wx_client,scf',
  verify: (emu) =>
    docs<OutboxDoc>(emu, OUTBOX)
      .filter((n) => n.reason && UNFIT.includes(n.reason))
      .map((n) => `left notice ${n._id} unsent (${n.reason}: ${n.detail ?? ''})`),
}

export function readersOf(b: Bases, fn: FunctionName): Reader[] {
  const reads = READ_BACK[fn].map((name): Reader => {
    const [f, action] = name.split('.') as [FunctionName, string]
    const { input, as } = (b[f] as Record<string, Base>)[action]
    return { fn: f, action, input, as }
  })
  return [
    ...reads,
    ...(EXPORTED.includes(fn) ? exports(b) : []),
    ...(NOTIFYING.includes(fn) ? [dispatch] : []),
  ]
}

/** Functions whose writes end up in HR's exports (make-ups, records, the audit log). */
const EXPORTED: FunctionName[] = ['checkin', 'makeup', 'review']

/** HR's exports of the month, each written in the start call (the fixture is far below one part). */
const exports = (b: Bases): Reader[] =>
  (['makeups', 'audit', 'checkins'] as const).flatMap((kind) =>
    (['csv', 'xlsx'] as const).map((format) => ({
      fn: 'review' as const,
      action: 'export',
      input: { ...b.review.export.input, kind, format },
      as: b.review.export.as,
    })),
  )
