// 隐私与数据: my health-data consent (withdraw / give again), how long my details are kept and when the oldest go,
// who viewed my data, export of all my data, and the deletion request for when I leave.
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { OutputOf } from '@core/api'
import { call } from '../cloud'
import HealthConsent from '../components/privacy/consent'
import RefusalNotice, { type Refused } from '../components/refusal-notice'
import './index.css'

type Status = OutputOf<'privacy', 'status'>

/** an ISO instant as Shanghai wall time, '2026-11-28 10:05' */
/** what an access-log entry says was viewed ('export', 'makeup:<id>', 'special:<id>') */
const viewed = (what: string) =>
  what === 'export' ? '导出数据' : what.startsWith('special:') ? '查看特殊情况申请的截图' : '查看补卡申请'

const when = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

/**
 * H5: a file download. weapp: the file is written to the phone, then sent to a chat by a second tap —
 * shareFileMessage works only inside the tap itself, never after an await (no clipboard: a privacy API too).
 */
function saveJson(name: string, data: unknown): string | null {
  const text = JSON.stringify(data, null, 2)
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
    a.download = name
    a.click()
    return null
  }
  const path = `${Taro.env.USER_DATA_PATH}/${name}`
  Taro.getFileSystemManager().writeFileSync(path, text, 'utf8')
  return path
}

export default function PrivacyPage() {
  const [status, setStatus] = useState<Status | null>(null)
  const [refused, setRefused] = useState<Refused | null>(null)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState('')
  // weapp: the exported file on the phone, waiting for the tap that sends it
  const [ready, setReady] = useState<{ path: string; name: string } | null>(null)

  const load = useCallback(async () => {
    const res = await call('privacy', 'status', {})
    if (!res.ok) return setRefused(res)
    setStatus(res.data)
  }, [])
  useDidShow(() => {
    load()
  })

  const act = async (work: () => Promise<{ ok: boolean } & Partial<Refused>>, done: string) => {
    setBusy(true)
    setRefused(null)
    const res = await work()
    setBusy(false)
    if (!res.ok) return setRefused(res as Refused)
    setNote(done)
    load()
  }

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回同意',
      content: '撤回后将不能提交健康打卡和补打卡；已提交的记录按保存期限删除。确定撤回？',
    })
    if (confirm)
      act(
        () => call('privacy', 'consent', { decision: 'withdraw', version: status?.consent?.version ?? 1 }),
        '已撤回同意',
      )
  }
  const exportMine = () =>
    act(
      async () => {
        const res = await call('privacy', 'exportMine', {})
        if (res.ok) {
          const name = `my-data-${res.data.exportedAt.slice(0, 10)}.json`
          const path = saveJson(name, res.data)
          if (path) setReady({ path, name })
        }
        return res
      },
      process.env.TARO_ENV === 'h5' ? '已导出您的全部数据' : '数据已准备好，点击"发送到聊天"保存',
    )
  // synchronous in the tap, as WeChat requires
  const shareMine = () => {
    if (!ready) return
    Taro.shareFileMessage({
      filePath: ready.path,
      fileName: ready.name,
      success: () => setNote('已发送到聊天'),
      fail: () => setNote('未发送，可再次点击"发送到聊天"'),
    })
  }
  const requestDeletion = async () => {
    const { confirm } = await Taro.showModal({
      title: '申请删除',
      content: '离职时可申请删除您的健康信息和附件，由 HR 确认后删除。确定申请？',
    })
    if (confirm) act(() => call('privacy', 'requestDeletion', {}), '已提交删除申请，等待 HR 确认')
  }

  if (!status) return <View className='privacy-page'>{refused && <RefusalNotice refusal={refused} />}</View>
  const consent = status.consent
  return (
    <View className='privacy-page'>
      <View className='privacy-page__card consent-status'>
        <Text className='privacy-page__title'>健康信息处理同意</Text>
        <Text>
          {consent?.current
            ? `已同意（版本 ${consent.version}，${when(consent.at)}）`
            : consent?.withdrawnAt
              ? `已于 ${when(consent.withdrawnAt)} 撤回`
              : '尚未同意'}
        </Text>
        {consent?.current && (
          <Button className='privacy-withdraw' size='mini' disabled={busy} onClick={withdraw}>
            撤回同意
          </Button>
        )}
      </View>
      {!consent?.current && (
        <HealthConsent
          text={status.text}
          busy={busy}
          onAgree={() =>
            act(
              () => call('privacy', 'consent', { decision: 'grant', version: status.text.version }),
              '已同意',
            )
          }
        />
      )}

      <View className='privacy-page__card retention'>
        <Text className='privacy-page__title'>保存期限</Text>
        <Text>健康信息和附件保存 {status.retentionDays} 天，到期自动删除，只保留日期、状态和审核人。</Text>
        {status.nextRemoval && (
          <Text className='next-removal'>
            您最早的一条记录（{status.nextRemoval.day}）的健康信息将于 {status.nextRemoval.removedOn} 删除。
          </Text>
        )}
      </View>

      <View className='privacy-page__card viewers'>
        <Text className='privacy-page__title'>谁查看过我的数据</Text>
        {status.viewers.length === 0 && <Text className='privacy-page__muted'>暂无查看记录</Text>}
        {status.viewers.map((v) => (
          <Text key={`${v.at}-${v.viewer.id}-${v.what}`} className='viewer'>
            {when(v.at)} · {v.viewer.name} · {viewed(v.what)}
          </Text>
        ))}
      </View>

      <View className='privacy-page__card'>
        <Text className='privacy-page__title'>我的数据</Text>
        <Button className='privacy-export' size='mini' disabled={busy} onClick={exportMine}>
          导出我的全部数据（JSON）
        </Button>
        {ready && (
          <Button className='privacy-share' size='mini' type='primary' onClick={shareMine}>
            发送到聊天
          </Button>
        )}
        {status.deletionRequestedAt ? (
          <Text className='privacy-page__muted'>
            已于 {when(status.deletionRequestedAt)} 申请删除，等待 HR 确认
          </Text>
        ) : (
          <Button className='privacy-delete' size='mini' disabled={busy} onClick={requestDeletion}>
            离职时申请删除我的健康信息
          </Button>
        )}
      </View>
      {note && <Text className='privacy-page__note'>{note}</Text>}
      {refused && <RefusalNotice refusal={refused} />}
    </View>
  )
}
