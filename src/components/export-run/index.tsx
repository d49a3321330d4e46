// An export from start to the file in hand, shared by the HR dashboard, the monthly report and the audit log: the
// function writes one part per call (exportContinue until done, rows / total shown meanwhile), then the file goes
// to the user. `look` picks the subpackage's styles (hr.css or admin.css: subpackages share no CSS).
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { InputOf } from '@core/api'
import type { ExportFormat, ExportJobView } from '@core/review'
import { call } from '@/cloud'
import { downloadToPhone, openDocumentAt } from '@/components/open-file'
import RefusalNotice, { type Refused } from '@/components/refusal-notice'

type Look = 'hr' | 'ad'
const LOOKS = {
  hr: {
    chips: 'hr-chips',
    chip: 'hr-chip',
    on: 'hr-chip--on',
    start: 'hr-button hr-button--primary',
    row: 'hr-row hr-line',
    link: 'detail__file',
  },
  ad: {
    chips: 'ad-chips',
    chip: 'ad-chip',
    on: 'ad-chip--on',
    start: 'ad-button ad-button--primary',
    row: 'ad-row',
    link: 'ad-link',
  },
}

const FORMATS: [ExportFormat, string][] = [
  ['csv', 'CSV'],
  ['xlsx', 'Excel'],
]

export function FormatChips({
  value,
  onChange,
  look = 'hr',
}: {
  value: ExportFormat
  onChange: (f: ExportFormat) => void
  look?: Look
}) {
  const c = LOOKS[look]
  return (
    <View className={c.chips}>
      {FORMATS.map(([f, label]) => (
        <Text
          key={f}
          className={`${c.chip} export-format export-format--${f} ${value === f ? c.on : ''}`}
          onClick={() => onChange(f)}
        >
          {label}
        </Text>
      ))}
    </View>
  )
}

const linkLabel = (format: ExportFormat) => {
  if (process.env.TARO_ENV === 'h5') return format === 'xlsx' ? '下载 Excel' : '下载 CSV'
  return format === 'xlsx' ? '打开 Excel' : '下载到手机'
}

/**
 * The start button, the progress and the finished file. H5 opens the link. In WeChat the file is downloaded to the
 * phone: an .xlsx opens in the document viewer (which can forward or save it); a CSV, which the viewer cannot show,
 * is sent to a chat by a second tap (shareFileMessage works only inside a tap). Never the clipboard: it is not a
 * declared privacy type, and the link leads to health data.
 */
export function ExportRun({
  input,
  fileName,
  look = 'hr',
}: {
  input: InputOf<'review', 'export'>
  /** the name the file gets in the chat */
  fileName: (job: ExportJobView) => string
  look?: Look
}) {
  const c = LOOKS[look]
  const [job, setJob] = useState<ExportJobView | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  // weapp: the downloaded file, waiting for the tap that sends it to a chat
  const [onPhone, setOnPhone] = useState<string | null>(null)
  const running = job?.status === 'running'

  const start = async () => {
    setRefused(null)
    setOnPhone(null)
    let res = await call('review', 'export', input)
    while (res.ok && res.data.status === 'running') {
      setJob(res.data)
      res = await call('review', 'exportContinue', { jobId: res.data.jobId })
    }
    if (!res.ok) {
      setJob(null)
      return setRefused(res)
    }
    setJob(res.data)
  }

  const deliver = async (done: ExportJobView) => {
    if (process.env.TARO_ENV === 'h5' || done.format === 'xlsx') {
      if (!(await openDocumentAt(done.url!, 'xlsx')))
        Taro.showToast({ title: '打开失败，请重新导出后再试', icon: 'none' })
      return
    }
    const path = await downloadToPhone(done.url!)
    if (!path) return Taro.showToast({ title: '下载失败，请重新导出后再试', icon: 'none' })
    setOnPhone(path)
  }
  // synchronous in the tap, as WeChat requires
  const share = (done: ExportJobView) =>
    onPhone &&
    Taro.shareFileMessage({
      filePath: onPhone,
      fileName: fileName(done),
      fail: () => Taro.showToast({ title: '未发送，可再次点击', icon: 'none' }),
    })

  return (
    <View>
      <Button
        className={`${c.start} export-start`}
        // Taro H5 styles a button as disabled whenever the attribute exists: set only when true
        disabled={running ? true : undefined}
        loading={running}
        onClick={start}
      >
        {running ? `正在导出 ${job!.rows} / ${job!.total} 行` : '开始导出'}
      </Button>
      {refused && <RefusalNotice refusal={refused} />}
      {job?.status === 'done' && job.url && (
        <View className={c.row}>
          <Text className='export-done' data-rows={job.rows}>
            已导出 {job.rows} 行
          </Text>
          <Text
            className={`${c.link} export-link`}
            data-url={job.url}
            data-format={job.format}
            onClick={() => deliver(job)}
          >
            {linkLabel(job.format)}
          </Text>
          {onPhone && (
            <Text className={`${c.link} export-share`} onClick={() => share(job)}>
              发送到聊天
            </Text>
          )}
        </View>
      )}
    </View>
  )
}
