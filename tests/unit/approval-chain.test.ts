// Approval chains on a request (core/review chain.ts): who decides each step, what 转交 and 加签 do to the chain,
// where a decision leaves the request, how it is shown; and what a policy's chain may hold.
import { policyChanges, validatePolicy } from '@core/admin'
import type { MakeupDoc, MemberDoc } from '@core/makeup'
import { DEFAULT_POLICY, type ApprovalChain } from '@core/policy'
import {
  assertAssignee,
  assertMayDecideStep,
  chainProblem,
  chainView,
  decidedStep,
  mayDecideStep,
  restartChain,
  startChain,
  transferredStep,
  withSigner,
  type ReviewScope,
} from '@core/review'
import { DomainError } from '@core/shared'

const TWO: ApprovalChain = { steps: [{ kind: 'reviewers' }, { kind: 'hr' }], cc: [{ memberId: 'r2' }] }
const caller = (id: string, roles: MemberDoc['roles']) => ({ _id: id, roles })
const DEV: ReviewScope = { kind: 'depts', depts: ['研发部'] }
const COMPANY: ReviewScope = { kind: 'company' }
const codeOf = (f: () => unknown) => {
  try {
    f()
    return 'OK'
  } catch (e) {
    return (e as DomainError).code
  }
}
type Doc = Pick<MakeupDoc, 'chain' | 'step' | 'cc' | 'status'>
const docOf = (chain: ApprovalChain = TWO, status: MakeupDoc['status'] = 'pending'): Doc => ({
  ...startChain(chain, 'm1'),
  status,
})
const labels = (d: Doc) => chainView(d).steps.map((s) => `${s.label}:${s.state}`)

describe('who decides a step', () => {
  it.each([
    ['reviewers', 'a reviewer of the department', DEV, caller('r1', ['reviewer']), true],
    ['reviewers', 'HR, who cover the company', COMPANY, caller('h1', ['hr']), true],
    [
      'reviewers',
      'a reviewer of another department',
      { kind: 'depts', depts: ['市场部'] },
      caller('r2', ['reviewer']),
      false,
    ],
    ['hr', 'HR', COMPANY, caller('h1', ['hr']), true],
    ['hr', 'a department reviewer', DEV, caller('r1', ['reviewer']), false],
    ['member', 'the named member', { kind: 'depts', depts: ['市场部'] }, caller('r2', ['reviewer']), true],
    ['member', 'HR, when another member is named', COMPANY, caller('h1', ['hr']), false],
  ] as const)('%s step: %s → %s', (kind, _who, scope, who, allowed) => {
    const step = kind === 'member' ? { kind, memberId: 'r2' } : { kind }
    expect(mayDecideStep(step, scope as ReviewScope, who, '研发部')).toBe(allowed)
  })

  it('refuses with NOT_YOUR_STEP naming the step', () => {
    const at = { ...docOf(), ...decidedStep(docOf(), { _id: 'r1', name: '李明' }, true).fields }
    try {
      assertMayDecideStep(at, DEV, caller('r1', ['reviewer']), '研发部')
      throw new Error('not refused')
    } catch (e) {
      expect(e).toMatchObject({ code: 'NOT_YOUR_STEP', vars: { step: 'HR' } })
    }
  })
})

describe('a request along its chain', () => {
  it('starts at the first step; a named approver who is the applicant becomes the HR step', () => {
    expect(startChain(TWO, 'm1')).toMatchObject({ step: 0, stepKind: 'reviewers', stepMember: null })
    const own = startChain({ steps: [{ kind: 'member', memberId: 'm1' }], cc: [{ memberId: 'm1' }] }, 'm1')
    expect(own.chain).toEqual([{ kind: 'hr' }])
    expect(own.cc).toEqual([])
    // a policy without a chain: one step, the department's reviewers
    expect(startChain(undefined, 'm1').chain).toEqual([{ kind: 'reviewers' }])
  })

  it('an approval moves on until the last step; any refusal ends it where it stands', () => {
    const first = decidedStep(docOf(), { _id: 'r1', name: '李明' }, true)
    expect(first.final).toBe(false)
    expect(first.fields).toMatchObject({ step: 1, stepKind: 'hr' })
    expect(first.fields.chain[0]).toMatchObject({ decidedBy: 'r1', decidedByName: '李明' })
    const last = decidedStep({ ...docOf(), ...first.fields }, { _id: 'h1', name: '陈思' }, true)
    expect(last).toMatchObject({ final: true, fields: { step: 1 } })
    const refused = decidedStep(docOf(), { _id: 'r1', name: '李明' }, false)
    expect(refused).toMatchObject({ final: true, fields: { step: 0 } })
    // a resubmission starts again, every step undecided
    const again = restartChain({ ...docOf(), ...first.fields })
    expect(again).toMatchObject({ step: 0, stepKind: 'reviewers' })
    expect(again.chain.every((s) => !s.decidedBy && !s.decidedByName)).toBe(true)
  })

  it('转交 replaces the current step; 加签 adds one before (now current) or after it', () => {
    const wang = { _id: 'r2', name: '王磊' }
    const handed = transferredStep(docOf(), wang, 'r1')
    expect(handed).toMatchObject({ step: 0, stepKind: 'member', stepMember: 'r2' })
    expect(labels({ ...docOf(), ...handed })).toEqual(['王磊:current', 'HR:waiting'])
    const before = withSigner(docOf(), wang, 'r1', 'before')
    expect(labels({ ...docOf(), ...before })).toEqual(['王磊:current', '部门审核人:waiting', 'HR:waiting'])
    const after = withSigner(docOf(), wang, 'r1', 'after')
    expect(labels({ ...docOf(), ...after })).toEqual(['部门审核人:current', '王磊:waiting', 'HR:waiting'])
    expect(after.chain[1]).toMatchObject({ via: 'after', by: 'r1' })
  })

  it('a chain grows to 8 steps at most', () => {
    let d: Doc = docOf()
    for (let i = 0; i < 6; i++)
      d = { ...d, ...withSigner(d, { _id: `r${i}`, name: `审核人${i}` }, 'r1', 'after') }
    expect(d.chain).toHaveLength(8)
    expect(codeOf(() => withSigner(d, { _id: 'r9', name: '九' }, 'r1', 'before'))).toBe('CHAIN_TOO_LONG')
  })

  it('shows an approved request (a bulk approval names no decider) with every step done', () => {
    const first = decidedStep(docOf(), { _id: 'r1', name: '李明' }, true).fields
    expect(labels({ ...docOf(), ...first, status: 'approved' })).toEqual(['部门审核人:done', 'HR:done'])
    expect(labels({ ...docOf(), status: 'rejected' })).toEqual(['部门审核人:waiting', 'HR:waiting'])
  })

  it('hands or adds only to an active reviewer or HR admin, never the applicant or oneself', () => {
    const m = (id: string, roles: MemberDoc['roles'], over: Partial<MemberDoc> = {}) => ({
      _id: id,
      companyId: 'c1',
      roles,
      status: 'active' as const,
      ...over,
    })
    const check = (to: ReturnType<typeof m> | undefined) => codeOf(() => assertAssignee(to, 'c1', 'm1', 'r1'))
    expect(check(m('r2', ['reviewer']))).toBe('OK')
    expect(check(m('h1', ['hr']))).toBe('OK')
    expect(check(m('m2', ['employee']))).toBe('ASSIGNEE_INVALID')
    expect(check(m('m1', ['reviewer']))).toBe('ASSIGNEE_INVALID')
    expect(check(m('r1', ['reviewer']))).toBe('ASSIGNEE_INVALID')
    expect(check(m('r3', ['reviewer'], { status: 'left' }))).toBe('ASSIGNEE_INVALID')
    expect(check(m('r4', ['reviewer'], { companyId: 'c2' }))).toBe('ASSIGNEE_INVALID')
    expect(check(undefined)).toBe('ASSIGNEE_INVALID')
  })
})

describe("a policy's chain", () => {
  const members = new Map<string, Pick<MemberDoc, 'roles' | 'status'>>([
    ['r2', { roles: ['reviewer'], status: 'active' }],
    ['m2', { roles: ['employee'], status: 'active' }],
    ['h1', { roles: ['hr'], status: 'left' }],
  ])

  it('names active reviewers and HR admins only, each copied once', () => {
    expect(chainProblem(TWO, members)).toBeNull()
    expect(chainProblem({ steps: [{ kind: 'member', memberId: 'm2' }], cc: [] }, members)).toContain('m2')
    expect(chainProblem({ steps: [{ kind: 'hr' }], cc: [{ memberId: 'h1' }] }, members)).toContain('h1')
    expect(
      chainProblem({ steps: [{ kind: 'hr' }], cc: [{ memberId: 'r2' }, { memberId: 'r2' }] }, members),
    ).toBe('抄送人重复')
  })

  it('has 1 to 5 steps and at most 10 copied, in the company rule and in a group', () => {
    const withChain = (approval: unknown) => codeOf(() => validatePolicy({ ...DEFAULT_POLICY, approval }))
    expect(withChain(TWO)).toBe('OK')
    expect(withChain({ steps: [], cc: [] })).toBe('POLICY_INVALID')
    expect(withChain({ steps: Array(6).fill({ kind: 'hr' }), cc: [] })).toBe('POLICY_INVALID')
    expect(
      withChain({
        steps: [{ kind: 'hr' }],
        cc: Array.from({ length: 11 }, (_, i) => ({ memberId: `r${i}` })),
      }),
    ).toBe('POLICY_INVALID')
    expect(withChain({ steps: [{ kind: 'boss' }], cc: [] })).toBe('POLICY_INVALID')
    const group = {
      name: '外勤',
      departments: ['市场部'],
      members: [],
      approval: { steps: [{ kind: 'hr' }], cc: [] },
    }
    expect(codeOf(() => validatePolicy({ ...DEFAULT_POLICY, groups: [group] }))).toBe('OK')
  })

  it('is audited when saved: the company chain before → after (a group’s: rule-groups.test.ts)', () => {
    const lines = policyChanges(DEFAULT_POLICY, { ...DEFAULT_POLICY, approval: TWO })
    expect(lines.some((l) => l.startsWith('approval'))).toBe(true)
  })
})
