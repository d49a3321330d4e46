import { DomainError, refusal } from '@core/shared'
import {
  assertMayReview,
  assertMayRevoke,
  checkDelegation,
  rejectionText,
  revocationNote,
  reviewersFor,
  reviewScope,
  type DelegationDoc,
  type ReviewerRecord,
} from '@core/review'

const person = (
  id: string,
  dept: string,
  roles: ReviewerRecord['roles'],
  over: Partial<ReviewerRecord> = {},
) => ({ _id: id, companyId: 'c1', dept, roles, status: 'active', ...over }) as ReviewerRecord

const hr = person('hr', '人力资源部', ['hr', 'reviewer', 'employee'])
const devLead = person('dev-lead', '研发部', ['reviewer', 'employee'])
const mktLead = person('mkt-lead', '市场部', ['reviewer', 'employee'])
const dev = person('dev-1', '研发部', ['employee'])
const ops = person('ops-1', '运维部', ['employee'])
const everyone = [hr, devLead, mktLead, dev, ops]
const TODAY = '2026-11-27'

const codeOf = (f: () => unknown) => {
  try {
    f()
    return 'OK'
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e)
  }
}

describe('routing: who a request goes to', () => {
  it('goes to the reviewers of the member’s department', () => {
    expect(reviewersFor(dev, everyone).map((m) => m._id)).toEqual(['dev-lead'])
  })

  it('falls to the HR admins when the department has no reviewer — never to nobody', () => {
    expect(reviewersFor(ops, everyone).map((m) => m._id)).toEqual(['hr'])
  })

  it('skips reviewers who left, and falls to HR when that leaves none', () => {
    const gone = person('dev-lead', '研发部', ['reviewer'], { status: 'left' })
    expect(reviewersFor(dev, [hr, gone, dev]).map((m) => m._id)).toEqual(['hr'])
  })

  it('never routes a reviewer’s own request to themselves', () => {
    expect(reviewersFor(devLead, everyone).map((m) => m._id)).toEqual(['hr'])
  })

  it('honours a reviewer’s listed departments', () => {
    const multi = person('multi', '研发部', ['reviewer'], { reviewDepts: ['运维部', '市场部'] })
    expect(reviewersFor(ops, [hr, multi, ops]).map((m) => m._id)).toEqual(['multi'])
  })
})

describe('scope: what a caller may review today', () => {
  const none: DelegationDoc[] = []
  it('HR admins cover the company, reviewers their department, employees nothing', () => {
    expect(reviewScope(hr, [], none, TODAY)).toEqual({ kind: 'company' })
    expect(reviewScope(devLead, [], none, TODAY)).toEqual({ kind: 'depts', depts: ['研发部'] })
    expect(reviewScope(dev, [], none, TODAY)).toEqual({ kind: 'none' })
  })

  it('roles come from the member record: a member who left has no scope', () => {
    expect(reviewScope({ ...hr, status: 'left' }, [], none, TODAY)).toEqual({ kind: 'none' })
  })

  const delegation = (start: string, until: string, over: Partial<DelegationDoc> = {}): DelegationDoc => ({
    _id: 'dev-lead',
    companyId: 'c1',
    from: 'dev-lead',
    to: 'mkt-lead',
    start,
    until,
    createdAt: new Date(0),
    ...over,
  })

  it('adds the delegator’s departments on the days of the delegation only', () => {
    const d = [delegation('2026-11-26', '2026-11-28')]
    expect(reviewScope(mktLead, [devLead], d, TODAY)).toEqual({ kind: 'depts', depts: ['市场部', '研发部'] })
    expect(reviewScope(mktLead, [devLead], d, '2026-11-29')).toEqual({ kind: 'depts', depts: ['市场部'] })
    expect(reviewScope(mktLead, [devLead], d, '2026-11-25')).toEqual({ kind: 'depts', depts: ['市场部'] })
  })

  it('lets an employee act as a delegate, and ignores delegations from another company', () => {
    const d = [delegation('2026-11-27', '2026-11-27', { to: 'dev-1' })]
    expect(reviewScope(dev, [devLead], d, TODAY)).toEqual({ kind: 'depts', depts: ['研发部'] })
    const foreign = [delegation('2026-11-27', '2026-11-27', { to: 'dev-1', companyId: 'c2' })]
    expect(reviewScope(dev, [devLead], foreign, TODAY)).toEqual({ kind: 'none' })
  })
})

describe('may this caller decide this request', () => {
  const scopeOf = (m: ReviewerRecord) => reviewScope(m, [], [], TODAY)
  it.each([
    ['HR admin, any department', hr, dev, 'OK'],
    ['reviewer of the department', devLead, dev, 'OK'],
    ['reviewer of another department', mktLead, dev, 'FORBIDDEN'],
    ['employee', ops, dev, 'FORBIDDEN'],
    ['reviewer, own request', devLead, devLead, 'OWN_REQUEST'],
    ['HR admin, own request', hr, hr, 'OWN_REQUEST'],
    ['HR admin of another company', { ...hr, companyId: 'c2' }, dev, 'REQUEST_NOT_FOUND'],
  ] as const)('%s → %s', (_label, caller, requester, expected) => {
    expect(codeOf(() => assertMayReview(scopeOf(caller), caller, requester))).toBe(expected)
  })
})

describe('rejection reasons', () => {
  it('stores the listed label, with the reviewer’s text after it', () => {
    expect(rejectionText('attachmentUnclear', '')).toBe('证明材料不清晰')
    expect(rejectionText('attachmentUnclear', ' 看不清日期 ')).toBe('证明材料不清晰：看不清日期')
  })
  it('requires a text for "other"', () => {
    expect(codeOf(() => rejectionText('other', '  '))).toBe('FIELD_REQUIRED')
    expect(rejectionText('other', '不是本人')).toBe('其他：不是本人')
  })
})

describe('delegation rules', () => {
  it.each([
    ['to a colleague for a week', devLead, mktLead, '2026-11-27', '2026-12-03', 'OK'],
    ['by an employee', dev, mktLead, '2026-11-27', '2026-11-28', 'FORBIDDEN'],
    ['to oneself', devLead, devLead, '2026-11-27', '2026-11-28', 'INVALID_INPUT'],
    ['to nobody', devLead, null, '2026-11-27', '2026-11-28', 'MEMBER_NOT_FOUND'],
    [
      'to another company',
      devLead,
      { ...mktLead, companyId: 'c2' },
      '2026-11-27',
      '2026-11-28',
      'MEMBER_NOT_FOUND',
    ],
    ['ending before it starts', devLead, mktLead, '2026-11-28', '2026-11-27', 'INVALID_INPUT'],
    ['in the past', devLead, mktLead, '2026-11-01', '2026-11-02', 'INVALID_INPUT'],
    ['longer than 90 days', devLead, mktLead, '2026-11-27', '2027-03-27', 'INVALID_INPUT'],
    ['starting within a year', devLead, mktLead, '2027-11-01', '2027-11-07', 'OK'],
    ['starting more than a year ahead', devLead, mktLead, '2099-01-01', '2099-01-07', 'INVALID_INPUT'],
  ] as const)('%s → %s', (_l, from, to, start, until, expected) => {
    expect(codeOf(() => checkDelegation(from, to, start, until, TODAY))).toBe(expected)
  })
})

describe('catalogue placeholders', () => {
  it('names who decided first, and reads as "他人" when unknown', () => {
    expect(refusal('ALREADY_DECIDED', { by: '李明' }).message).toBe('这条申请已由李明处理')
    expect(refusal('ALREADY_DECIDED').message).toBe('这条申请已由他人处理')
  })
})

describe('who may revoke an approved make-up', () => {
  const request = (over: object = {}) => ({
    companyId: 'c1',
    memberId: dev._id,
    status: 'approved' as const,
    ...over,
  })
  it.each([
    ['HR admin, approved request', hr, request(), 'OK'],
    ['reviewer of the department', devLead, request(), 'FORBIDDEN'],
    ['employee', ops, request(), 'FORBIDDEN'],
    ['HR admin, own request', hr, request({ memberId: hr._id }), 'OWN_REQUEST'],
    ['HR admin of another company', { ...hr, companyId: 'c2' }, request(), 'REQUEST_NOT_FOUND'],
    ['HR admin, pending request', hr, request({ status: 'pending' }), 'REQUEST_NOT_APPROVED'],
    ['HR admin, rejected request', hr, request({ status: 'rejected' }), 'REQUEST_NOT_APPROVED'],
    ['HR admin, withdrawn request', hr, request({ status: 'withdrawn' }), 'REQUEST_NOT_APPROVED'],
    ['HR admin, revoked request', hr, request({ status: 'revoked', revokedBy: 'hr' }), 'ALREADY_REVOKED'],
  ] as const)('%s → %s', (_label, caller, doc, expected) => {
    expect(codeOf(() => assertMayRevoke(caller, doc))).toBe(expected)
  })

  it('names who revoked first', () => {
    expect(refusal('ALREADY_REVOKED', { by: '陈思' }).message).toBe('这条补卡已由陈思撤销')
  })

  it('keeps HR\'s note trimmed; "other" requires one', () => {
    expect(revocationNote('approvedByMistake', '  ')).toBe('')
    expect(revocationNote('approvedByMistake', ' 看错日期 ')).toBe('看错日期')
    expect(codeOf(() => revocationNote('other', ' '))).toBe('FIELD_REQUIRED')
    expect(revocationNote('other', '重复登记')).toBe('重复登记')
  })
})
