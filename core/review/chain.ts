// Approval chains (审批流程) on a request: the steps it passes, who may decide the current one, and what 转交 (hand
// the step to someone else) and 加签 (add an approver before or after the current step) do to it. Pure.
//
// A request copies its member's chain at submit (ruleFor: the group's, else the company's) and keeps it: a chain
// changed while requests are open applies to later ones only. The request stays `pending` from submit to the last
// step, so it holds its day and quota unit until the last step approves or any step refuses (core/README.md, keys).
// `step`, `stepKind` and `stepMember` say where it is; the last two are what a reviewer's queue filters on.
import {
  CHAIN_LIMITS,
  DEFAULT_CHAIN,
  type ApprovalChain,
  type ApprovalStep,
  type CopiedMember,
  type RequestStep,
} from '../policy'
import type { ChainView, MakeupDoc, MemberDoc } from '../makeup'
import { DomainError } from '../shared'
import {
  isHrAdmin,
  isReviewer,
  reviewersFor,
  scopeCovers,
  type ReviewerRecord,
  type ReviewScope,
} from './rules'

/** Where a request is in its chain (the fields a decision writes). */
export type ChainFields = Required<Pick<MakeupDoc, 'chain' | 'step' | 'stepKind' | 'stepMember'>>

export type SignerPosition = 'before' | 'after'

/** The chain of a request (requests stored before chains: the default one-step chain). */
export function chainOf(doc: Pick<MakeupDoc, 'chain' | 'step'>): { chain: RequestStep[]; step: number } {
  const chain = doc.chain?.length ? doc.chain : DEFAULT_CHAIN.steps
  return { chain, step: Math.min(doc.step ?? 0, chain.length - 1) }
}

export function currentStep(doc: Pick<MakeupDoc, 'chain' | 'step'>): RequestStep {
  const { chain, step } = chainOf(doc)
  return chain[step]
}

export function isLastStep(doc: Pick<MakeupDoc, 'chain' | 'step'>): boolean {
  const { chain, step } = chainOf(doc)
  return step === chain.length - 1
}

/** The fields of a request standing at `step` of `chain`. */
export function atStep(chain: RequestStep[], step: number): ChainFields {
  const s = chain[step]
  return { chain, step, stepKind: s.kind, stepMember: s.kind === 'member' ? s.memberId : null }
}

/**
 * The chain a new request starts with. A named approver who is the applicant would have to decide their own
 * request: that step goes to the HR admins instead.
 */
export function startChain(
  approval: ApprovalChain | undefined,
  requesterId: string,
): ChainFields & { cc: CopiedMember[] } {
  const { steps, cc } = approval ?? DEFAULT_CHAIN
  const chain: RequestStep[] = steps.map((s) =>
    s.kind === 'member' && s.memberId === requesterId ? { kind: 'hr' } : { ...s },
  )
  return { ...atStep(chain, 0), cc: cc.filter((c) => c.memberId !== requesterId) }
}

/** A resubmitted request starts its chain again: every step undecided, the first one current. */
export function restartChain(doc: Pick<MakeupDoc, 'chain' | 'step'>): ChainFields {
  const { chain } = chainOf(doc)
  return atStep(
    chain.map(({ decidedBy: _d, decidedByName: _n, ...s }) => s as RequestStep),
    0,
  )
}

/**
 * Whether the caller may decide this step: 'reviewers' — anyone whose scope covers the member's department (their
 * reviewers and delegates, HR admins); 'hr' — HR admins; 'member' — that member only.
 */
export function mayDecideStep(
  step: ApprovalStep,
  scope: ReviewScope,
  caller: Pick<MemberDoc, '_id' | 'roles'>,
  ownerDept: string,
): boolean {
  if (step.kind === 'reviewers') return scopeCovers(scope, ownerDept)
  if (step.kind === 'hr') return isHrAdmin(caller) && scope.kind === 'company'
  return step.memberId === caller._id
}

/**
 * Who decides a request's current step among the company's active reviewers and HR admins (`staff`): the
 * department's reviewers (else HR, reviewersFor), the HR admins, or the named member — never the requester.
 */
export function stepDeciders<M extends ReviewerRecord>(
  doc: Pick<MakeupDoc, 'chain' | 'step'>,
  requester: Pick<MemberDoc, '_id' | 'dept'>,
  staff: M[],
): M[] {
  const step = currentStep(doc)
  const others = staff.filter((m) => m.status === 'active' && m._id !== requester._id)
  if (step.kind === 'reviewers') return reviewersFor(requester, staff)
  if (step.kind === 'hr') return others.filter(isHrAdmin)
  return others.filter((m) => m._id === step.memberId)
}

/** How a step is named to people: "部门审核人", "HR", or the named member. */
export function stepLabel(step: ApprovalStep): string {
  if (step.kind === 'reviewers') return '部门审核人'
  if (step.kind === 'hr') return 'HR'
  return step.name ?? '指定审批人'
}

/** The request, the caller's scope, the caller and the member's department: what a step's rule judges. */
type StepCheck = [
  doc: Pick<MakeupDoc, 'chain' | 'step'>,
  scope: ReviewScope,
  caller: Pick<MemberDoc, '_id' | 'roles'>,
  ownerDept: string,
]

/** Refuses (NOT_YOUR_STEP, naming the step) unless `may` lets the caller act on the request's current step. */
function assertStep(may: typeof mayDecideStep, [doc, scope, caller, ownerDept]: StepCheck): void {
  const step = currentStep(doc)
  if (!may(step, scope, caller, ownerDept))
    throw new DomainError('NOT_YOUR_STEP', step.kind, { step: stepLabel(step) })
}

/** Refuses (NOT_YOUR_STEP, naming the step) unless the caller may decide the request's current step. */
export const assertMayDecideStep = (...check: StepCheck) => assertStep(mayDecideStep, check)

/**
 * Whether the caller may hand the current step over (转交 / 加签): whoever may decide it, and HR admins always — a
 * step named to someone who has since left or lost their role would otherwise wait for nobody.
 */
export function mayHandOverStep(
  step: ApprovalStep,
  scope: ReviewScope,
  caller: Pick<MemberDoc, '_id' | 'roles'>,
  ownerDept: string,
): boolean {
  return mayDecideStep(step, scope, caller, ownerDept) || (isHrAdmin(caller) && scope.kind === 'company')
}

/** Refuses (NOT_YOUR_STEP, naming the step) unless the caller may hand the request's current step over. */
export const assertMayHandOverStep = (...check: StepCheck) => assertStep(mayHandOverStep, check)

/** Whether the caller is named in a step of the request (handed or added to them): they may read it. */
export function isNamedInChain(doc: Pick<MakeupDoc, 'chain'>, callerId: string): boolean {
  return (doc.chain ?? []).some((s) => s.kind === 'member' && s.memberId === callerId)
}

type Person = Pick<MemberDoc, '_id' | 'name'>

/**
 * A decision of the current step by `by`: the step records its decider. An approval of a step that is not the
 * last moves the request to the next one (`final` false); any other decision ends the chain where it stands.
 */
export function decidedStep(
  doc: Pick<MakeupDoc, 'chain' | 'step'>,
  by: Person,
  approved: boolean,
): { final: boolean; fields: ChainFields } {
  const { chain, step } = chainOf(doc)
  const decided = chain.map((s, i) => (i === step ? { ...s, decidedBy: by._id, decidedByName: by.name } : s))
  const final = !approved || step === chain.length - 1
  return { final, fields: atStep(decided, final ? step : step + 1) }
}

/**
 * Refuses unless `to` can be handed or added a step of this request: an active reviewer or HR admin of the same
 * company, neither the applicant nor the caller.
 */
export function assertAssignee(
  to: Pick<MemberDoc, '_id' | 'companyId' | 'roles' | 'status'> | undefined,
  companyId: string,
  requesterId: string,
  callerId: string,
): asserts to is Pick<MemberDoc, '_id' | 'companyId' | 'roles' | 'status'> {
  if (
    !to ||
    to.companyId !== companyId ||
    to.status !== 'active' ||
    !(isReviewer(to) || isHrAdmin(to)) ||
    to._id === requesterId ||
    to._id === callerId
  )
    throw new DomainError('ASSIGNEE_INVALID', to?._id ?? '')
}

const named = (to: Person, via: RequestStep['via'], by: string): RequestStep => ({
  kind: 'member',
  memberId: to._id,
  name: to.name,
  via,
  by,
})

/** 转交: the current step is decided by `to` instead (the chain's other steps stay). */
export function transferredStep(doc: Pick<MakeupDoc, 'chain' | 'step'>, to: Person, by: string): ChainFields {
  const { chain, step } = chainOf(doc)
  return atStep(
    chain.map((s, i) => (i === step ? named(to, 'transfer', by) : s)),
    step,
  )
}

/**
 * 加签: `to` decides a new step before the current one (it becomes current; the caller's step follows it) or after
 * it (the caller still decides the current step). At most CHAIN_LIMITS.requestSteps steps in all.
 */
export function withSigner(
  doc: Pick<MakeupDoc, 'chain' | 'step'>,
  to: Person,
  by: string,
  position: SignerPosition,
): ChainFields {
  const { chain, step } = chainOf(doc)
  if (chain.length >= CHAIN_LIMITS.requestSteps)
    throw new DomainError('CHAIN_TOO_LONG', String(chain.length), { max: String(CHAIN_LIMITS.requestSteps) })
  const added = named(to, position, by)
  const at = position === 'before' ? step : step + 1
  return atStep([...chain.slice(0, at), added, ...chain.slice(at)], step)
}

/**
 * A policy's chain against the company's members: named approvers and copied members must be active reviewers or
 * HR admins (the first problem, for POLICY_CHAIN_INVALID), or null.
 */
export function chainProblem(
  chain: ApprovalChain,
  members: Map<string, Pick<MemberDoc, 'roles' | 'status'> & { name?: string }>,
): string | null {
  const ok = (id: string) => {
    const m = members.get(id)
    return Boolean(m && m.status === 'active' && (isReviewer(m) || isHrAdmin(m)))
  }
  // named as HR knows them (the member's name when there is one), else by id
  const who = (id: string) => members.get(id)?.name ?? id
  for (const s of chain.steps)
    if (s.kind === 'member' && !ok(s.memberId)) return `审批人 ${who(s.memberId)} 不是在职的审核人或 HR`
  for (const c of chain.cc) if (!ok(c.memberId)) return `抄送人 ${who(c.memberId)} 不是在职的审核人或 HR`
  if (new Set(chain.cc.map((c) => c.memberId)).size !== chain.cc.length) return '抄送人重复'
  return null
}

/** The chain with the named members' current names (what the admin function stores on save). */
export function withNames(chain: ApprovalChain, nameOf: (id: string) => string | undefined): ApprovalChain {
  return {
    steps: chain.steps.map((s) => (s.kind === 'member' ? { ...s, name: nameOf(s.memberId) ?? s.name } : s)),
    cc: chain.cc.map((c) => ({ ...c, name: nameOf(c.memberId) ?? c.name })),
  }
}

/** The request's chain as people see it. */
export function chainView(doc: Pick<MakeupDoc, 'chain' | 'step' | 'cc' | 'status'>): ChainView {
  const { chain, step } = chainOf(doc)
  const open = doc.status === 'pending'
  return {
    steps: chain.map((s, i) => ({
      label: stepLabel(s),
      kind: s.kind,
      ...(s.via ? { via: s.via } : {}),
      // a bulk approval decides the last step without naming it in the chain
      state:
        s.decidedBy || (doc.status === 'approved' && i <= step)
          ? 'done'
          : i === step && open
            ? 'current'
            : 'waiting',
      ...(s.decidedByName ? { decidedBy: s.decidedByName } : {}),
      ...(s.kind === 'member' ? { memberId: s.memberId } : {}),
    })),
    cc: (doc.cc ?? []).map((c) => c.name ?? c.memberId),
  }
}
