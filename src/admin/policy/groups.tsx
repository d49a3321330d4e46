// Rule groups in the policy editor (规则组): each group's name, departments, listed members and the parts of the
// rule it overrides; and the preview of what saving would change for whom (core groupPreview, from admin).
import { Input, Picker, Switch, Text, View } from '@tarojs/components'
import type { AdminMemberView, GroupPreview } from '@core/admin'
import { RULE_ASPECT_LABEL, type AttachmentRule, type Policy, type RuleGroup } from '@core/policy'
import { GroupChain, type ChainCandidate } from './chain'

type Rule = Pick<Policy, 'window' | 'quota' | 'attachments' | 'approval'>

/** Members HR picks from: a page of one department (or of everyone), 50 at a time (admin.members). */
export interface MemberPool {
  dept: string | null
  items: AdminMemberView[]
  next: number | null
  /** names of every member seen so far, for the listed members' chips */
  names: Record<string, string>
  pick(dept: string | null): void
  more(): void
}

const ATTACHMENTS: { value: AttachmentRule; label: string }[] = [
  { value: 'none', label: '无需附件' },
  { value: 'healthCode', label: '健康码截图' },
  { value: 'testReport', label: '检测报告' },
  { value: 'either', label: '二者之一' },
]
const CYCLES = [
  { value: 'month', label: '每月' },
  { value: 'quarter', label: '每季度' },
] as const

// where a group's own reminder time starts when HR switches it on (the company's time is set on the notices page)
const GROUP_REMINDER = '09:00'

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s))

function Chip({ on, cls, label, onTap }: { on: boolean; cls: string; label: string; onTap: () => void }) {
  return (
    <Text className={`ad-chip ${cls} ${on ? 'ad-chip--on' : ''}`} onClick={onTap}>
      {label}
    </Text>
  )
}

/** One group: membership and overrides. A switched-off override is absent: the company rule applies. */
function GroupEditor({
  group,
  company,
  depts,
  pool,
  candidates,
  onChange,
  onRemove,
}: {
  group: RuleGroup
  company: Rule
  depts: string[]
  pool: MemberPool
  candidates: ChainCandidate[]
  onChange: (g: RuleGroup) => void
  onRemove: () => void
}) {
  const set = (patch: Partial<RuleGroup>) => onChange({ ...group, ...patch })
  const nameOf = (id: string) => pool.names[id] ?? id
  const freeMembers = pool.items.filter((m) => !group.members.includes(m.id))
  const deptChoices = ['全部部门', ...depts]
  return (
    <View className='rule-group'>
      <View className='ad-row'>
        <Text>组名</Text>
        <Input
          className='ad-input group-name'
          placeholder='如：外勤人员'
          value={group.name}
          onInput={(e) => set({ name: e.detail.value })}
        />
      </View>
      <Text className='ad-line'>包含的部门（点选；下级部门需单独选）</Text>
      <View className='ad-chips'>
        {[...new Set([...depts, ...group.departments])].map((d) => (
          <Chip
            key={d}
            on={group.departments.includes(d)}
            cls='group-dept'
            label={d}
            onTap={() =>
              set({
                departments: group.departments.includes(d)
                  ? group.departments.filter((x) => x !== d)
                  : [...group.departments, d],
              })
            }
          />
        ))}
      </View>
      <Text className='ad-line'>单独列入的成员（优先于部门）</Text>
      <View className='ad-chips'>
        {group.members.map((id) => (
          <Chip
            key={id}
            on
            cls='group-member'
            label={`${nameOf(id)} ✕`}
            onTap={() => set({ members: group.members.filter((x) => x !== id) })}
          />
        ))}
        <Picker
          className='group-member-dept-picker'
          mode='selector'
          range={deptChoices}
          onChange={(e) => {
            const i = Number(e.detail.value)
            pool.pick(i === 0 ? null : deptChoices[i])
          }}
        >
          <Text className='ad-chip group-member-dept'>{pool.dept ?? '全部部门'} ▾</Text>
        </Picker>
        <Picker
          className='group-add-member-picker'
          mode='selector'
          range={freeMembers.map((m) => `${m.name}（${m.dept}）`)}
          onChange={(e) => {
            const m = freeMembers[Number(e.detail.value)]
            if (m) set({ members: [...group.members, m.id] })
          }}
        >
          <Text className='ad-chip group-add-member'>＋ 成员</Text>
        </Picker>
        {pool.next !== null && (
          <Text className='ad-chip group-more-members' onClick={pool.more}>
            加载更多成员
          </Text>
        )}
      </View>

      <View className='ad-row'>
        <Text>单独设置补卡时限</Text>
        <Switch
          className='group-own-window'
          checked={Boolean(group.window)}
          color='#16a34a'
          onChange={(e) => set({ window: e.detail.value ? { ...company.window } : undefined })}
        />
      </View>
      {group.window && (
        <View className='ad-row'>
          <Text>补卡时限（天）</Text>
          <Input
            className='ad-input group-window-days'
            type='number'
            value={String(group.window.days)}
            onInput={(e) => set({ window: { ...group.window!, days: num(e.detail.value) as number } })}
          />
          <Chip
            on={group.window.unit === 'natural'}
            cls='group-window-natural'
            label='自然日'
            onTap={() =>
              set({
                window: { ...group.window!, unit: group.window!.unit === 'natural' ? 'working' : 'natural' },
              })
            }
          />
        </View>
      )}

      <View className='ad-row'>
        <Text>单独设置额度</Text>
        <Switch
          className='group-own-quota'
          checked={Boolean(group.quota)}
          color='#16a34a'
          onChange={(e) =>
            set({
              quota: e.detail.value ? { cap: company.quota.cap, cycle: company.quota.cycle } : undefined,
            })
          }
        />
      </View>
      {group.quota && (
        <>
          <View className='ad-row'>
            <Text>每周期额度（空 = 不限）</Text>
            <Input
              className='ad-input group-cap'
              type='number'
              value={group.quota.cap === null ? '' : String(group.quota.cap)}
              onInput={(e) => set({ quota: { ...group.quota!, cap: num(e.detail.value) } })}
            />
          </View>
          <View className='ad-chips'>
            {CYCLES.map((c) => (
              <Chip
                key={c.value}
                on={group.quota!.cycle.kind === c.value}
                cls={`group-cycle-${c.value}`}
                label={c.label}
                onTap={() => set({ quota: { ...group.quota!, cycle: { kind: c.value } } })}
              />
            ))}
          </View>
        </>
      )}

      <View className='ad-row'>
        <Text>单独设置附件要求</Text>
        <Switch
          className='group-own-evidence'
          checked={Boolean(group.attachments)}
          color='#16a34a'
          onChange={(e) => set({ attachments: e.detail.value ? { ...company.attachments } : undefined })}
        />
      </View>
      {group.attachments && (
        <View className='ad-chips'>
          {ATTACHMENTS.map((a) => (
            <Chip
              key={a.value}
              on={group.attachments!.rule === a.value}
              cls={`group-attachments-${a.value}`}
              label={a.label}
              onTap={() => set({ attachments: { ...group.attachments!, rule: a.value } })}
            />
          ))}
        </View>
      )}
      <View className='ad-row'>
        <Text>单独设置打卡提醒时间</Text>
        <Switch
          className='group-own-reminder'
          checked={group.checkinReminderAt !== undefined}
          color='#16a34a'
          onChange={(e) => set({ checkinReminderAt: e.detail.value ? GROUP_REMINDER : undefined })}
        />
      </View>
      {group.checkinReminderAt !== undefined && (
        <View className='ad-row'>
          {group.checkinReminderAt !== null && (
            <Picker
              className='group-reminder-picker'
              mode='time'
              value={group.checkinReminderAt}
              onChange={(e) => set({ checkinReminderAt: e.detail.value })}
            >
              <Text className='ad-link group-reminder-at'>{group.checkinReminderAt} ▾</Text>
            </Picker>
          )}
          <Chip
            on={group.checkinReminderAt === null}
            cls='group-reminder-none'
            label='该组不提醒'
            onTap={() => set({ checkinReminderAt: group.checkinReminderAt === null ? GROUP_REMINDER : null })}
          />
        </View>
      )}
      <GroupChain
        group={group}
        company={company.approval}
        candidates={candidates}
        onChange={(approval) => set({ approval })}
      />
      <Text className='ad-link group-remove' onClick={onRemove}>
        删除该组
      </Text>
    </View>
  )
}

export function GroupsEditor({
  groups,
  company,
  depts,
  pool,
  candidates,
  onChange,
}: {
  groups: RuleGroup[]
  company: Rule
  depts: string[]
  pool: MemberPool
  candidates: ChainCandidate[]
  onChange: (groups: RuleGroup[]) => void
}) {
  const nextName = () => {
    for (let n = groups.length + 1; ; n++)
      if (!groups.some((g) => g.name === `规则组${n}`)) return `规则组${n}`
  }
  return (
    <View className='ad-card policy-groups'>
      <Text className='ad-title'>规则组</Text>
      <Text className='ad-muted'>
        按部门或成员单独设置时限、额度和附件要求；每人最多属于一个组，未入组的成员使用公司规则。地区规则仍然叠加。
      </Text>
      {groups.map((g, i) => (
        <GroupEditor
          key={i}
          group={g}
          company={company}
          depts={depts}
          pool={pool}
          candidates={candidates}
          onChange={(changed) => onChange(groups.map((x, j) => (j === i ? changed : x)))}
          onRemove={() => onChange(groups.filter((_, j) => j !== i))}
        />
      ))}
      <Text
        className='ad-link add-group'
        onClick={() => onChange([...groups, { name: nextName(), departments: [], members: [] }])}
      >
        ＋ 添加规则组
      </Text>
    </View>
  )
}

const ruleName = (name: string | null) => name ?? '公司规则'

/** What saving the draft changes for whom: per rule, how many and who; then every member whose rule changes. */
export function GroupPreviewView({ preview }: { preview: GroupPreview }) {
  return (
    <View className='group-preview'>
      <Text className='ad-line group-changed-total'>
        共 {preview.total} 人，保存后规则变化 {preview.changedTotal} 人
      </Text>
      {preview.groups.map((g) => (
        <View key={g.name ?? ''} className='ad-row group-preview-row'>
          <Text className='group-preview-name'>{ruleName(g.name)}</Text>
          <Text className='ad-muted'>
            {g.count} 人（原 {g.before} 人，变化 {g.changed} 人）
            {g.sample.length ? ` ${g.sample.join('、')}` : ''}
          </Text>
        </View>
      ))}
      {preview.changes.map((c) => (
        <Text key={c.memberId} className='ad-line group-change'>
          {c.name}（{c.dept}）：{ruleName(c.from)} → {ruleName(c.to)} ·{' '}
          {c.aspects.map((a) => RULE_ASPECT_LABEL[a]).join('、')}
        </Text>
      ))}
      {preview.changes.length < preview.changedTotal && (
        <Text className='ad-muted'>仅列出前 {preview.changes.length} 人</Text>
      )}
      {preview.unknownMembers.length > 0 && (
        <Text className='ad-line group-unknown'>
          {preview.unknownMembers.length} 个列入的成员已离职或不存在，保存后不影响任何人
        </Text>
      )}
    </View>
  )
}
