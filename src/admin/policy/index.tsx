import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { AdminMemberView, GroupPreview, PolicyView, PreviewView } from '@core/admin'
import { localDay } from '@core/calendar'
import {
  DEFAULT_CHAIN,
  stableJson,
  type AttachmentRule,
  type Policy,
  type RegionOverride,
  type ReportField,
} from '@core/policy'
import { call } from '@/cloud'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'
import { shortTime } from '../labels'
import { flatten } from '../depts'
import { GroupPreviewView, GroupsEditor, type MemberPool } from './groups'
import { ChainEditor, chainToStore, type ChainCandidate } from './chain'
import '../admin.css'

type Draft = Omit<Policy, 'version'>

const today = () => localDay(new Date())

interface Choice<T> {
  value: T
  label: string
}

function Chips<const T>({
  options,
  value,
  onPick,
  cls,
}: {
  options: Choice<T>[]
  value: T
  onPick: (v: T) => void
  cls: string
}) {
  return (
    <View className='ad-chips'>
      {options.map((o) => (
        <Text
          key={String(o.value)}
          className={`ad-chip ${cls}-${String(o.value)} ${o.value === value ? 'ad-chip--on' : ''}`}
          onClick={() => onPick(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  )
}

/** A number field; empty means null where the policy allows "none". */
const num = (s: string): number | null => (s.trim() === '' ? null : Number(s))
/** where a new custom quota cycle starts until HR changes it: the 21st, a common payroll month */
const CUSTOM_START = 21

const OVERRIDES: Choice<keyof RegionOverride>[] = [
  { value: 'identityBinding', label: '需实名绑定' },
  { value: 'extraVerification', label: '需额外验证' },
  { value: 'adminAuthorisation', label: '需管理员授权' },
]

const FIELDS: Choice<ReportField>[] = [
  { value: 'temperature', label: '体温' },
  { value: 'region', label: '所在地区' },
  { value: 'healthCode', label: '健康码颜色' },
  { value: 'reason', label: '补卡原因' },
  { value: 'note', label: '备注' },
]

const ATTACHMENTS: Choice<AttachmentRule>[] = [
  { value: 'none', label: '无需附件' },
  { value: 'healthCode', label: '健康码截图' },
  { value: 'testReport', label: '检测报告' },
  { value: 'either', label: '二者之一' },
]

// The policy editor with its preview: the draft (unsaved) is previewed for a chosen member and day by the same
// core function the makeup function uses; saving makes a new version and shows what changed.
export default function PolicyEditor() {
  // opened from a member's page: preview that member
  const previewFor = useRouter().params.memberId
  const [view, setView] = useState<PolicyView | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [members, setMembers] = useState<AdminMemberView[]>([])
  const [who, setWho] = useState(0)
  const [day, setDay] = useState('')
  const [preview, setPreview] = useState<PreviewView | null>(null)
  const [changes, setChanges] = useState<string[] | null>(null)
  const [newRegion, setNewRegion] = useState('')
  const [depts, setDepts] = useState<string[]>([])
  const [pool, setPool] = useState<Omit<MemberPool, 'pick' | 'more'>>({
    dept: null,
    items: [],
    next: null,
    names: {},
  })
  const [groupPreview, setGroupPreview] = useState<{ preview: GroupPreview; of: string } | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [candidates, setCandidates] = useState<ChainCandidate[]>([])

  const load = async () => {
    const res = await call('admin', 'policy', {})
    if (!res.ok) return setRefused(res)
    setView(res.data)
    const { version: _v, ...rest } = res.data.policy
    setDraft(rest)
  }

  // the members a group's member picker offers: one department's (or everyone's), 50 a page; only the latest
  // request's answer is kept, so a slow first page cannot replace the department HR picked after it
  const poolRequest = useRef(0)
  const loadPool = async (dept: string | null, offset = 0) => {
    const mine = ++poolRequest.current
    const r = await call('admin', 'members', { ...(dept ? { dept } : {}), offset })
    if (mine !== poolRequest.current) return
    if (!r.ok) return setRefused(r)
    setPool((p) => ({
      dept,
      items: offset ? [...p.items, ...r.data.items] : r.data.items,
      next: r.data.next,
      names: { ...p.names, ...Object.fromEntries(r.data.items.map((m) => [m.id, m.name])) },
    }))
  }

  // who an approval chain may name: the active reviewers and HR admins (one call; more pages only past 50)
  const loadCandidates = async () => {
    const page = (offset: number) =>
      call('admin', 'members', { roles: ['reviewer', 'hr'], ...(offset ? { offset } : {}) })
    const all: ChainCandidate[] = []
    for (let r = await page(0); ; r = await page(r.data.next)) {
      if (!r.ok) return setRefused(r)
      all.push(...r.data.items.map((m) => ({ id: m.id, name: m.name, dept: m.dept })))
      if (r.data.next === null) break
    }
    setCandidates(all)
  }

  useDidShow(() => {
    load()
    loadPool(null)
    loadCandidates()
    call('admin', 'departments', {}).then((r) => r.ok && setDepts(flatten(r.data.tree).map((d) => d.name)))
    call('admin', 'members', {}).then(async (r) => {
      if (!r.ok) return
      const list = r.data.items
      const chosen =
        previewFor && !list.some((m) => m.id === previewFor)
          ? await call('admin', 'member', { memberId: previewFor })
          : null
      const all = chosen?.ok ? [chosen.data, ...list] : list
      setMembers(all)
      setWho(
        Math.max(
          0,
          all.findIndex((m) => m.id === previewFor),
        ),
      )
    })
  })

  if (!draft || !view)
    return <View className='ad-page'>{refused && <RefusalNotice refusal={refused} />}</View>
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch })
  const setRegion = (name: string, key: keyof RegionOverride, on: boolean) =>
    set({ regions: { ...draft.regions, [name]: { ...draft.regions[name], [key]: on } } })

  // groups or the chain changed: what changes for whom is shown before saving, and saved on a second tap once seen
  const groupsChanged =
    stableJson(draft.groups ?? []) !== stableJson(view.policy.groups ?? []) ||
    stableJson(draft.approval ?? DEFAULT_CHAIN) !== stableJson(view.policy.approval ?? DEFAULT_CHAIN)
  const previewed = groupPreview?.of === stableJson(draft)

  const runGroupPreview = async () => {
    setRefused(null)
    const res = await call('admin', 'groupPreview', { policy: draft })
    if (!res.ok) return setRefused(res)
    setGroupPreview({ preview: res.data, of: stableJson(draft) ?? '' })
  }

  const save = async () => {
    setRefused(null)
    if (groupsChanged && !previewed) return runGroupPreview()
    const res = await call('admin', 'savePolicy', { policy: draft, baseVersion: view.policy.version })
    if (!res.ok) return setRefused(res)
    setChanges(res.data.changes)
    setGroupPreview(null)
    await load()
  }

  const runPreview = async () => {
    setRefused(null)
    const m = members[who]
    if (!m) return
    const res = await call('admin', 'preview', { memberId: m.id, day: day || today(), policy: draft })
    if (!res.ok) return setRefused(res)
    setPreview(res.data)
  }

  return (
    <View className='ad-page policy-page'>
      <View className='ad-card'>
        <View className='ad-row'>
          <Text className='ad-title'>当前版本 v{view.policy.version}</Text>
          <Text className='ad-muted'>
            {view.versions[0] ? `${shortTime(view.versions[0].savedAt)} ${view.versions[0].savedBy}` : ''}
          </Text>
        </View>
        <View className='ad-row'>
          <Text>补卡时限（天，0 = 只能当天）</Text>
          <Input
            className='ad-input policy-window-days'
            type='number'
            value={String(draft.window.days)}
            onInput={(e) => set({ window: { ...draft.window, days: num(e.detail.value) as number } })}
          />
        </View>
        <Chips
          cls='policy-window-unit'
          value={draft.window.unit}
          onPick={(unit) => set({ window: { ...draft.window, unit } })}
          options={[
            { value: 'working', label: '按工作日' },
            { value: 'natural', label: '按自然日' },
          ]}
        />
        <View className='ad-row'>
          <Text>上月截止日（空 = 不截止）</Text>
          <Input
            className='ad-input policy-cutoff'
            type='number'
            value={draft.cutoffDay === null ? '' : String(draft.cutoffDay)}
            onInput={(e) => set({ cutoffDay: num(e.detail.value) })}
          />
        </View>
        <View className='ad-row'>
          <Text>每周期额度（空 = 不限）</Text>
          <Input
            className='ad-input policy-cap'
            type='number'
            value={draft.quota.cap === null ? '' : String(draft.quota.cap)}
            onInput={(e) => set({ quota: { ...draft.quota, cap: num(e.detail.value) } })}
          />
        </View>
        <Chips
          cls='policy-cycle'
          value={draft.quota.cycle.kind}
          onPick={(kind) =>
            set({
              quota: {
                ...draft.quota,
                // a custom cycle starts on a day of the month (HR's payroll month, e.g. the 21st)
                cycle: kind === 'custom' ? { kind, startDay: CUSTOM_START } : { kind },
              },
            })
          }
          options={[
            { value: 'month', label: '每月' },
            { value: 'quarter', label: '每季度' },
            { value: 'custom', label: '自定义周期' },
          ]}
        />
        {draft.quota.cycle.kind === 'custom' && (
          <View className='ad-row'>
            <Text>周期起始日（每月几号，1–31）</Text>
            <Input
              className='ad-input policy-cycle-start'
              type='number'
              value={String(draft.quota.cycle.startDay)}
              onInput={(e) =>
                set({
                  quota: {
                    ...draft.quota,
                    cycle: { kind: 'custom', startDay: num(e.detail.value) as number },
                  },
                })
              }
            />
          </View>
        )}
        <View className='ad-row'>
          <Text>驳回后退还额度</Text>
          <Switch
            checked={draft.quota.refundOnRejection}
            color='#16a34a'
            onChange={(e) => set({ quota: { ...draft.quota, refundOnRejection: e.detail.value } })}
          />
        </View>
        <View className='ad-row'>
          <Text>撤销已通过的补卡后退还额度</Text>
          <Switch
            className='policy-revoke-refunds'
            checked={draft.quota.revokeRefunds !== false}
            color='#16a34a'
            onChange={(e) => set({ quota: { ...draft.quota, revokeRefunds: e.detail.value } })}
          />
        </View>
        <Text className='ad-line'>审核方式</Text>
        <Chips
          cls='policy-review'
          value={draft.review}
          onPick={(review) => set({ review })}
          options={[
            { value: 'required', label: '需要审核' },
            { value: 'auto', label: '自动通过' },
          ]}
        />
        <Text className='ad-line'>开通范围</Text>
        <Chips
          cls='policy-enablement'
          value={draft.enablement}
          onPick={(enablement) => set({ enablement })}
          options={[
            { value: 'all', label: '全员可用' },
            { value: 'enabled-only', label: '仅已开通成员' },
          ]}
        />
        <Text className='ad-line'>附件要求</Text>
        <Chips
          cls='policy-attachments'
          value={draft.attachments.rule}
          onPick={(rule) => set({ attachments: { ...draft.attachments, rule } })}
          options={ATTACHMENTS}
        />
        <Text className='ad-line'>必填项</Text>
        <View className='ad-chips'>
          {FIELDS.map((f) => (
            <Text
              key={f.value}
              className={`ad-chip policy-field-${f.value} ${draft.requiredFields.includes(f.value) ? 'ad-chip--on' : ''}`}
              onClick={() =>
                set({
                  requiredFields: draft.requiredFields.includes(f.value)
                    ? draft.requiredFields.filter((x) => x !== f.value)
                    : [...draft.requiredFields, f.value],
                })
              }
            >
              {f.label}
            </Text>
          ))}
        </View>
        <View className='ad-row'>
          <Text>每日打卡截止（空 = 全天）</Text>
          <Picker
            mode='time'
            value={draft.dailyCheckinCloses ?? '23:59'}
            onChange={(e) => set({ dailyCheckinCloses: e.detail.value })}
          >
            <Text className='ad-link policy-closes'>{draft.dailyCheckinCloses ?? '全天'} ▾</Text>
          </Picker>
          {draft.dailyCheckinCloses && (
            <Text className='ad-link' onClick={() => set({ dailyCheckinCloses: null })}>
              清除
            </Text>
          )}
        </View>
        <View className='ad-row'>
          <Text>最低小程序版本（空 = 不限）</Text>
          <Input
            className='ad-input policy-min-version'
            value={draft.minClientVersion ?? ''}
            onInput={(e) => set({ minClientVersion: e.detail.value.trim() || null })}
          />
        </View>
      </View>

      <View className='ad-card policy-calendar'>
        <Text className='ad-title'>公司休息日（法定节假日已内置）</Text>
        <View className='ad-chips'>
          {draft.calendar.companyHolidays.map((d) => (
            <Text
              key={d}
              className='ad-chip ad-chip--on company-holiday'
              onClick={() =>
                set({
                  calendar: {
                    ...draft.calendar,
                    companyHolidays: draft.calendar.companyHolidays.filter((x) => x !== d),
                  },
                })
              }
            >
              {d} ✕
            </Text>
          ))}
          <Picker
            mode='date'
            value={today()}
            onChange={(e) =>
              !draft.calendar.companyHolidays.includes(e.detail.value) &&
              set({
                calendar: {
                  ...draft.calendar,
                  companyHolidays: [...draft.calendar.companyHolidays, e.detail.value].sort(),
                },
              })
            }
          >
            <Text className='ad-chip add-holiday'>＋ 休息日</Text>
          </Picker>
        </View>
      </View>

      <View className='ad-card'>
        <Text className='ad-title'>地区规则</Text>
        {Object.keys(draft.regions).map((name) => (
          <View key={name} className='region-rule'>
            <Text className='ad-line'>{name}</Text>
            <View className='ad-chips'>
              {OVERRIDES.map((o) => (
                <Text
                  key={o.value}
                  className={`ad-chip ${draft.regions[name][o.value] ? 'ad-chip--on' : ''}`}
                  onClick={() => setRegion(name, o.value, !draft.regions[name][o.value])}
                >
                  {o.label}
                </Text>
              ))}
            </View>
          </View>
        ))}
        <View className='ad-row'>
          <Input
            className='ad-input region-name'
            placeholder='地区名称'
            value={newRegion}
            onInput={(e) => setNewRegion(e.detail.value)}
          />
          <Text
            className='ad-link'
            onClick={() => {
              if (!newRegion.trim()) return
              set({ regions: { ...draft.regions, [newRegion.trim()]: {} } })
              setNewRegion('')
            }}
          >
            添加地区
          </Text>
        </View>
      </View>

      <View className='ad-card policy-approval'>
        <Text className='ad-title'>审批流程</Text>
        <Text className='ad-muted'>
          补卡申请依次经过每一步，任一步驳回即结束；已提交的申请按提交时的流程审批。
        </Text>
        <ChainEditor
          chain={draft.approval ?? DEFAULT_CHAIN}
          candidates={candidates}
          onChange={(chain) => set({ approval: chainToStore(chain, view.policy.approval) })}
        />
      </View>

      <GroupsEditor
        groups={draft.groups ?? []}
        company={draft}
        depts={[...new Set([...depts, ...members.map((m) => m.dept)])]}
        pool={{ ...pool, pick: (d) => loadPool(d), more: () => loadPool(pool.dept, pool.items.length) }}
        candidates={candidates}
        onChange={(groups) => set({ groups })}
      />
      <View className='ad-card'>
        <Button className='ad-button run-group-preview' onClick={runGroupPreview}>
          预览规则变化（谁适用哪条规则）
        </Button>
        {groupPreview && <GroupPreviewView preview={groupPreview.preview} />}
        {groupsChanged && !previewed && (
          <Text className='ad-muted group-preview-needed'>
            规则组或审批流程有改动：保存前会先显示变化，确认后再点一次保存
          </Text>
        )}
      </View>

      <Button className='ad-button ad-button--primary save-policy' onClick={save}>
        {groupsChanged && previewed ? '确认变化并保存' : '保存为新版本'}
      </Button>
      {refused && <RefusalNotice refusal={refused} />}
      {changes && (
        <View className='ad-notice policy-saved'>
          <Text>{changes.length ? `已保存 v${view.policy.version}：` : '没有变化'}</Text>
          {changes.map((c) => (
            <Text key={c} className='ad-line'>
              {c}
            </Text>
          ))}
        </View>
      )}

      <View className='ad-card policy-preview'>
        <Text className='ad-title'>规则预览（按当前编辑内容）</Text>
        <View className='ad-row'>
          <Text>成员</Text>
          <Picker
            mode='selector'
            range={members.map((m) => `${m.name}（${m.dept}）`)}
            value={who}
            onChange={(e) => setWho(Number(e.detail.value))}
          >
            <Text className='ad-link preview-member'>{members[who] ? `${members[who].name} ▾` : '—'}</Text>
          </Picker>
        </View>
        <View className='ad-row'>
          <Text>日期</Text>
          <Picker mode='date' value={day || today()} onChange={(e) => setDay(e.detail.value)}>
            <Text className='ad-link preview-day'>{day || today()} ▾</Text>
          </Picker>
        </View>
        <Button className='ad-button run-preview' onClick={runPreview}>
          预览可补卡日期
        </Button>
        {preview && (
          <View className='preview-result'>
            {preview.quota.map((q) => (
              <Text key={q.cycle} className='ad-line preview-quota'>
                {q.cycle} 额度：{q.cap < 0 ? '不限' : `剩余 ${q.remaining} / ${q.cap}`}
              </Text>
            ))}
            {preview.days.map((d) => (
              <View
                key={d.day}
                className={`ad-row preview-day-row ${d.ok ? 'preview-ok' : 'preview-blocked'}`}
              >
                <Text>{d.day}</Text>
                <Text className={`ad-tag ${d.ok ? '' : 'ad-tag--off'}`}>
                  {d.ok
                    ? `可补 · 截止 ${shortTime(d.deadline!)}${d.charged === false ? ' · 不占额度' : ''}`
                    : d.reason}
                </Text>
              </View>
            ))}
          </View>
        )}
      </View>
    </View>
  )
}
