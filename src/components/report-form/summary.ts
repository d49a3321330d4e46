import type { HealthCodeColour, HealthReport } from '@core/health'

const CODE_LABEL: Record<HealthCodeColour, string> = { green: '绿码', yellow: '黄码', red: '红码' }

/** One line for lists: '体温 36.5°C · 北京 · 绿码', with only the fields the report has. */
export function reportSummary(r: HealthReport): string {
  return [
    r.temperature === undefined ? '' : `体温 ${r.temperature}°C`,
    r.region ?? '',
    r.healthCode ? CODE_LABEL[r.healthCode] : '',
  ]
    .filter(Boolean)
    .join(' · ')
}
