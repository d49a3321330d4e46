// The approval chain (审批流程) in the policy editor: the ordered steps — the member's department reviewers, HR, or a
// named member — and who is copied (抄送). One component for the company rule and each rule group's own chain.
// Named members are picked from the company's active reviewers and HR admins (what the save accepts); their ids are
// stored, their names shown.
import { Picker, Switch, Text, View } from '@tarojs/components'
import {
  CHAIN_LIMITS,
  DEFAULT_CHAIN,
  stableJson,
  type ApprovalChain,
  type ApprovalStep,
  type RuleGroup,
} from '@core/policy'

/** Who may be named in a chain: an active reviewer or HR admin (admin.members with roles). */
export interface ChainCandidate {
  id: string
  name: string
  dept: string
}

const KIND_LABEL: Record<ApprovalStep['kind'], string> = {
  reviewers: '部门审核人',
  hr: 'HR',
  member: '指定成员',
}

const sameChain = (a: ApprovalChain, b: ApprovalChain) => stableJson(a) === stableJson(b)

/**
 * What the policy stores for an edited chain: a policy saved without one keeps none while the chain is still the
 * default (else saving an untouched editor would record a change).
 */
export function chainToStore(
  chain: ApprovalChain,
  saved: ApprovalChain | undefined,
): ApprovalChain | undefined {
  return !saved && sameChain(chain, DEFAULT_CHAIN) ? undefined : chain
}

const GAP = { marginLeft: '12px' }

/** a picker's key: H5's picker keeps the options it was created with, so a new list makes a new picker */
const ids = (cs: ChainCandidate[]) => cs.map((c) => c.id).join(',') || 'none'

const copyChain = (c: ApprovalChain): ApprovalChain => ({
  steps: c.steps.map((s) => ({ ...s })),
  cc: c.cc.map((x) => ({ ...x })),
})

function move<T>(xs: T[], i: number, by: -1 | 1): T[] {
  const j = i + by
  if (j < 0 || j >= xs.length) return xs
  const out = [...xs]
  ;[out[i], out[j]] = [out[j], out[i]]
  return out
}

export function ChainEditor({
  chain,
  candidates,
  onChange,
}: {
  chain: ApprovalChain
  candidates: ChainCandidate[]
  onChange: (chain: ApprovalChain) => void
}) {
  const nameOf = (id: string, stored?: string) => candidates.find((c) => c.id === id)?.name ?? stored ?? id
  const label = (c: ChainCandidate) => `${c.name}（${c.dept}）`
  const setSteps = (steps: ApprovalStep[]) => onChange({ ...chain, steps })
  const setStep = (i: number, step: ApprovalStep) => setSteps(chain.steps.map((s, j) => (j === i ? step : s)))
  const ccFree = candidates.filter((c) => !chain.cc.some((x) => x.memberId === c.id))
  return (
    <View className='chain-editor'>
      {chain.steps.map((s, i) => (
        <View key={i} className='chain-edit-step'>
          <View className='ad-row'>
            <Text className='chain-step-label'>
              第 {i + 1} 步：{s.kind === 'member' ? nameOf(s.memberId, s.name) : KIND_LABEL[s.kind]}
            </Text>
            <View className='ad-chips'>
              {i > 0 && (
                <Text
                  className='ad-link chain-step-up'
                  style={GAP}
                  onClick={() => setSteps(move(chain.steps, i, -1))}
                >
                  上移
                </Text>
              )}
              {i < chain.steps.length - 1 && (
                <Text
                  className='ad-link chain-step-down'
                  style={GAP}
                  onClick={() => setSteps(move(chain.steps, i, 1))}
                >
                  下移
                </Text>
              )}
              {chain.steps.length > 1 && (
                <Text
                  className='ad-link chain-step-remove'
                  style={GAP}
                  onClick={() => setSteps(chain.steps.filter((_, j) => j !== i))}
                >
                  删除
                </Text>
              )}
            </View>
          </View>
          <View className='ad-chips'>
            {(['reviewers', 'hr'] as const).map((kind) => (
              <Text
                key={kind}
                className={`ad-chip chain-kind-${kind} ${s.kind === kind ? 'ad-chip--on' : ''}`}
                onClick={() => setStep(i, { kind })}
              >
                {KIND_LABEL[kind]}
              </Text>
            ))}
            {/* a named step is made by picking the member, so no step is ever left without one; the pickers
                appear once the candidates are in (H5's picker may keep showing the empty list it started with) */}
            {candidates.length > 0 && (
              <Picker
                key={ids(candidates)}
                className='chain-member-picker'
                mode='selector'
                range={candidates.map(label)}
                onChange={(e) => {
                  const c = candidates[Number(e.detail.value)]
                  if (c) setStep(i, { kind: 'member', memberId: c.id, name: c.name })
                }}
              >
                <Text className={`ad-chip chain-kind-member ${s.kind === 'member' ? 'ad-chip--on' : ''}`}>
                  {s.kind === 'member' ? `${nameOf(s.memberId, s.name)} ▾` : '指定成员 ▾'}
                </Text>
              </Picker>
            )}
          </View>
        </View>
      ))}
      {chain.steps.length < CHAIN_LIMITS.steps ? (
        <Text
          className='ad-link chain-add-step'
          onClick={() => setSteps([...chain.steps, { kind: 'reviewers' }])}
        >
          ＋ 添加审批步骤
        </Text>
      ) : (
        <Text className='ad-muted'>最多 {CHAIN_LIMITS.steps} 步</Text>
      )}
      <Text className='ad-line'>抄送（只接收结果通知，不参与审批）</Text>
      <View className='ad-chips'>
        {chain.cc.map((c) => (
          <Text
            key={c.memberId}
            className='ad-chip ad-chip--on chain-cc-member'
            onClick={() => onChange({ ...chain, cc: chain.cc.filter((x) => x.memberId !== c.memberId) })}
          >
            {nameOf(c.memberId, c.name)} ✕
          </Text>
        ))}
        {chain.cc.length >= CHAIN_LIMITS.cc ? (
          <Text className='ad-muted'>最多抄送 {CHAIN_LIMITS.cc} 人</Text>
        ) : ccFree.length > 0 ? (
          <Picker
            key={ids(ccFree)}
            className='chain-cc-picker'
            mode='selector'
            range={ccFree.map(label)}
            onChange={(e) => {
              const c = ccFree[Number(e.detail.value)]
              if (c) onChange({ ...chain, cc: [...chain.cc, { memberId: c.id, name: c.name }] })
            }}
          >
            <Text className='ad-chip chain-add-cc'>＋ 抄送人</Text>
          </Picker>
        ) : null}
      </View>
    </View>
  )
}

/** A rule group's own chain: switched off, the group has none and the company's applies. */
export function GroupChain({
  group,
  company,
  candidates,
  onChange,
}: {
  group: RuleGroup
  company: ApprovalChain | undefined
  candidates: ChainCandidate[]
  onChange: (approval: ApprovalChain | undefined) => void
}) {
  return (
    <>
      <View className='ad-row'>
        <Text>单独设置审批流程</Text>
        <Switch
          className='group-own-approval'
          checked={Boolean(group.approval)}
          color='#16a34a'
          onChange={(e) => onChange(e.detail.value ? copyChain(company ?? DEFAULT_CHAIN) : undefined)}
        />
      </View>
      {group.approval && <ChainEditor chain={group.approval} candidates={candidates} onChange={onChange} />}
    </>
  )
}
