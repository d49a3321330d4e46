import fs from 'node:fs'
import path from 'node:path'
import {
  bindingFor,
  buildMessage,
  checkinReminderDue,
  cutoffReminderDue,
  DEFAULT_TEMPLATES,
  needsCheckinReminder,
  NOTICE_KINDS,
  noticeBody,
  noticeKey,
  noticeSettings,
  reviewStage,
  templateIdsFor,
  SUBSCRIBE_ON,
  type NoticeKind,
  type NoticeValues,
} from '@core/notices'
import { EMPTY_CALENDAR } from '@core/calendar'
import { checkField, fieldType } from '@emulator/subscribe/fields'
import templates from '@database/subscribe-templates.json'
import { deployedNoticeSettings } from '@server/notices/templates'
import deployment from '../../config/subscribe-templates.json'

const registry = templates as Record<string, { title: string; fields: Record<string, string> }>
const AT = new Date('2026-11-27T02:00:00Z') // Friday 10:00 Shanghai

/** Values a real event supplies for each kind, some deliberately too long. */
const SAMPLE: Record<NoticeKind, NoticeValues> = {
  reviewNeeded: {
    applicant: '欧阳娜娜欧阳娜娜欧阳娜娜',
    day: '2026-11-24',
    reason: '当天在外地出差，手机没有信号，无法按时完成打卡',
    submittedAt: AT,
    requestId: 'm1_req-1',
  },
  requestDecided: {
    day: '2026-11-24',
    status: 'rejected',
    note: '证明材料不清晰：请重新上传',
    reviewer: 'Li Ming',
    requestId: 'm1_req-1',
  },
  specialDecided: { subject: '2026-11-02 特殊情况申请', status: 'granted', note: '', decidedAt: AT },
  checkinReminder: { text: '今天还没有完成健康打卡，请尽快打卡', closesAt: '18:00' },
  reviewPending: { count: 12, text: '等待审核已超过 24 小时', oldest: AT },
  reviewEscalation: { count: 1, text: '研发部的申请等待审核已超过 48 小时', oldest: AT },
  quotaCutoff: { text: '上月还有未补的打卡', days: 2, cutoff: '2026-12-05' },
  ticketReplied: { subject: '无法上传附件', reply: '请升级微信后重试', repliedAt: AT, replier: '陈思' },
  accessDecided: {
    subject: '补打卡功能开通申请',
    status: 'declined',
    note: '请先完成入职手续',
    decidedAt: AT,
  },
  requestRevoked: {
    day: '2026-11-24',
    status: 'revoked',
    note: '证明材料不实',
    reviewer: '陈思',
    requestId: 'm1_req-1',
  },
  requestCopied: {
    day: '2026-11-24',
    status: 'approved',
    note: '',
    reviewer: '陈思',
    applicant: '欧阳娜娜欧阳娜娜欧阳娜娜',
    requestId: 'm1_req-1',
  },
}

describe('templates as configuration', () => {
  it.each(NOTICE_KINDS)('%s: the default template exists locally with exactly the bound fields', (kind) => {
    const b = DEFAULT_TEMPLATES[kind]
    expect(Object.keys(registry[b.templateId].fields).sort()).toEqual(Object.keys(b.fields).sort())
  })

  it.each(NOTICE_KINDS)('%s: a message built from real values passes every field rule', (kind) => {
    const b = DEFAULT_TEMPLATES[kind]
    const msg = buildMessage(SAMPLE[kind], b)
    for (const [key, type] of Object.entries(registry[b.templateId].fields))
      expect([key, checkField(type, msg.data[key]?.value)]).toEqual([key, null])
    expect(msg.page).toMatch(/^[\w-]+(\/[\w-]+)*(\?.*)?$/)
  })

  it('fits the fields of a decision message', () => {
    const msg = buildMessage(SAMPLE.requestDecided, DEFAULT_TEMPLATES.requestDecided)
    expect(msg).toEqual({
      templateId: 'tmpl-makeup-decided',
      page: 'employee/request/index?id=m1_req-1',
      data: {
        date1: { value: '2026年11月24日' },
        phrase2: { value: '已驳回' },
        thing3: { value: '证明材料不清晰：请重新上传' },
        name4: { value: 'Li Ming' },
      },
    })
  })

  it('settings bind a kind field by field over the local default', () => {
    const settings = noticeSettings({
      notices: { templates: { checkinReminder: { templateId: 'wx-real-id-123' } } },
    })
    expect(bindingFor('checkinReminder', settings)).toEqual({
      ...DEFAULT_TEMPLATES.checkinReminder,
      templateId: 'wx-real-id-123',
    })
    expect(bindingFor('reviewNeeded', settings)).toEqual(DEFAULT_TEMPLATES.reviewNeeded)
    expect(templateIdsFor(SUBSCRIBE_ON.submit, settings)).toEqual([
      'tmpl-makeup-decided',
      'tmpl-special-decided',
      'wx-real-id-123',
    ])
  })

  it("a company document cannot change the AppID's templates: the deployment's bindings win", () => {
    const company = {
      notices: {
        checkinReminderAt: '09:30',
        templates: { checkinReminder: { templateId: 'tmpl-typo', page: 'pages/x/index' } },
      },
    }
    const settings = deployedNoticeSettings(company)
    expect(settings.checkinReminderAt).toBe('09:30')
    expect(bindingFor('checkinReminder', settings).templateId).toBe(
      deployment.templates.checkinReminder.templateId,
    )
    expect(bindingFor('checkinReminder', settings).page).toBe(deployment.templates.checkinReminder.page)
  })

  it('asks for at most 3 templates per tap, deduplicated', () => {
    expect(templateIdsFor(SUBSCRIBE_ON.review, noticeSettings({}))).toEqual([
      'tmpl-makeup-review-needed',
      'tmpl-review-pending',
    ])
    expect(templateIdsFor(SUBSCRIBE_ON.submit, noticeSettings({})).length).toBeLessThanOrEqual(3)
  })

  it('a revocation goes out on the decision template, following a company override of it', () => {
    expect(bindingFor('requestRevoked', noticeSettings({})).templateId).toBe('tmpl-makeup-decided')
    const settings = noticeSettings({
      notices: { templates: { requestDecided: { templateId: 'wx-decided-9' } } },
    })
    expect(bindingFor('requestRevoked', settings).templateId).toBe('wx-decided-9')
    // still three ids on the employee's submit tap: the revocation needs no authorisation of its own
    expect(templateIdsFor(SUBSCRIBE_ON.submit, settings)).toEqual([
      'wx-decided-9',
      'tmpl-special-decided',
      'tmpl-checkin-reminder',
    ])
    expect(buildMessage(SAMPLE.requestRevoked, DEFAULT_TEMPLATES.requestRevoked).data).toEqual({
      date1: { value: '2026年11月24日' },
      phrase2: { value: '已撤销' },
      thing3: { value: '证明材料不实' },
      name4: { value: '陈思' },
    })
  })

  it('fills the page with encoded values', () => {
    const msg = buildMessage({ ...SAMPLE.reviewNeeded, requestId: 'a b&c' }, DEFAULT_TEMPLATES.reviewNeeded)
    expect(msg.page).toBe('hr/detail/index?id=a%20b%26c')
  })

  it.each(NOTICE_KINDS)('%s has an in-app line', (kind) => {
    expect(noticeBody(kind, SAMPLE[kind]).length).toBeGreaterThan(3)
  })

  it('uses the emulator’s notion of field types', () => {
    expect(fieldType('character_string12')).toBe('character_string')
  })
})

describe('reminder eligibility', () => {
  const policy = { dailyCheckinCloses: '18:00', calendar: EMPTY_CALENDAR }
  const at = (iso: string) => new Date(iso)

  it('daily check-in reminder: working day, after the company time, before check-in closes', () => {
    const s = { checkinReminderAt: '09:30' }
    expect(checkinReminderDue(at('2026-11-27T01:29:59Z'), s, policy)).toBeNull() // 09:29:59
    expect(checkinReminderDue(at('2026-11-27T01:30:00Z'), s, policy)).toBe('2026-11-27')
    expect(checkinReminderDue(at('2026-11-27T10:00:00Z'), s, policy)).toBeNull() // 18:00, closed
    expect(checkinReminderDue(at('2026-11-28T02:00:00Z'), s, policy)).toBeNull() // Saturday
    expect(checkinReminderDue(at('2026-11-27T02:00:00Z'), { checkinReminderAt: null }, policy)).toBeNull()
    expect(checkinReminderDue(at('2026-11-27T15:00:00Z'), s, { ...policy, dailyCheckinCloses: null })).toBe(
      '2026-11-27',
    )
  })

  it('members: active, bound, joined, not yet checked in', () => {
    const m = { status: 'active', openid: 'o-1', joinedOn: '2026-01-05' }
    expect(needsCheckinReminder(m, '2026-11-27', false)).toBe(true)
    expect(needsCheckinReminder(m, '2026-11-27', true)).toBe(false)
    expect(needsCheckinReminder({ ...m, openid: null }, '2026-11-27', false)).toBe(false)
    expect(needsCheckinReminder({ ...m, status: 'left' }, '2026-11-27', false)).toBe(false)
    expect(needsCheckinReminder({ ...m, joinedOn: '2026-11-28' }, '2026-11-27', false)).toBe(false)
  })

  it('pending reviews: remind after N hours, escalate after M hours', () => {
    const s = { reviewRemindAfterHours: 24, reviewEscalateAfterHours: 48 }
    const submitted = at('2026-11-25T02:00:00Z')
    expect(reviewStage(submitted, at('2026-11-26T01:59:59Z'), s)).toBe('none')
    expect(reviewStage(submitted, at('2026-11-26T02:00:00Z'), s)).toBe('remind')
    expect(reviewStage(submitted, at('2026-11-27T01:59:59Z'), s)).toBe('remind')
    expect(reviewStage(submitted, at('2026-11-27T02:00:00Z'), s)).toBe('escalate')
  })

  it('cut-off reminder: the configured days before the cut-off day, for last month', () => {
    const s = { cutoffRemindDaysBefore: 1, cutoffRemindAt: '10:00' }
    expect(cutoffReminderDue(at('2026-12-04T02:00:00Z'), 5, s)).toEqual({
      month: '2026-11',
      cutoff: '2026-12-05',
    })
    expect(cutoffReminderDue(at('2026-12-04T01:59:00Z'), 5, s)).toBeNull() // 09:59
    expect(cutoffReminderDue(at('2026-12-05T02:00:00Z'), 5, s)).toBeNull()
    expect(cutoffReminderDue(at('2026-12-04T02:00:00Z'), null, s)).toBeNull()
    expect(cutoffReminderDue(at('2027-01-04T02:00:00Z'), 5, s)?.month).toBe('2026-12')
  })

  it('idempotency keys: per kind, subject and day', () => {
    expect(noticeKey('checkinReminder', 'm1', '2026-11-27')).toBe('checkinReminder_m1_2026-11-27')
    expect(noticeKey('reviewEscalation', 'm1_req-1')).toBe('reviewEscalation_m1_req-1')
  })
})

describe('pages the messages open', () => {
  // the routes declared in src/app.config.ts (main package + subpackage root/page)
  const config = fs.readFileSync(path.resolve(__dirname, '../../src/app.config.ts'), 'utf8')
  const main = [...config.matchAll(/pages: \[([^\]]*)\]/g)][0][1]
  const routes = new Set(
    [...main.matchAll(/'([^']+)'/g)]
      .map((m) => m[1])
      .concat(
        [...config.matchAll(/root: '([^']+)',\s*pages: \[([^\]]*)\]/g)].flatMap(([, root, pages]) =>
          [...pages.matchAll(/'([^']+)'/g)].map((p) => `${root}/${p[1]}`),
        ),
      ),
  )

  it('finds the app routes', () => {
    expect(routes).toContain('pages/index/index')
    expect(routes).toContain('hr/detail/index')
  })

  it.each(NOTICE_KINDS)('%s opens a page the app has', (kind) => {
    expect(routes).toContain(DEFAULT_TEMPLATES[kind].page.split('?')[0])
  })
})
