import { Input, Label, Radio, RadioGroup, Text, View } from '@tarojs/components'
import type { Dispatch, SetStateAction } from 'react'
import type { AskedField, HealthCodeColour, HealthReport, HealthStatus } from '@core/health'
import './index.css'

/** The form's editable state: temperature stays text until submit. */
export interface ReportDraft {
  status: HealthStatus
  temperature: string
  region: string
  healthCode: HealthCodeColour
}

export const emptyDraft = (region = ''): ReportDraft => ({
  status: 'well',
  temperature: '',
  region,
  healthCode: 'green',
})

/** The form filled in from an earlier report (a saved draft, or the last record; it may lack fields). */
export const draftOf = (r: HealthReport): ReportDraft => ({
  status: r.status,
  temperature: r.temperature === undefined ? '' : String(r.temperature),
  region: r.region ?? '',
  healthCode: r.healthCode ?? 'green',
})

/** Every field a policy can ask for: what the form shows when it is not told. */
export const ALL_FIELDS: AskedField[] = ['temperature', 'region', 'healthCode']

/**
 * A HealthReport with the asked fields only (minimisation: what the policy does not ask is not collected), or
 * the Chinese reason the draft is not one yet (the range is the function's rule).
 */
export function toReport(d: ReportDraft, fields: AskedField[] = ALL_FIELDS): HealthReport | string {
  const report: HealthReport = { status: d.status }
  if (fields.includes('temperature')) {
    const t = Number(d.temperature)
    if (!d.temperature.trim() || !Number.isFinite(t)) return '请填写体温'
    report.temperature = Math.round(t * 10) / 10
  }
  if (fields.includes('region')) {
    if (!d.region.trim()) return '请填写所在地区'
    report.region = d.region.trim()
  }
  if (fields.includes('healthCode')) report.healthCode = d.healthCode
  return report
}

const STATUSES: [HealthStatus, string][] = [
  ['well', '健康'],
  ['unwell', '身体不适'],
]
const COLOURS: [HealthCodeColour, string][] = [
  ['green', '绿码'],
  ['yellow', '黄码'],
  ['red', '红码'],
]

interface Props {
  value: ReportDraft
  /** a state setter: edits apply as updates, so two events before a re-render both count */
  onChange: Dispatch<SetStateAction<ReportDraft>>
  disabled?: boolean
  /** the fields the company's policy asks for (status is always asked) */
  fields?: AskedField[]
}

export default function ReportForm({ value, onChange, disabled, fields = ALL_FIELDS }: Props) {
  const set = (patch: Partial<ReportDraft>) => onChange((d) => ({ ...d, ...patch }))
  return (
    <View className='report-form'>
      <View className='report-form__row'>
        <Text className='report-form__label'>健康状况</Text>
        <RadioGroup
          name='status'
          className='report-form__choices status-choices'
          onChange={(e) => set({ status: e.detail.value as HealthStatus })}
        >
          {STATUSES.map(([v, label]) => (
            <Label key={v} className='report-form__choice'>
              <Radio value={v} checked={value.status === v} disabled={disabled} color='#16a34a' />
              {label}
            </Label>
          ))}
        </RadioGroup>
      </View>
      {fields.includes('temperature') && (
        <View className='report-form__row'>
          <Text className='report-form__label'>体温 °C</Text>
          <Input
            className='report-form__input temperature-input'
            type='digit'
            placeholder='如 36.5'
            value={value.temperature}
            disabled={disabled}
            onInput={(e) => set({ temperature: e.detail.value })}
          />
        </View>
      )}
      {fields.includes('region') && (
        <View className='report-form__row'>
          <Text className='report-form__label'>所在地区</Text>
          <Input
            className='report-form__input region-input'
            placeholder='如 上海市浦东新区'
            value={value.region}
            disabled={disabled}
            onInput={(e) => set({ region: e.detail.value })}
          />
        </View>
      )}
      {fields.includes('healthCode') && (
        <View className='report-form__row'>
          <Text className='report-form__label'>健康码</Text>
          <RadioGroup
            name='healthCode'
            className='report-form__choices code-choices'
            onChange={(e) => set({ healthCode: e.detail.value as HealthCodeColour })}
          >
            {COLOURS.map(([v, label]) => (
              <Label key={v} className={`report-form__choice code-${v}`}>
                <Radio value={v} checked={value.healthCode === v} disabled={disabled} color='#16a34a' />
                {label}
              </Label>
            ))}
          </RadioGroup>
        </View>
      )}
    </View>
  )
}
