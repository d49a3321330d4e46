// The policy editor: read with its version history, save a new version (validated, audited, archived), and the
// preview — for a chosen member and day, which days would be makeable and why, by core's allowedSlots: the same
// pure function the makeup function's slots and submit use.
import {
  ADMIN_COLLECTIONS,
  groupPreview as previewGroups,
  type GroupMemberRow,
  policyChanges,
  type PolicyVersionDoc,
  policyVersionId,
  type PreviewDay,
  validatePolicy,
} from '@core/admin'
import type { Api } from '@core/api'
import { addDays, atLocalTime, isoShanghai, localDay } from '@core/calendar'
import { DomainError, ERRORS } from '@core/shared'
import { COLLECTIONS, type CompanyDoc, type MemberDoc } from '@core/makeup'
import { allowedSlots, lookbackDays, type ApprovalChain, type Policy } from '@core/policy'
import { chainProblem, withNames } from '@core/review'
import { loadFacts } from '@server/facts'
import { memberProfile } from '@server/repositories/members'
import type { Context } from '@server/router'
import {
  aggregate,
  type Db,
  find,
  getById,
  insert,
  type Pipeline,
  replace,
  withTransaction,
} from '@server/sdk'
import { adminMemberView, audit, memberOfCompany, requireHr } from '../access'

type A = Api['admin']

export async function policy(_: A['policy'][0], { db, openid }: Context): Promise<A['policy'][1]> {
  const { company } = await requireHr(db, openid)
  const versions = await find<PolicyVersionDoc>(
    db,
    ADMIN_COLLECTIONS.policyVersions,
    { companyId: company._id },
    { orderBy: ['version', 'desc'], limit: 50 },
  )
  return {
    policy: company.policy,
    versions: versions.map((v) => ({
      version: v.version,
      savedAt: isoShanghai(v.savedAt),
      savedBy: v.savedBy,
    })),
  }
}

export async function savePolicy(
  input: A['savePolicy'][0],
  { db, openid, now }: Context,
): Promise<A['savePolicy'][1]> {
  const caller = await requireHr(db, openid)
  const candidate = await withChainNames(
    db,
    caller.company._id,
    validatePolicy({ ...input.policy, version: input.baseVersion + 1 }),
  )
  return withTransaction(db, async (tx) => {
    const company = (await getById<CompanyDoc>(tx, COLLECTIONS.companies, caller.company._id))!
    const before = company.policy
    if (before.version !== input.baseVersion) throw new DomainError('POLICY_VERSION_CONFLICT')
    const changes = policyChanges(before, candidate)
    if (changes.length === 0) return { policy: before, changes }
    await replace(tx, COLLECTIONS.companies, { ...company, policy: candidate })
    // the outgoing version is archived too (it may predate the archive), then the new one
    for (const p of [before, candidate])
      if (!(await getById(tx, ADMIN_COLLECTIONS.policyVersions, policyVersionId(company._id, p.version))))
        await insert<PolicyVersionDoc>(tx, ADMIN_COLLECTIONS.policyVersions, {
          _id: policyVersionId(company._id, p.version),
          companyId: company._id,
          version: p.version,
          policy: p,
          savedAt: p === candidate ? now : company.createdAt,
          savedBy: p === candidate ? caller.member.name : '',
        })
    await audit(tx, caller, now, {
      subject: 'policy',
      subjectId: String(candidate.version),
      action: 'savePolicy',
      from: `v${before.version}`,
      to: `v${candidate.version}`,
      changes,
    })
    return { policy: candidate, changes }
  })
}

/**
 * The policy's approval chains (the company's and each group's) checked against the members they name — active
 * reviewers or HR admins — and stored with their current names (what timelines and notices show): one read.
 */
async function withChainNames(db: Db, companyId: string, policy: Policy): Promise<Policy> {
  const chains = [policy.approval, ...(policy.groups ?? []).map((g) => g.approval)]
  const ids = chains.flatMap((c) =>
    c
      ? [...c.steps.flatMap((s) => (s.kind === 'member' ? [s.memberId] : [])), ...c.cc.map((x) => x.memberId)]
      : [],
  )
  if (ids.length === 0) return policy
  const members = await find<MemberDoc>(
    db,
    COLLECTIONS.members,
    { companyId, _id: db.command.in([...new Set(ids)]) },
    { limit: ids.length },
  )
  const byId = new Map(members.map((m) => [m._id, m]))
  const named = (chain: ApprovalChain | undefined, at: string) => {
    if (!chain) return chain
    const problem = chainProblem(chain, byId)
    if (problem) throw new DomainError('POLICY_CHAIN_INVALID', at, { problem })
    return withNames(chain, (id) => byId.get(id)?.name)
  }
  return {
    ...policy,
    ...(policy.approval ? { approval: named(policy.approval, 'approval') } : {}),
    ...(policy.groups
      ? {
          groups: policy.groups.map((g, i) =>
            g.approval ? { ...g, approval: named(g.approval, `groups.${i}.approval`) } : g,
          ),
        }
      : {}),
  }
}

export async function preview(
  input: A['preview'][0],
  { db, openid, now }: Context,
): Promise<A['preview'][1]> {
  const { company } = await requireHr(db, openid)
  const member = await memberOfCompany(db, company._id, input.memberId)
  const draft = input.policy
    ? validatePolicy({ ...input.policy, version: company.policy.version })
    : company.policy
  // "as of" the chosen day: now when it is today, else noon of that day
  const at = input.day === localDay(now) ? now : atLocalTime(input.day, '12:00')
  const withDraft = { member, company: { ...company, policy: draft } }
  // the preview assumes an up-to-date client: the version gate is about the caller's app, not the policy
  const facts = await loadFacts(
    db,
    withDraft,
    addDays(input.day, -lookbackDays(draft, input.day)),
    input.day,
    draft.minClientVersion ?? undefined,
  )
  const { judgements, ...view } = allowedSlots(memberProfile(member, at), draft, at, facts)
  const days: PreviewDay[] = judgements
    .map((j) =>
      j.ok
        ? { day: j.day, ok: true, deadline: isoShanghai(j.deadline), charged: j.charged }
        : { day: j.day, ok: false, code: j.code, reason: ERRORS[j.code].message },
    )
    .reverse()
  return { ...view, member: adminMemberView(member), at: isoShanghai(at), policyVersion: draft.version, days }
}

/**
 * The rule-group preview of a draft: the caller, then the company's active members — their ids, names and
 * departments only — gathered into one document by one aggregation (2 round trips whatever the company's size:
 * an aggregation's output is capped at 10 000 documents, its one document is not; 10 000 members make ~0.5 MB),
 * then core's groupPreview. The draft is validated first: overlapping groups are refused here as on saving.
 */
export async function groupPreview(
  input: A['groupPreview'][0],
  { db, openid }: Context,
): Promise<A['groupPreview'][1]> {
  const { company } = await requireHr(db, openid)
  const draft = validatePolicy({ ...input.policy, version: company.policy.version })
  return previewGroups(company.policy, draft, await activeMembers(db, company._id))
}

type Push = { aggregate: { push(v: unknown): unknown } }
/** the SDK's pipeline has $group; server/sdk.ts types only the stages the shared code uses */
type Grouping = Pipeline & { group(spec: object): Pipeline }

async function activeMembers(db: Db, companyId: string): Promise<GroupMemberRow[]> {
  const $ = (db.command as unknown as Push).aggregate
  const [all] = await aggregate<{ rows: GroupMemberRow[] }>(db, COLLECTIONS.members, (p) =>
    (p.match({ companyId, status: 'active' }).project({ _id: 1, name: 1, dept: 1 }) as Grouping).group({
      _id: null,
      rows: $.push({ _id: '$_id', name: '$name', dept: '$dept' }),
    }),
  )
  return all?.rows ?? []
}
